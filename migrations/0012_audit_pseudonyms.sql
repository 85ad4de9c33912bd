-- Issue 11 §3: the audit chain hashes keyed pseudonyms of identifiers, not the identifiers.
-- Records are destroyed after six years (001, 003 §1.9); the people they name may ask to be
-- erased. The chain used to hash actor ids, client addresses and subject ids, so removing any
-- of them broke verification. From this migration each event also stores, for the actor, the
-- client address, the resource and the subject, HMAC-SHA256 under its trust's chain key; the
-- hash covers those (hash_version 2), and the identifiers themselves may be set to NULL —
-- that one change, and no other, the append-only trigger now lets through.

ALTER TABLE audit_events
    ADD COLUMN hash_version       smallint NOT NULL DEFAULT 1,
    ADD COLUMN actor_pseudonym    text,
    ADD COLUMN client_pseudonym   text,
    ADD COLUMN resource_pseudonym text,
    ADD COLUMN subject_pseudonym  text,
    ADD CONSTRAINT audit_events_hash_version_check CHECK (hash_version IN (1, 2));

-- Each trust's key, beside its chain head (read by the append that locks the head anyway):
-- 256 bits from two random UUIDs' 244 random bits, hex-decoded.
ALTER TABLE audit_chain_heads
    ADD COLUMN pseudonym_key bytea NOT NULL
        DEFAULT decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex');

-- Append-only, but for erasure: an update of a version-2 event that only sets identifiers
-- to NULL. Everything the hash covers (the pseudonyms included) stays as it was.
CREATE OR REPLACE FUNCTION audit_events_refuse_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.hash_version = 2
       AND (NEW.trust_id, NEW.sequence, NEW.id, NEW.occurred_at, NEW.actor_type, NEW.auth_method,
            NEW.effective_role, NEW.request_id, NEW.action, NEW.resource_type, NEW.outcome, NEW.reason,
            NEW.changed_fields, NEW.previous_hash, NEW.hash, NEW.hash_version, NEW.actor_pseudonym,
            NEW.client_pseudonym, NEW.resource_pseudonym, NEW.subject_pseudonym)
           IS NOT DISTINCT FROM
           (OLD.trust_id, OLD.sequence, OLD.id, OLD.occurred_at, OLD.actor_type, OLD.auth_method,
            OLD.effective_role, OLD.request_id, OLD.action, OLD.resource_type, OLD.outcome, OLD.reason,
            OLD.changed_fields, OLD.previous_hash, OLD.hash, OLD.hash_version, OLD.actor_pseudonym,
            OLD.client_pseudonym, OLD.resource_pseudonym, OLD.subject_pseudonym)
       AND (NEW.actor_id IS NULL OR NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id)
       AND (NEW.client_address IS NULL OR NEW.client_address IS NOT DISTINCT FROM OLD.client_address)
       AND (NEW.resource_id IS NULL OR NEW.resource_id IS NOT DISTINCT FROM OLD.resource_id)
       AND (NEW.subject_person_id IS NULL OR NEW.subject_person_id IS NOT DISTINCT FROM OLD.subject_person_id)
    THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit events are append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

GRANT UPDATE (actor_id, client_address, resource_id, subject_person_id) ON audit_events TO appraise_app;
