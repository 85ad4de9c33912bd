-- Audit log (PRODUCT.md "Confidentiality, audit and records"; issue 3 §4): every write appends
-- one event in the same transaction as the change. Events form a SHA-256 hash chain per
-- trust (each event's hash covers the previous event's hash), so a changed, deleted or
-- reordered row is found by `appraise audit verify`. The application role may only insert
-- and read; a trigger refuses UPDATE, DELETE and TRUNCATE for everyone else too.

CREATE TABLE audit_events (
    trust_id           uuid NOT NULL REFERENCES trusts (id),
    sequence           bigint NOT NULL,
    id                 uuid NOT NULL,
    occurred_at        timestamptz NOT NULL,
    actor_type         text NOT NULL,
    actor_id           text,
    auth_method        text NOT NULL,
    effective_role     text,
    request_id         text,
    client_address     text,
    action             text NOT NULL,
    resource_type      text NOT NULL,
    resource_id        uuid,
    subject_person_id  uuid,
    outcome            text NOT NULL,
    reason             text,
    changed_fields     text[] NOT NULL DEFAULT '{}',
    previous_hash      text NOT NULL,
    hash               text NOT NULL,
    CONSTRAINT audit_events_pkey PRIMARY KEY (trust_id, sequence),
    CONSTRAINT audit_events_id_key UNIQUE (id),
    CONSTRAINT audit_events_sequence_check CHECK (sequence >= 1),
    CONSTRAINT audit_events_outcome_check CHECK (outcome IN ('allowed', 'denied'))
);
CREATE INDEX audit_events_subject_idx ON audit_events (trust_id, subject_person_id, sequence);
CREATE INDEX audit_events_resource_idx ON audit_events (trust_id, resource_type, resource_id, sequence);
CREATE INDEX audit_events_time_idx ON audit_events (trust_id, occurred_at);

-- The head of each trust's chain. Appending locks this row, so appends in one trust are
-- serialised and sequences have no gaps; verification never trusts it, only the events.
CREATE TABLE audit_chain_heads (
    trust_id  uuid PRIMARY KEY REFERENCES trusts (id),
    sequence  bigint NOT NULL,
    hash      text NOT NULL
);

CREATE FUNCTION audit_events_refuse_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_events_append_only
    BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
CREATE TRIGGER audit_events_no_truncate
    BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();

ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
-- Platform scope (the break-glass administrator, the verifier) spans trusts.
CREATE POLICY audit_events_isolation ON audit_events
    USING (trust_id = app_current_trust() OR app_platform_scope())
    WITH CHECK (trust_id = app_current_trust() OR app_platform_scope());

ALTER TABLE audit_chain_heads ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_chain_heads FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_chain_heads_isolation ON audit_chain_heads
    USING (trust_id = app_current_trust() OR app_platform_scope())
    WITH CHECK (trust_id = app_current_trust() OR app_platform_scope());

GRANT SELECT, INSERT ON audit_events TO appraise_app;
GRANT SELECT, INSERT, UPDATE ON audit_chain_heads TO appraise_app;
