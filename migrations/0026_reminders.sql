-- Issue 16 §5: reminders. A task of someone with an account (TaskService: objectives to agree,
-- feedback, meeting records, statements, support reviews, pay steps …) that falls due within
-- the trust's lead time, or is overdue, becomes one reminder per deadline and stage: an event on
-- the change feed and, where the trust turns emails on, one email. The unique key is what
-- makes each stage of each deadline fire once, whichever server process runs the pass.
CREATE TABLE reminder_settings (
    trust_id     uuid NOT NULL REFERENCES trusts (id),
    emails       boolean NOT NULL DEFAULT false,
    days_before  integer NOT NULL DEFAULT 5,
    version      integer NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    CONSTRAINT reminder_settings_pkey PRIMARY KEY (trust_id),
    CONSTRAINT reminder_settings_days_before_check CHECK (days_before BETWEEN 1 AND 30)
);

CREATE TABLE reminders (
    trust_id        uuid NOT NULL REFERENCES trusts (id),
    id              uuid NOT NULL,
    person_id       uuid NOT NULL,
    kind            text NOT NULL,
    resource        text NOT NULL,
    due_date        date NOT NULL,
    stage           text NOT NULL,
    created_at      timestamptz NOT NULL,
    -- NULL: not emailed (the trust's emails were off when it fell due).
    email_state     text,
    email_attempts  integer NOT NULL DEFAULT 0,
    -- A sender holds a pending email while it sends (no transaction is open meanwhile); a
    -- crashed sender's hold runs out and another sends it. After a failure: when to retry.
    email_held_until timestamptz,
    emailed_at      timestamptz,
    email_error     text,
    CONSTRAINT reminders_pkey PRIMARY KEY (id),
    CONSTRAINT reminders_once_key UNIQUE (trust_id, person_id, kind, resource, due_date, stage),
    CONSTRAINT reminders_person_fkey FOREIGN KEY (trust_id, person_id) REFERENCES people (trust_id, id)
        ON DELETE CASCADE,
    CONSTRAINT reminders_stage_check CHECK (stage IN ('due_soon', 'overdue')),
    CONSTRAINT reminders_email_state_check CHECK (email_state IN ('pending', 'sent', 'failed'))
);
CREATE INDEX reminders_pending_idx ON reminders (trust_id, created_at) WHERE email_state = 'pending';

ALTER TABLE reminder_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE reminder_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY reminder_settings_isolation ON reminder_settings
    USING (trust_id = app_current_trust()) WITH CHECK (trust_id = app_current_trust());
ALTER TABLE reminders ENABLE ROW LEVEL SECURITY;
ALTER TABLE reminders FORCE ROW LEVEL SECURITY;
CREATE POLICY reminders_isolation ON reminders
    USING (trust_id = app_current_trust()) WITH CHECK (trust_id = app_current_trust());
GRANT SELECT, INSERT, UPDATE ON reminder_settings TO appraise_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON reminders TO appraise_app;
