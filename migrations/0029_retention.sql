-- Issue 17 §7: retention (000 §9.1, 001 "Retention of Records", 003 §1.9: six years after the
-- cycle, then destroyed) and legal holds that stop it (a grievance, a tribunal, an
-- investigation). The appraisal itself stays — who, which cycle, its period and deadlines —
-- with `records_destroyed_at` set; its record (objectives, observations, conversations and
-- wellbeing notes, meetings, statements, interim reviews, development, evidence and its
-- documents, moderation decisions, concerns, support plans, capability cases, pay
-- recommendations, appeals and applications) is deleted. The audit chain is not touched:
-- its events carry ids and field names, never the record's text, so it still verifies.

ALTER TABLE appraisals ADD COLUMN records_destroyed_at timestamptz;

CREATE TABLE legal_holds (
    trust_id     uuid NOT NULL REFERENCES trusts (id),
    id           uuid NOT NULL,
    person_id    uuid NOT NULL,
    reason       text NOT NULL,
    detail       text NOT NULL,
    owner_id     uuid NOT NULL,
    placed_at    timestamptz NOT NULL,
    released_at  timestamptz,
    -- Who released it; NULL when the platform's administrator did.
    released_by  uuid,
    version      integer NOT NULL DEFAULT 1,
    CONSTRAINT legal_holds_pkey PRIMARY KEY (id),
    CONSTRAINT legal_holds_trust_id_id_key UNIQUE (trust_id, id),
    CONSTRAINT legal_holds_person_fkey FOREIGN KEY (trust_id, person_id) REFERENCES people (trust_id, id),
    CONSTRAINT legal_holds_owner_fkey FOREIGN KEY (trust_id, owner_id) REFERENCES people (trust_id, id),
    CONSTRAINT legal_holds_reason_check CHECK (reason IN ('grievance', 'tribunal', 'investigation', 'other')),
    CONSTRAINT legal_holds_detail_check CHECK (char_length(detail) BETWEEN 1 AND 500)
);
CREATE INDEX legal_holds_active_idx ON legal_holds (trust_id, person_id) WHERE released_at IS NULL;
ALTER TABLE legal_holds ENABLE ROW LEVEL SECURITY;
ALTER TABLE legal_holds FORCE ROW LEVEL SECURITY;
CREATE POLICY legal_holds_isolation ON legal_holds
    USING (trust_id = app_current_trust()) WITH CHECK (trust_id = app_current_trust());
GRANT SELECT, INSERT, UPDATE ON legal_holds TO appraise_app;

-- Appraisals whose record is due for destruction in the current trust, as of `today`: their
-- period ended more than the policy's years ago, not yet destroyed, the person under no hold.
CREATE INDEX appraisals_retention_idx ON appraisals (trust_id, period_end) WHERE records_destroyed_at IS NULL;

-- The application role may not delete records; this function alone does, for one appraisal of
-- the caller's trust, only once its time has come and while its person is under no hold.
-- true: destroyed now; false: not due, held, already destroyed or not this trust's.
CREATE FUNCTION retention_destroy(p_appraisal uuid, p_today date, p_now timestamptz) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
    AS $$
DECLARE
    v_trust uuid := app_current_trust();
BEGIN
    PERFORM 1 FROM appraisals a
        JOIN cycles c ON c.id = a.cycle_id
        JOIN policy_versions pv ON pv.id = c.policy_version_id
        WHERE a.id = p_appraisal AND a.trust_id = v_trust AND a.records_destroyed_at IS NULL
          AND a.period_end + make_interval(years => (pv.document->'retention'->>'years_after_cycle_end')::int)
              < p_today
          AND NOT EXISTS (SELECT 1 FROM legal_holds h WHERE h.trust_id = v_trust AND h.person_id = a.person_id
                            AND h.released_at IS NULL)
        FOR UPDATE OF a;
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    DELETE FROM moderation_decisions d USING moderation_items i
        WHERE d.item_id = i.id AND i.appraisal_id = p_appraisal;
    DELETE FROM moderation_items WHERE appraisal_id = p_appraisal;
    DELETE FROM pay_appeals p USING pay_recommendations r
        WHERE p.recommendation_id = r.id AND r.appraisal_id = p_appraisal;
    DELETE FROM pay_recommendations WHERE appraisal_id = p_appraisal;
    DELETE FROM upper_pay_range_applications WHERE appraisal_id = p_appraisal;
    DELETE FROM capability_cases WHERE appraisal_id = p_appraisal;
    DELETE FROM support_plan_changes c USING support_plans p WHERE c.plan_id = p.id AND p.appraisal_id = p_appraisal;
    DELETE FROM support_plans WHERE appraisal_id = p_appraisal;
    DELETE FROM concerns WHERE appraisal_id = p_appraisal;
    DELETE FROM interim_reviews WHERE appraisal_id = p_appraisal;
    DELETE FROM statements WHERE appraisal_id = p_appraisal;
    DELETE FROM evidence_documents d USING evidence e WHERE d.evidence_id = e.id AND e.appraisal_id = p_appraisal;
    DELETE FROM evidence WHERE appraisal_id = p_appraisal;
    DELETE FROM development_activities WHERE appraisal_id = p_appraisal;
    DELETE FROM progress_notes n USING objectives o WHERE n.objective_id = o.id AND o.appraisal_id = p_appraisal;
    DELETE FROM objective_history h USING objectives o WHERE h.objective_id = o.id AND o.appraisal_id = p_appraisal;
    DELETE FROM objectives WHERE appraisal_id = p_appraisal;
    DELETE FROM wellbeing_notes w USING conversations c WHERE w.conversation_id = c.id AND c.appraisal_id = p_appraisal;
    DELETE FROM conversations WHERE appraisal_id = p_appraisal;
    DELETE FROM meetings WHERE appraisal_id = p_appraisal;
    DELETE FROM observations WHERE appraisal_id = p_appraisal;
    -- A change like any other: incremental pulls (`updated_since`) and If-Match see it.
    UPDATE appraisals SET records_destroyed_at = p_now, updated_at = p_now, version = version + 1
        WHERE id = p_appraisal;
    RETURN true;
END $$;
REVOKE EXECUTE ON FUNCTION retention_destroy(uuid, date, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION retention_destroy(uuid, date, timestamptz) TO appraise_app;
