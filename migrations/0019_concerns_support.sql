-- When performance falls short (issue 14): a concern raised about an appraisal's reviewee, the
-- proportionate response chosen (003 §6.9), and the informal support plan with its monitoring
-- period (000 §8.1, 001 "Employees Experiencing Difficulties", 003 §6.10–6.12, 004 §11.2).
-- Text fields are appraisal text: never copied into audit payloads or logs.
CREATE TABLE concerns (
    trust_id                 uuid NOT NULL REFERENCES trusts (id),
    id                       uuid NOT NULL,
    appraisal_id             uuid NOT NULL,
    raised_by                uuid,
    raised_as                text NOT NULL CHECK (raised_as IN ('reviewer', 'line_manager', 'senior_leader',
                                 'headteacher', 'operations_director', 'committee_member', 'chair_of_governors',
                                 'ceo')),
    raised_on                date NOT NULL,
    nature                   text NOT NULL,
    seriousness              text NOT NULL CHECK (seriousness IN ('low', 'significant', 'serious')),
    previous_support         text,
    response                 text NOT NULL CHECK (response IN ('early_conversation', 'coaching_mentoring',
                                 'informal_support', 'formal_capability')),
    response_notes           text,
    bypass_reason            text,
    bypass_advice            text,
    -- 003 §6.3–6.4: who was told, by the raising (a reviewer tells the head; the HPMC and the
    -- Chair tell each other).
    notified                 jsonb NOT NULL DEFAULT '[]',
    -- 003 §6.10.4: raised within the six months after an earlier plan ended improved.
    relapse_of               uuid,
    confirmed_in_writing_on  date,
    received_on              date,
    employee_comment         text,
    employee_commented_at    timestamptz,
    version                  integer NOT NULL DEFAULT 1,
    created_at               timestamptz NOT NULL,
    updated_at               timestamptz NOT NULL,
    CONSTRAINT concerns_pkey PRIMARY KEY (id),
    CONSTRAINT concerns_trust_id_id_key UNIQUE (trust_id, id),
    CONSTRAINT concerns_appraisal_fkey FOREIGN KEY (trust_id, appraisal_id) REFERENCES appraisals (trust_id, id),
    CONSTRAINT concerns_bypass_check CHECK ((response = 'formal_capability') = (bypass_reason IS NOT NULL)),
    CONSTRAINT concerns_received_check CHECK (received_on IS NULL OR confirmed_in_writing_on IS NOT NULL)
);
CREATE INDEX concerns_appraisal_idx ON concerns (trust_id, appraisal_id, raised_on);

CREATE TABLE support_plans (
    trust_id                  uuid NOT NULL REFERENCES trusts (id),
    id                        uuid NOT NULL,
    appraisal_id              uuid NOT NULL,
    concern_id                uuid NOT NULL,
    areas_of_concern          text NOT NULL,
    targets                   jsonb NOT NULL CHECK (jsonb_typeof(targets) = 'array'),
    support                   jsonb NOT NULL CHECK (jsonb_typeof(support) = 'array'),
    monitored_by              uuid NOT NULL,
    monitoring                text NOT NULL,
    starts_on                 date NOT NULL,
    planned_end_on            date NOT NULL,
    ends_on                   date NOT NULL,
    review_meetings           jsonb NOT NULL CHECK (jsonb_typeof(review_meetings) = 'array'),
    consequences_explained_on date,
    extension_reason          text,
    state                     text NOT NULL CHECK (state IN ('active', 'paused', 'improved', 'not_improved')),
    paused_since              date,
    outcome_on                date,
    sustain_until             date,
    version                   integer NOT NULL DEFAULT 1,
    created_at                timestamptz NOT NULL,
    updated_at                timestamptz NOT NULL,
    CONSTRAINT support_plans_pkey PRIMARY KEY (id),
    CONSTRAINT support_plans_trust_id_id_key UNIQUE (trust_id, id),
    CONSTRAINT support_plans_appraisal_fkey FOREIGN KEY (trust_id, appraisal_id) REFERENCES appraisals (trust_id, id),
    CONSTRAINT support_plans_concern_fkey FOREIGN KEY (trust_id, concern_id) REFERENCES concerns (trust_id, id),
    CONSTRAINT support_plans_period_check CHECK (starts_on < planned_end_on AND planned_end_on <= ends_on),
    CONSTRAINT support_plans_paused_check CHECK ((state = 'paused') = (paused_since IS NOT NULL)),
    CONSTRAINT support_plans_outcome_check CHECK ((state IN ('improved', 'not_improved')) = (outcome_on IS NOT NULL))
);
CREATE INDEX support_plans_appraisal_idx ON support_plans (trust_id, appraisal_id, starts_on);
-- One plan at a time per concern.
CREATE UNIQUE INDEX support_plans_concern_key ON support_plans (trust_id, concern_id);

-- Every change to a plan's period, kept (issue 14 §3: "pauses move the end date; every change
-- is kept"). Insert-only for the application role.
CREATE TABLE support_plan_changes (
    trust_id     uuid NOT NULL REFERENCES trusts (id),
    id           uuid NOT NULL,
    plan_id      uuid NOT NULL,
    kind         text NOT NULL CHECK (kind IN ('created', 'extended', 'paused', 'resumed', 'improved',
                     'not_improved')),
    on_date      date NOT NULL,
    reason       text,
    ends_on      date NOT NULL,
    changed_by   uuid,
    changed_at   timestamptz NOT NULL,
    CONSTRAINT support_plan_changes_pkey PRIMARY KEY (id),
    CONSTRAINT support_plan_changes_plan_fkey FOREIGN KEY (trust_id, plan_id) REFERENCES support_plans (trust_id, id)
);
CREATE INDEX support_plan_changes_plan_idx ON support_plan_changes (trust_id, plan_id, changed_at);

ALTER TABLE concerns ENABLE ROW LEVEL SECURITY;
ALTER TABLE concerns FORCE ROW LEVEL SECURITY;
CREATE POLICY concerns_isolation ON concerns
    USING (trust_id = app_current_trust()) WITH CHECK (trust_id = app_current_trust());
ALTER TABLE support_plans ENABLE ROW LEVEL SECURITY;
ALTER TABLE support_plans FORCE ROW LEVEL SECURITY;
CREATE POLICY support_plans_isolation ON support_plans
    USING (trust_id = app_current_trust()) WITH CHECK (trust_id = app_current_trust());
ALTER TABLE support_plan_changes ENABLE ROW LEVEL SECURITY;
ALTER TABLE support_plan_changes FORCE ROW LEVEL SECURITY;
CREATE POLICY support_plan_changes_isolation ON support_plan_changes
    USING (trust_id = app_current_trust()) WITH CHECK (trust_id = app_current_trust());
GRANT SELECT, INSERT, UPDATE ON concerns, support_plans TO appraise_app;
GRANT SELECT, INSERT ON support_plan_changes TO appraise_app;
