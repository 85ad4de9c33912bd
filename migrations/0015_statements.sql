-- The written statement of the annual review (issue 13 §2; 000 §7.3 and Appendix A, 002
-- §2.2.7, 003 §5.3.1–5.3.4): drafted by the reviewer, issued, commented on and signed by the
-- reviewee (or declined), then locked. A locked statement is never edited: a correction is a
-- new row (`number` + 1) naming the one it corrects and why; both are kept.
-- Tenancy as in 0001 and 0011: trust_id in every key, FORCE RLS on the plain equality.
CREATE TABLE statements (
    trust_id                uuid NOT NULL REFERENCES trusts (id),
    id                      uuid NOT NULL,
    appraisal_id            uuid NOT NULL,
    number                  integer NOT NULL CHECK (number >= 1),
    corrects_id             uuid,
    correction_reason       text,
    superseded_by_id        uuid,
    state                   text NOT NULL CHECK (state IN ('draft', 'issued', 'locked')),
    objectives_assessment   text,
    role_assessment         text,
    standards_assessment    text,
    evidence_summary        text,
    cpd_and_impact          text,
    development_needs       text,
    recommended_action      text,
    absence_considered      text,
    adviser_consulted_on    date,
    interim_exception_reason text,
    interim_reviews_required integer,
    interim_reviews_held    integer,
    drafted_by              uuid,
    issued_at               timestamptz,
    issued_by               uuid,
    comment_due             date,
    reviewee_comment        text,
    reviewee_commented_at   timestamptz,
    reviewee_response       text CHECK (reviewee_response IN ('signed', 'declined', 'none')),
    responded_at            timestamptz,
    locked_at               timestamptz,
    version                 integer NOT NULL DEFAULT 1,
    created_at              timestamptz NOT NULL,
    updated_at              timestamptz NOT NULL,
    CONSTRAINT statements_pkey PRIMARY KEY (id),
    CONSTRAINT statements_trust_id_id_key UNIQUE (trust_id, id),
    CONSTRAINT statements_appraisal_number_key UNIQUE (trust_id, appraisal_id, number),
    CONSTRAINT statements_appraisal_fkey FOREIGN KEY (trust_id, appraisal_id) REFERENCES appraisals (trust_id, id),
    CONSTRAINT statements_corrects_fkey FOREIGN KEY (trust_id, corrects_id) REFERENCES statements (trust_id, id),
    CONSTRAINT statements_correction_check CHECK ((corrects_id IS NULL) = (correction_reason IS NULL)),
    CONSTRAINT statements_locked_check CHECK ((state = 'locked') = (locked_at IS NOT NULL)),
    CONSTRAINT statements_issued_check CHECK ((state = 'draft') = (issued_at IS NULL))
);
CREATE INDEX statements_appraisal_idx ON statements (trust_id, appraisal_id, number);

ALTER TABLE statements ENABLE ROW LEVEL SECURITY;
ALTER TABLE statements FORCE ROW LEVEL SECURITY;
CREATE POLICY statements_isolation ON statements
    USING (trust_id = app_current_trust()) WITH CHECK (trust_id = app_current_trust());

-- Defence in depth for "a locked statement is never edited": once locked, the only change the
-- database accepts is naming the correction that supersedes it.
CREATE FUNCTION statements_refuse_locked_edit() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF OLD.state = 'locked' AND (to_jsonb(NEW) - 'superseded_by_id' - 'version' - 'updated_at')
                                IS DISTINCT FROM (to_jsonb(OLD) - 'superseded_by_id' - 'version' - 'updated_at') THEN
        RAISE EXCEPTION 'a locked statement is never edited: correct it with a new version'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'statements_locked_edit';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER statements_locked_edit
    BEFORE UPDATE ON statements
    FOR EACH ROW EXECUTE FUNCTION statements_refuse_locked_edit();

GRANT SELECT, INSERT, UPDATE ON statements TO appraise_app;

-- Issue 13 §4: a cycle closes with every statement locked, or with the closer's reason and
-- the number that were not, both kept on the cycle.
ALTER TABLE cycles ADD COLUMN close_reason text, ADD COLUMN unlocked_statements_at_close integer;

-- Issue 13 §1: a formal interim review (002 §2.2.5, 003 §5.3.2, 001 termly, 000 §7.2): progress
-- against each objective, the objectives that should change, the support needed — written by
-- the reviewer — and the reviewee's comment. It may record an interim meeting's discussion.
CREATE TABLE interim_reviews (
    trust_id              uuid NOT NULL REFERENCES trusts (id),
    id                    uuid NOT NULL,
    appraisal_id          uuid NOT NULL,
    meeting_id            uuid,
    held_on               date NOT NULL,
    progress              jsonb NOT NULL DEFAULT '[]',
    objectives_to_revise  jsonb NOT NULL DEFAULT '[]',
    support_needed        text,
    written_by            uuid,
    reviewee_comment      text,
    reviewee_commented_at timestamptz,
    version               integer NOT NULL DEFAULT 1,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    CONSTRAINT interim_reviews_pkey PRIMARY KEY (id),
    CONSTRAINT interim_reviews_trust_id_id_key UNIQUE (trust_id, id),
    CONSTRAINT interim_reviews_appraisal_fkey FOREIGN KEY (trust_id, appraisal_id) REFERENCES appraisals (trust_id, id),
    CONSTRAINT interim_reviews_meeting_fkey FOREIGN KEY (trust_id, meeting_id) REFERENCES meetings (trust_id, id)
);
CREATE INDEX interim_reviews_appraisal_idx ON interim_reviews (trust_id, appraisal_id, held_on);

ALTER TABLE interim_reviews ENABLE ROW LEVEL SECURITY;
ALTER TABLE interim_reviews FORCE ROW LEVEL SECURITY;
CREATE POLICY interim_reviews_isolation ON interim_reviews
    USING (trust_id = app_current_trust()) WITH CHECK (trust_id = app_current_trust());
GRANT SELECT, INSERT, UPDATE ON interim_reviews TO appraise_app;
