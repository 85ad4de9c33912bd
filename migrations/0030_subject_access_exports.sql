-- Issue 17 §8: subject access (UK GDPR art. 15; the ICO's one month). HR asks for everything
-- held about one person; a background worker of the server builds it as one zip (their
-- records, statements, documents and the audit events about them) and keeps it here until it
-- expires. The worker finds pending exports across trusts (platform scope, as the webhook
-- worker does: this table stays small); a worker that dies part way leaves a stale heartbeat,
-- and the next one starts the export again.

CREATE TABLE subject_access_exports (
    trust_id        uuid NOT NULL REFERENCES trusts (id),
    id              uuid NOT NULL,
    person_id       uuid NOT NULL,
    -- Who asked; NULL when the platform's administrator did.
    requested_by    uuid,
    state           text NOT NULL DEFAULT 'pending',
    -- Progress: the parts written (the records, then each document) of how many.
    items_done      integer NOT NULL DEFAULT 0,
    items_total     integer,
    heartbeat_at    timestamptz,
    archive         bytea,
    archive_bytes   bigint,
    archive_sha256  text,
    requested_at    timestamptz NOT NULL,
    completed_at    timestamptz,
    expires_at      timestamptz,
    version         integer NOT NULL DEFAULT 1,
    CONSTRAINT subject_access_exports_pkey PRIMARY KEY (id),
    CONSTRAINT subject_access_exports_trust_id_id_key UNIQUE (trust_id, id),
    CONSTRAINT subject_access_exports_person_fkey FOREIGN KEY (trust_id, person_id)
        REFERENCES people (trust_id, id),
    CONSTRAINT subject_access_exports_state_check
        CHECK (state IN ('pending', 'running', 'ready', 'failed', 'expired')),
    CONSTRAINT subject_access_exports_progress_check
        CHECK (items_done >= 0 AND (items_total IS NULL OR items_done <= items_total))
);
CREATE INDEX subject_access_exports_person_idx ON subject_access_exports (trust_id, person_id, requested_at);
CREATE INDEX subject_access_exports_open_idx ON subject_access_exports (requested_at)
    WHERE state IN ('pending', 'running', 'ready');
ALTER TABLE subject_access_exports ENABLE ROW LEVEL SECURITY;
ALTER TABLE subject_access_exports FORCE ROW LEVEL SECURITY;
CREATE POLICY subject_access_exports_isolation ON subject_access_exports
    USING (trust_id = app_current_trust() OR app_platform_scope())
    WITH CHECK (trust_id = app_current_trust() OR app_platform_scope());
GRANT SELECT, INSERT, UPDATE ON subject_access_exports TO appraise_app;
