-- API keys for integrations (issue 3 §1): created by an administrator, shown once, stored as
-- a SHA-256 of the secret (the secret is 256 random bits, so a slow KDF adds nothing),
-- scoped, revocable, last use recorded. A key belongs to one trust and acts only in it.

CREATE TABLE api_keys (
    trust_id      uuid NOT NULL REFERENCES trusts (id),
    id            uuid NOT NULL,
    name          text NOT NULL,
    prefix        text NOT NULL,
    secret_hash   text NOT NULL,
    scopes        text[] NOT NULL,
    created_at    timestamptz NOT NULL,
    revoked_at    timestamptz,
    last_used_at  timestamptz,
    version       integer NOT NULL DEFAULT 1,
    CONSTRAINT api_keys_pkey PRIMARY KEY (id),
    CONSTRAINT api_keys_trust_id_id_key UNIQUE (trust_id, id),
    CONSTRAINT api_keys_prefix_key UNIQUE (prefix),
    CONSTRAINT api_keys_name_check CHECK (length(btrim(name)) BETWEEN 1 AND 200)
);

ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_keys FORCE ROW LEVEL SECURITY;
-- Authentication happens before the trust is known: the lookup transaction names the one
-- prefix it was presented (app.api_key_prefix), and sees that row only.
CREATE POLICY api_keys_isolation ON api_keys
    USING (trust_id = app_current_trust() OR app_platform_scope()
           OR prefix = nullif(current_setting('app.api_key_prefix', true), ''))
    WITH CHECK (trust_id = app_current_trust() OR app_platform_scope());

GRANT SELECT, INSERT, UPDATE ON api_keys TO appraise_app;
