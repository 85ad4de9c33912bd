-- The move to formal capability (issue 14 §4; 000 §8.2, 001, 003 §6.12, 004 §11.2–12): the
-- employee notified in writing, the formal meeting with its notice, and the appraisal suspended
-- until the case ends (then resumed, its deadlines moved by the time suspended).
CREATE TABLE capability_cases (
    trust_id                 uuid NOT NULL REFERENCES trusts (id),
    id                       uuid NOT NULL,
    appraisal_id             uuid NOT NULL,
    concern_id               uuid NOT NULL,
    support_plan_id          uuid,
    notified_in_writing_on   date NOT NULL,
    meeting_on               date NOT NULL,
    -- 004 §11.2: "may be accompanied by a trade union representative or work colleague".
    right_to_be_accompanied_explained boolean NOT NULL,
    started_by               uuid,
    ended_on                 date,
    suspended_days           integer,
    version                  integer NOT NULL DEFAULT 1,
    created_at               timestamptz NOT NULL,
    updated_at               timestamptz NOT NULL,
    CONSTRAINT capability_cases_pkey PRIMARY KEY (id),
    CONSTRAINT capability_cases_trust_id_id_key UNIQUE (trust_id, id),
    CONSTRAINT capability_cases_appraisal_fkey FOREIGN KEY (trust_id, appraisal_id) REFERENCES appraisals (trust_id, id),
    CONSTRAINT capability_cases_concern_fkey FOREIGN KEY (trust_id, concern_id) REFERENCES concerns (trust_id, id),
    CONSTRAINT capability_cases_plan_fkey FOREIGN KEY (trust_id, support_plan_id) REFERENCES support_plans (trust_id, id),
    CONSTRAINT capability_cases_notice_check CHECK (meeting_on >= notified_in_writing_on),
    CONSTRAINT capability_cases_ended_check CHECK ((ended_on IS NULL) = (suspended_days IS NULL))
);
CREATE INDEX capability_cases_appraisal_idx ON capability_cases (trust_id, appraisal_id);
-- One live case per appraisal.
CREATE UNIQUE INDEX capability_cases_live_key ON capability_cases (trust_id, appraisal_id) WHERE ended_on IS NULL;

ALTER TABLE capability_cases ENABLE ROW LEVEL SECURITY;
ALTER TABLE capability_cases FORCE ROW LEVEL SECURITY;
CREATE POLICY capability_cases_isolation ON capability_cases
    USING (trust_id = app_current_trust()) WITH CHECK (trust_id = app_current_trust());
GRANT SELECT, INSERT, UPDATE ON capability_cases TO appraise_app;

-- A pause for sickness records the referral to occupational health (001 "Sickness", 003 §1.10).
ALTER TABLE support_plan_changes ADD COLUMN occupational_health_referral_on date;
