-- Single sign-on (issue 3 §1): a trust trusts an OpenID Connect issuer (Microsoft Entra ID,
-- Google Workspace); its RS256/ES256 tokens, checked against the issuer's JWKS, identify a
-- person of the trust by email or by subject (the person's external_id).

CREATE TABLE identity_providers (
    trust_id    uuid NOT NULL REFERENCES trusts (id),
    id          uuid NOT NULL,
    issuer      text NOT NULL,
    audience    text NOT NULL,
    match_by    text NOT NULL,
    jwks        jsonb NOT NULL,
    version     integer NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL,
    CONSTRAINT identity_providers_pkey PRIMARY KEY (id),
    CONSTRAINT identity_providers_trust_id_id_key UNIQUE (trust_id, id),
    -- An issuer belongs to one trust: the token's issuer decides which trust it signs into.
    CONSTRAINT identity_providers_issuer_key UNIQUE (issuer),
    CONSTRAINT identity_providers_match_by_check CHECK (match_by IN ('email', 'subject'))
);

ALTER TABLE identity_providers ENABLE ROW LEVEL SECURITY;
ALTER TABLE identity_providers FORCE ROW LEVEL SECURITY;
-- Verifying a token happens before its trust is known: the lookup names the issuer it read.
CREATE POLICY identity_providers_isolation ON identity_providers
    USING (trust_id = app_current_trust() OR app_platform_scope()
           OR issuer = nullif(current_setting('app.oidc_issuer', true), ''))
    WITH CHECK (trust_id = app_current_trust() OR app_platform_scope());

GRANT SELECT, INSERT, DELETE ON identity_providers TO appraise_app;
