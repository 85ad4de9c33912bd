-- Issue 16 §3: the change feed's outbox. Every audited write of a kind an integrator follows
-- (staff records, cycles, appraisals and their record, pay, support) inserts one row here in
-- the write's own transaction, after its audit event. Chained audit appends hold the trust's
-- chain head (audit_chain_heads) until commit, so within a trust `position` grows in commit
-- order: a reader resuming after a position never misses a later commit. Positions are
-- global (gaps between trusts are expected); a trust's feed is its rows in position order.
-- Rows carry identifiers, the type and the names of the fields that changed: never values.
CREATE TABLE change_events (
    trust_id           uuid NOT NULL REFERENCES trusts (id),
    position           bigint GENERATED ALWAYS AS IDENTITY,
    id                 uuid NOT NULL,
    type               text NOT NULL,
    topic              text NOT NULL,
    resource_type      text NOT NULL,
    resource_id        uuid,
    subject_person_id  uuid,
    changed_fields     text[] NOT NULL DEFAULT '{}',
    occurred_at        timestamptz NOT NULL,
    CONSTRAINT change_events_pkey PRIMARY KEY (trust_id, position),
    CONSTRAINT change_events_id_key UNIQUE (id),
    CONSTRAINT change_events_topic_check CHECK (topic IN ('staff', 'appraisals', 'pay', 'support'))
);
ALTER TABLE change_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE change_events FORCE ROW LEVEL SECURITY;
CREATE POLICY change_events_isolation ON change_events
    USING (trust_id = app_current_trust()) WITH CHECK (trust_id = app_current_trust());
-- Insert-only: the feed is a history, as the audit log is.
GRANT SELECT, INSERT ON change_events TO appraise_app;

-- Issue 16 §1: a full sync marks the staff it no longer lists as leavers; their appraisals in
-- cycles not yet closed are withdrawn (kept for retention, out of tasks and progress).
ALTER TABLE appraisals DROP CONSTRAINT appraisals_state_check;
ALTER TABLE appraisals ADD CONSTRAINT appraisals_state_check
    CHECK (state IN ('active', 'suspended', 'completed', 'withdrawn'));

-- Issue 16 §2: `updated_since` on the staff lists reads only what changed.
CREATE INDEX units_updated_idx ON units (trust_id, updated_at);
CREATE INDEX people_updated_idx ON people (trust_id, updated_at);
CREATE INDEX employments_updated_idx ON employments (trust_id, updated_at);
