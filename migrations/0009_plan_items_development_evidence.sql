-- What objectives link to, development and CPD, and evidence (issue 5 §1, §2, §5).
-- Tenancy as in 0001: trust_id everywhere, in every foreign key, FORCE RLS.

-- A trust priority (trust-wide), a school improvement plan item (one unit) or a job
-- description item — the key accountabilities of a role profile (003 §4.6).
CREATE TABLE plan_items (
    trust_id    uuid NOT NULL REFERENCES trusts (id),
    id          uuid NOT NULL,
    kind        text NOT NULL CHECK (kind IN ('trust_priority', 'improvement_plan_item', 'job_description_item')),
    unit_id     uuid,
    job_title   text,
    code        text,
    title       text NOT NULL,
    version     integer NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    CONSTRAINT plan_items_pkey PRIMARY KEY (id),
    CONSTRAINT plan_items_trust_id_id_key UNIQUE (trust_id, id),
    CONSTRAINT plan_items_unit_fkey FOREIGN KEY (trust_id, unit_id) REFERENCES units (trust_id, id),
    CONSTRAINT plan_items_unit_check CHECK ((kind = 'improvement_plan_item') = (unit_id IS NOT NULL)),
    CONSTRAINT plan_items_job_title_check CHECK ((kind = 'job_description_item') = (job_title IS NOT NULL))
);
CREATE INDEX plan_items_kind_idx ON plan_items (trust_id, kind, id);

-- 000 Appendix A, 004 §9: a development need, how it will be met, when it was, and its impact.
CREATE TABLE development_activities (
    trust_id          uuid NOT NULL REFERENCES trusts (id),
    id                uuid NOT NULL,
    appraisal_id      uuid NOT NULL,
    objective_id      uuid,
    need              text NOT NULL,
    planned_delivery  text NOT NULL,
    planned_by        date,
    completed_on      date,
    impact            text,
    version           integer NOT NULL DEFAULT 1,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    CONSTRAINT development_activities_pkey PRIMARY KEY (id),
    CONSTRAINT development_activities_appraisal_fkey FOREIGN KEY (trust_id, appraisal_id) REFERENCES appraisals (trust_id, id),
    CONSTRAINT development_activities_objective_fkey FOREIGN KEY (trust_id, objective_id) REFERENCES objectives (trust_id, id)
);
CREATE INDEX development_activities_appraisal_idx ON development_activities (trust_id, appraisal_id, id);

-- 003 §5.1: evidence of performance, linked to an objective or a standard.
CREATE TABLE evidence (
    trust_id      uuid NOT NULL REFERENCES trusts (id),
    id            uuid NOT NULL,
    appraisal_id  uuid NOT NULL,
    objective_id  uuid,
    standard      text,
    kind          text NOT NULL CHECK (kind IN ('observation', 'pupil_progress', 'work_sampling', 'other')),
    summary       text NOT NULL,
    added_by      uuid,
    version       integer NOT NULL DEFAULT 1,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    CONSTRAINT evidence_pkey PRIMARY KEY (id),
    CONSTRAINT evidence_trust_id_id_key UNIQUE (trust_id, id),
    CONSTRAINT evidence_appraisal_fkey FOREIGN KEY (trust_id, appraisal_id) REFERENCES appraisals (trust_id, id),
    CONSTRAINT evidence_objective_fkey FOREIGN KEY (trust_id, objective_id) REFERENCES objectives (trust_id, id)
);
CREATE INDEX evidence_appraisal_idx ON evidence (trust_id, appraisal_id, id);

-- The optional document, apart so lists never read the bytes. Its SHA-256 is kept to detect
-- corruption and for integrity checks by the trust.
CREATE TABLE evidence_documents (
    trust_id     uuid NOT NULL REFERENCES trusts (id),
    evidence_id  uuid NOT NULL,
    filename     text NOT NULL,
    media_type   text NOT NULL,
    size_bytes   integer NOT NULL CHECK (size_bytes > 0),
    sha256       text NOT NULL,
    content      bytea NOT NULL,
    uploaded_at  timestamptz NOT NULL,
    CONSTRAINT evidence_documents_pkey PRIMARY KEY (trust_id, evidence_id),
    CONSTRAINT evidence_documents_evidence_fkey FOREIGN KEY (trust_id, evidence_id) REFERENCES evidence (trust_id, id)
);

DO $$
DECLARE
    name text;
BEGIN
    FOREACH name IN ARRAY ARRAY['plan_items', 'development_activities', 'evidence', 'evidence_documents'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', name);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', name);
        EXECUTE format('CREATE POLICY %I ON %I USING (trust_id = app_current_trust() OR app_platform_scope())'
                       ' WITH CHECK (trust_id = app_current_trust() OR app_platform_scope())', name || '_isolation', name);
    END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE ON plan_items, development_activities, evidence, evidence_documents TO appraise_app;
