-- Row-level security that keeps its indexes. The tenant policies of 0003–0009 read
-- `trust_id = app_current_trust() OR app_platform_scope()`; with the OR, PostgreSQL cannot use
-- the trust_id indexes and scans the table (57 ms against 0.07 ms on 400,000 objectives).
-- No platform-scope code reads these tables: the platform administrator acts inside one
-- trust at a time (Appraise-Trust-Id), and platform scope covers only the trusts themselves
-- and the audit chains `appraise audit verify` walks (0001, 0002 keep their policies). So each
-- policy becomes the plain equality 0001 uses for units, people and employments; the
-- lookups that happen before a trust is known keep their one named key (an API key's prefix,
-- a login email, a refresh-token hash, an OpenID issuer), each served by its own index.
DO $$
DECLARE name text;
BEGIN
    FOREACH name IN ARRAY ARRAY['grants', 'policy_versions', 'school_years', 'cycles', 'appraisals', 'cycle_exclusions',
                                'reviewer_appointments', 'reviewer_appointment_members', 'objectives', 'objective_history',
                                'progress_notes', 'observations', 'conversations', 'wellbeing_notes', 'meetings', 'plan_items',
                                'development_activities', 'evidence', 'evidence_documents'] LOOP
        EXECUTE format('DROP POLICY %I ON %I', name || '_isolation', name);
        EXECUTE format('CREATE POLICY %I ON %I USING (trust_id = app_current_trust())'
                       ' WITH CHECK (trust_id = app_current_trust())', name || '_isolation', name);
    END LOOP;
END $$;

DROP POLICY api_keys_isolation ON api_keys;
CREATE POLICY api_keys_isolation ON api_keys
    USING (trust_id = app_current_trust() OR prefix = nullif(current_setting('app.api_key_prefix', true), ''))
    WITH CHECK (trust_id = app_current_trust());

DROP POLICY accounts_isolation ON accounts;
CREATE POLICY accounts_isolation ON accounts
    USING (trust_id = app_current_trust() OR lower(email) = lower(nullif(current_setting('app.login_email', true), '')))
    WITH CHECK (trust_id = app_current_trust());

DROP POLICY sessions_isolation ON sessions;
CREATE POLICY sessions_isolation ON sessions
    USING (trust_id = app_current_trust()
           OR refresh_hash = nullif(current_setting('app.refresh_hash', true), '')
           OR previous_refresh_hash = nullif(current_setting('app.refresh_hash', true), ''))
    WITH CHECK (trust_id = app_current_trust());

DROP POLICY identity_providers_isolation ON identity_providers;
CREATE POLICY identity_providers_isolation ON identity_providers
    USING (trust_id = app_current_trust() OR issuer = nullif(current_setting('app.oidc_issuer', true), ''))
    WITH CHECK (trust_id = app_current_trust());

-- The lookups before a trust is known lost their one-column indexes when 0010 made emails and
-- issuers unique per trust ((trust_id, …) cannot serve them): login finds an email, token
-- verification an issuer.
CREATE INDEX accounts_login_email_idx ON accounts (lower(email));
CREATE INDEX identity_providers_issuer_idx ON identity_providers (issuer);
