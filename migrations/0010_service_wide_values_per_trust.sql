-- Issue 10 item 21: two values were unique across the whole service, so a conflict told one
-- trust that another trust held the value, and one trust could claim a shared value for good.
--
-- An account's email is unique within its trust. The same person may hold accounts in two
-- trusts (a governor of two schools, an external adviser); at login their password picks the
-- account, and if it opens more than one they name the trust.
DROP INDEX accounts_email_key;
CREATE UNIQUE INDEX accounts_email_key ON accounts (trust_id, lower(email));

-- An OpenID Connect issuer — a public one such as Microsoft's or Google's — may be trusted by
-- any number of trusts, once each; a token signs into the one trust whose audience and keys
-- verify it and which knows the person it names.
ALTER TABLE identity_providers DROP CONSTRAINT identity_providers_issuer_key;
ALTER TABLE identity_providers ADD CONSTRAINT identity_providers_issuer_key UNIQUE (trust_id, issuer);
