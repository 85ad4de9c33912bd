-- Pay (issue 15): an employment's pay range and point over time, the recommendation made with
-- the annual review (000 §3.1, §7.3; 001 "Links to Pay"; 002 §2.2.7; 003 §5.3.3), its approval
-- and referral (003 §5.3.6), the pay committee's decision and the appeal against it; and the
-- protected characteristics an employee may record for equality monitoring (002 §1.2).
-- Reasons and grounds are appraisal text: never copied into audit payloads or logs.

-- The pay committee: a committee of the trust (unit_id NULL) or of one unit (003 §5.3.6).
ALTER TABLE grants DROP CONSTRAINT grants_role_check;
ALTER TABLE grants ADD CONSTRAINT grants_role_check CHECK (role IN (
    'trust_admin', 'hr', 'ceo', 'operations_director', 'headteacher', 'senior_leader', 'trustee',
    'chair_of_trustees', 'governor', 'chair_of_governors', 'committee_member', 'external_adviser', 'reporting',
    'pay_committee_member'));

-- 003 §5.4.1: pay recommendations are moderated like statements.
ALTER TABLE moderation_rounds DROP CONSTRAINT moderation_rounds_subject_check;
ALTER TABLE moderation_rounds ADD CONSTRAINT moderation_rounds_subject_check
    CHECK (subject IN ('objectives', 'statements', 'pay_recommendations'));

-- Every pay range and point an employment has held, from when. Insert-only: a correction is a
-- new row, so the history stays whole.
CREATE TABLE pay_points (
    trust_id           uuid NOT NULL REFERENCES trusts (id),
    id                 uuid NOT NULL,
    employment_id      uuid NOT NULL,
    pay_range          text NOT NULL CHECK (pay_range IN ('unqualified', 'main', 'upper', 'leading_practitioner',
                           'leadership', 'support')),
    point              text NOT NULL CHECK (length(btrim(point)) BETWEEN 1 AND 20),
    effective_from     date NOT NULL,
    source             text NOT NULL CHECK (source IN ('recorded', 'decision', 'appeal')),
    recommendation_id  uuid,
    recorded_by        uuid,
    recorded_at        timestamptz NOT NULL,
    CONSTRAINT pay_points_pkey PRIMARY KEY (id),
    CONSTRAINT pay_points_employment_fkey FOREIGN KEY (trust_id, employment_id)
        REFERENCES employments (trust_id, id)
);
CREATE INDEX pay_points_employment_idx ON pay_points (trust_id, employment_id, effective_from, recorded_at);

CREATE TABLE pay_recommendations (
    trust_id            uuid NOT NULL REFERENCES trusts (id),
    id                  uuid NOT NULL,
    appraisal_id        uuid NOT NULL,
    employment_id       uuid NOT NULL,
    statement_id        uuid,
    outcome             text NOT NULL CHECK (outcome IN ('progress', 'no_progression', 'honorarium',
                            'withhold_increment')),
    current_range       text,
    current_point       text,
    recommended_point   text,
    honorarium_amount   numeric(10, 2) CHECK (honorarium_amount > 0),
    reasons             text NOT NULL,
    recommended_by      uuid,
    recommended_as      text NOT NULL CHECK (recommended_as IN ('reviewer', 'headteacher', 'operations_director')),
    recommended_on      date NOT NULL,
    -- 003 §5.3.6: approved by the head before it is shared and referred.
    approval_needed     boolean NOT NULL,
    approved_by         uuid,
    approved_on         date,
    referred_on         date,
    state               text NOT NULL CHECK (state IN ('awaiting_approval', 'referred', 'decided')),
    decided_outcome     text CHECK (decided_outcome IN ('progress', 'no_progression', 'honorarium',
                            'withhold_increment')),
    decided_point       text,
    decided_by          uuid,
    decided_on          date,
    effective_from      date,
    decision_due_on     date,
    version             integer NOT NULL DEFAULT 1,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    CONSTRAINT pay_recommendations_pkey PRIMARY KEY (id),
    CONSTRAINT pay_recommendations_trust_id_id_key UNIQUE (trust_id, id),
    CONSTRAINT pay_recommendations_appraisal_key UNIQUE (trust_id, appraisal_id),
    CONSTRAINT pay_recommendations_appraisal_fkey FOREIGN KEY (trust_id, appraisal_id)
        REFERENCES appraisals (trust_id, id),
    CONSTRAINT pay_recommendations_honorarium_check CHECK ((outcome = 'honorarium') = (honorarium_amount IS NOT NULL)),
    CONSTRAINT pay_recommendations_decided_check CHECK ((state = 'decided') = (decided_on IS NOT NULL)),
    CONSTRAINT pay_recommendations_referred_check CHECK ((state = 'awaiting_approval') = (referred_on IS NULL))
);
CREATE INDEX pay_recommendations_state_idx ON pay_recommendations (trust_id, state);

CREATE TABLE pay_appeals (
    trust_id           uuid NOT NULL REFERENCES trusts (id),
    id                 uuid NOT NULL,
    recommendation_id  uuid NOT NULL,
    appraisal_id       uuid NOT NULL,
    lodged_by          uuid,
    lodged_on          date NOT NULL,
    grounds            text NOT NULL,
    hearing_on         date,
    outcome            text CHECK (outcome IN ('upheld', 'partly_upheld', 'dismissed')),
    outcome_on         date,
    heard_by           uuid,
    changed_outcome    text CHECK (changed_outcome IN ('progress', 'no_progression', 'honorarium',
                           'withhold_increment')),
    changed_point      text,
    version            integer NOT NULL DEFAULT 1,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    CONSTRAINT pay_appeals_pkey PRIMARY KEY (id),
    CONSTRAINT pay_appeals_trust_id_id_key UNIQUE (trust_id, id),
    -- One appeal against a decision.
    CONSTRAINT pay_appeals_recommendation_key UNIQUE (trust_id, recommendation_id),
    CONSTRAINT pay_appeals_recommendation_fkey FOREIGN KEY (trust_id, recommendation_id)
        REFERENCES pay_recommendations (trust_id, id),
    CONSTRAINT pay_appeals_heard_check CHECK ((outcome IS NULL) = (outcome_on IS NULL)),
    CONSTRAINT pay_appeals_changed_check CHECK (changed_outcome IS NULL OR outcome IN ('upheld', 'partly_upheld'))
);
CREATE INDEX pay_appeals_open_idx ON pay_appeals (trust_id) WHERE outcome IS NULL;

-- An application to progress to the upper pay range (004 §6.7, §8.4; 000 §9.2 through the pay
-- policy): the teacher's evidence, and the pay committee's decision.
CREATE TABLE upper_pay_range_applications (
    trust_id        uuid NOT NULL REFERENCES trusts (id),
    id              uuid NOT NULL,
    appraisal_id    uuid NOT NULL,
    employment_id   uuid NOT NULL,
    applied_by      uuid,
    applied_on      date NOT NULL,
    evidence        text NOT NULL,
    outcome         text CHECK (outcome IN ('approved', 'declined')),
    reasons         text,
    point           text,
    decided_by      uuid,
    decided_on      date,
    effective_from  date,
    version         integer NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    CONSTRAINT upper_pay_range_applications_pkey PRIMARY KEY (id),
    CONSTRAINT upper_pay_range_applications_trust_id_id_key UNIQUE (trust_id, id),
    CONSTRAINT upper_pay_range_applications_appraisal_key UNIQUE (trust_id, appraisal_id),
    CONSTRAINT upper_pay_range_applications_appraisal_fkey FOREIGN KEY (trust_id, appraisal_id)
        REFERENCES appraisals (trust_id, id),
    CONSTRAINT upper_pay_range_applications_decided_check CHECK ((outcome IS NULL) = (decided_on IS NULL))
);

-- Special-category data (Equality Act 2010; UK GDPR art. 9): optional, one row per person,
-- read by HR and the person only, counted in the equality report with small cells suppressed.
CREATE TABLE protected_characteristics (
    trust_id    uuid NOT NULL REFERENCES trusts (id),
    person_id   uuid NOT NULL,
    answers     jsonb NOT NULL CHECK (jsonb_typeof(answers) = 'object'),
    version     integer NOT NULL DEFAULT 1,
    updated_at  timestamptz NOT NULL,
    CONSTRAINT protected_characteristics_pkey PRIMARY KEY (trust_id, person_id),
    CONSTRAINT protected_characteristics_person_fkey FOREIGN KEY (trust_id, person_id)
        REFERENCES people (trust_id, id)
);

-- /v1/me/tasks reads the plans a person monitors and the cases they started (issue 14 §6):
-- without these, every call scanned every plan and case of the trust.
CREATE INDEX support_plans_monitor_idx ON support_plans (trust_id, monitored_by);
CREATE INDEX capability_cases_starter_idx ON capability_cases (trust_id, started_by) WHERE ended_on IS NULL;

ALTER TABLE pay_points ENABLE ROW LEVEL SECURITY;
ALTER TABLE pay_points FORCE ROW LEVEL SECURITY;
CREATE POLICY pay_points_isolation ON pay_points
    USING (trust_id = app_current_trust()) WITH CHECK (trust_id = app_current_trust());
ALTER TABLE pay_recommendations ENABLE ROW LEVEL SECURITY;
ALTER TABLE pay_recommendations FORCE ROW LEVEL SECURITY;
CREATE POLICY pay_recommendations_isolation ON pay_recommendations
    USING (trust_id = app_current_trust()) WITH CHECK (trust_id = app_current_trust());
ALTER TABLE pay_appeals ENABLE ROW LEVEL SECURITY;
ALTER TABLE pay_appeals FORCE ROW LEVEL SECURITY;
CREATE POLICY pay_appeals_isolation ON pay_appeals
    USING (trust_id = app_current_trust()) WITH CHECK (trust_id = app_current_trust());
ALTER TABLE upper_pay_range_applications ENABLE ROW LEVEL SECURITY;
ALTER TABLE upper_pay_range_applications FORCE ROW LEVEL SECURITY;
CREATE POLICY upper_pay_range_applications_isolation ON upper_pay_range_applications
    USING (trust_id = app_current_trust()) WITH CHECK (trust_id = app_current_trust());
ALTER TABLE protected_characteristics ENABLE ROW LEVEL SECURITY;
ALTER TABLE protected_characteristics FORCE ROW LEVEL SECURITY;
CREATE POLICY protected_characteristics_isolation ON protected_characteristics
    USING (trust_id = app_current_trust()) WITH CHECK (trust_id = app_current_trust());
GRANT SELECT, INSERT ON pay_points TO appraise_app;
GRANT SELECT, INSERT, UPDATE ON pay_recommendations, pay_appeals, protected_characteristics,
    upper_pay_range_applications TO appraise_app;
