-- Issue 11 §3: audited reads no longer queue for their trust's chain head. Every audited
-- request used to lock audit_chain_heads until it committed, so one trust's audited reads ran
-- one commit at a time (~350 a second against ~4,700 unaudited). An allowed read now inserts
-- its event here, in its own transaction (durable with it, rolled back with it) and without
-- touching the head; the next chained append — any write or refusal in the trust, the linker
-- worker (every second), or anything that reads the chain — moves the trust's pending events
-- onto the chain in the order they were written, under the head's lock, and hashes them as
-- it always has. `appraise audit verify` links first, so it checks every event written.
--
-- The application role may delete here (linking moves rows); it may not update. Until linked,
-- an event is protected like any row the application writes, not yet by the chain: the
-- linker keeps that window to about a second.

CREATE TABLE audit_pending (
    trust_id           uuid NOT NULL REFERENCES trusts (id),
    pending_id         bigint GENERATED ALWAYS AS IDENTITY,
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
    CONSTRAINT audit_pending_pkey PRIMARY KEY (trust_id, pending_id),
    CONSTRAINT audit_pending_id_key UNIQUE (id),
    CONSTRAINT audit_pending_outcome_check CHECK (outcome IN ('allowed', 'denied'))
);

ALTER TABLE audit_pending ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_pending FORCE ROW LEVEL SECURITY;
-- The linker finds trusts with pending events in platform scope, as the verifier walks chains.
CREATE POLICY audit_pending_isolation ON audit_pending
    USING (trust_id = app_current_trust() OR app_platform_scope())
    WITH CHECK (trust_id = app_current_trust() OR app_platform_scope());

CREATE FUNCTION audit_pending_refuse_update() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    RAISE EXCEPTION 'pending audit events are linked or kept, never changed'
        USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_pending_no_update
    BEFORE UPDATE ON audit_pending
    FOR EACH ROW EXECUTE FUNCTION audit_pending_refuse_update();

GRANT SELECT, INSERT, DELETE ON audit_pending TO appraise_app;
