-- User accounts and their sessions (issue 3 §1): an account belongs to a person and logs in
-- with email and password; each login is a session whose refresh token rotates on every use.
-- Only hashes are stored: the password's PBKDF2-SHA256, the refresh token's SHA-256.

CREATE TABLE accounts (
    trust_id       uuid NOT NULL REFERENCES trusts (id),
    id             uuid NOT NULL,
    person_id      uuid NOT NULL,
    email          text NOT NULL,
    password_hash  text NOT NULL,
    disabled_at    timestamptz,
    version        integer NOT NULL DEFAULT 1,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    CONSTRAINT accounts_pkey PRIMARY KEY (id),
    CONSTRAINT accounts_trust_id_id_key UNIQUE (trust_id, id),
    CONSTRAINT accounts_person_fkey FOREIGN KEY (trust_id, person_id) REFERENCES people (trust_id, id),
    CONSTRAINT accounts_person_key UNIQUE (trust_id, person_id)
);
-- Login is by email alone, before any trust is known: one account per address in the service.
CREATE UNIQUE INDEX accounts_email_key ON accounts (lower(email));

CREATE TABLE sessions (
    trust_id               uuid NOT NULL REFERENCES trusts (id),
    id                     uuid NOT NULL,
    account_id             uuid NOT NULL,
    refresh_hash           text NOT NULL,
    previous_refresh_hash  text,
    created_at             timestamptz NOT NULL,
    refreshed_at           timestamptz NOT NULL,
    expires_at             timestamptz NOT NULL,
    ended_at               timestamptz,
    end_reason             text,
    CONSTRAINT sessions_pkey PRIMARY KEY (id),
    CONSTRAINT sessions_account_fkey FOREIGN KEY (trust_id, account_id) REFERENCES accounts (trust_id, id),
    CONSTRAINT sessions_refresh_hash_key UNIQUE (refresh_hash)
);
CREATE INDEX sessions_previous_refresh_hash_idx ON sessions (previous_refresh_hash);
CREATE INDEX sessions_account_idx ON sessions (trust_id, account_id);

ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
ALTER TABLE accounts FORCE ROW LEVEL SECURITY;
-- The login transaction names the one address it was given (app.login_email) and sees that row only.
CREATE POLICY accounts_isolation ON accounts
    USING (trust_id = app_current_trust() OR app_platform_scope()
           OR lower(email) = lower(nullif(current_setting('app.login_email', true), '')))
    WITH CHECK (trust_id = app_current_trust() OR app_platform_scope());

ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE sessions FORCE ROW LEVEL SECURITY;
-- The refresh transaction names the one token hash it was given (app.refresh_hash).
CREATE POLICY sessions_isolation ON sessions
    USING (trust_id = app_current_trust() OR app_platform_scope()
           OR refresh_hash = nullif(current_setting('app.refresh_hash', true), '')
           OR previous_refresh_hash = nullif(current_setting('app.refresh_hash', true), ''))
    WITH CHECK (trust_id = app_current_trust() OR app_platform_scope());

GRANT SELECT, INSERT, UPDATE ON accounts, sessions TO appraise_app;
