-- Issue 17 §2 (003 §1.8): "Governors may also request an anonymised sample of performance
-- management statements to enable them to perform their role in monitoring". The head of a
-- unit draws a sample of a cycle's issued statements; the system removes identifiers (names,
-- ids, email addresses, long numbers), the head checks and edits each text, and releases the
-- sample once they confirm its redaction. Governors of the unit read released samples only.
-- An item keeps its statement's id, never shown, so that destroying the statement at the end
-- of retention (0029) takes the sampled text with it.

CREATE TABLE statement_samples (
    trust_id     uuid NOT NULL REFERENCES trusts (id),
    id           uuid NOT NULL,
    unit_id      uuid NOT NULL,
    cycle_id     uuid NOT NULL,
    state        text NOT NULL DEFAULT 'draft',
    -- Who drew it and who released it; NULL when the platform's administrator did.
    prepared_by  uuid,
    released_by  uuid,
    released_at  timestamptz,
    version      integer NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    CONSTRAINT statement_samples_pkey PRIMARY KEY (id),
    CONSTRAINT statement_samples_trust_id_id_key UNIQUE (trust_id, id),
    CONSTRAINT statement_samples_unit_fkey FOREIGN KEY (trust_id, unit_id) REFERENCES units (trust_id, id),
    CONSTRAINT statement_samples_cycle_fkey FOREIGN KEY (trust_id, cycle_id) REFERENCES cycles (trust_id, id),
    CONSTRAINT statement_samples_state_check CHECK (state IN ('draft', 'released')),
    CONSTRAINT statement_samples_released_check CHECK ((state = 'released') = (released_at IS NOT NULL))
);
CREATE INDEX statement_samples_unit_idx ON statement_samples (trust_id, unit_id, created_at);

CREATE TABLE statement_sample_items (
    trust_id               uuid NOT NULL REFERENCES trusts (id),
    sample_id              uuid NOT NULL,
    position               integer NOT NULL,
    statement_id           uuid NOT NULL,
    staff_group            text NOT NULL,
    objectives_met         integer NOT NULL,
    objectives_partly_met  integer NOT NULL,
    objectives_not_met     integer NOT NULL,
    pay_outcome            text,
    -- Each section's text with identifiers removed, then as the head edited it.
    sections               jsonb NOT NULL,
    CONSTRAINT statement_sample_items_pkey PRIMARY KEY (trust_id, sample_id, position),
    CONSTRAINT statement_sample_items_sample_fkey FOREIGN KEY (trust_id, sample_id)
        REFERENCES statement_samples (trust_id, id) ON DELETE CASCADE,
    CONSTRAINT statement_sample_items_statement_fkey FOREIGN KEY (trust_id, statement_id)
        REFERENCES statements (trust_id, id) ON DELETE CASCADE,
    CONSTRAINT statement_sample_items_sections_check CHECK (jsonb_typeof(sections) = 'object')
);
CREATE INDEX statement_sample_items_statement_idx ON statement_sample_items (trust_id, statement_id);

ALTER TABLE statement_samples ENABLE ROW LEVEL SECURITY;
ALTER TABLE statement_samples FORCE ROW LEVEL SECURITY;
CREATE POLICY statement_samples_isolation ON statement_samples
    USING (trust_id = app_current_trust()) WITH CHECK (trust_id = app_current_trust());
ALTER TABLE statement_sample_items ENABLE ROW LEVEL SECURITY;
ALTER TABLE statement_sample_items FORCE ROW LEVEL SECURITY;
CREATE POLICY statement_sample_items_isolation ON statement_sample_items
    USING (trust_id = app_current_trust()) WITH CHECK (trust_id = app_current_trust());
GRANT SELECT, INSERT, UPDATE ON statement_samples TO appraise_app;
GRANT SELECT, INSERT, UPDATE ON statement_sample_items TO appraise_app;
