-- The year's work inside one appraisal (issue 5): objectives with their full history and
-- progress notes, observations with feedback deadlines, conversations with a consent-only
-- wellbeing part kept in its own table, meetings with their written record.
-- Tenancy as in 0001: trust_id everywhere, in every foreign key, FORCE RLS.

CREATE TABLE objectives (
    trust_id            uuid NOT NULL REFERENCES trusts (id),
    id                  uuid NOT NULL,
    appraisal_id        uuid NOT NULL,
    state               text NOT NULL CHECK (state IN ('proposed', 'disputed', 'agreed', 'determined', 'withdrawn')),
    title               text NOT NULL,
    description         text NOT NULL,
    success_criteria    text NOT NULL,
    milestones          jsonb NOT NULL DEFAULT '[]',
    due_date            date,
    kind                text NOT NULL,
    links               jsonb NOT NULL DEFAULT '[]',
    standards           jsonb NOT NULL DEFAULT '[]',
    proposed_by         uuid NOT NULL,
    agreed_by_reviewee  boolean NOT NULL DEFAULT false,
    agreed_by_reviewer  boolean NOT NULL DEFAULT false,
    determined_by       uuid,
    assessment_outcome  text CHECK (assessment_outcome IN ('met', 'partly_met', 'not_met')),
    assessment_reasons  text,
    assessed_by         uuid,
    assessed_at         timestamptz,
    version             integer NOT NULL DEFAULT 1,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    CONSTRAINT objectives_pkey PRIMARY KEY (id),
    CONSTRAINT objectives_trust_id_id_key UNIQUE (trust_id, id),
    CONSTRAINT objectives_appraisal_fkey FOREIGN KEY (trust_id, appraisal_id) REFERENCES appraisals (trust_id, id),
    CONSTRAINT objectives_proposed_by_fkey FOREIGN KEY (trust_id, proposed_by) REFERENCES people (trust_id, id)
);
CREATE INDEX objectives_appraisal_idx ON objectives (trust_id, appraisal_id, id);

-- Every change to an objective, with the whole objective as it was after it (000 §5.5).
CREATE TABLE objective_history (
    trust_id      uuid NOT NULL REFERENCES trusts (id),
    objective_id  uuid NOT NULL,
    version       integer NOT NULL,
    action        text NOT NULL,
    actor_id      uuid,
    comment       text,
    snapshot      jsonb NOT NULL,
    at            timestamptz NOT NULL,
    CONSTRAINT objective_history_pkey PRIMARY KEY (trust_id, objective_id, version),
    CONSTRAINT objective_history_objective_fkey FOREIGN KEY (trust_id, objective_id) REFERENCES objectives (trust_id, id)
);

CREATE TABLE progress_notes (
    trust_id      uuid NOT NULL REFERENCES trusts (id),
    id            uuid NOT NULL,
    objective_id  uuid NOT NULL,
    author_id     uuid,
    note          text NOT NULL,
    created_at    timestamptz NOT NULL,
    CONSTRAINT progress_notes_pkey PRIMARY KEY (id),
    CONSTRAINT progress_notes_objective_fkey FOREIGN KEY (trust_id, objective_id) REFERENCES objectives (trust_id, id)
);
CREATE INDEX progress_notes_objective_idx ON progress_notes (trust_id, objective_id, created_at);

CREATE TABLE observations (
    trust_id          uuid NOT NULL REFERENCES trusts (id),
    id                uuid NOT NULL,
    appraisal_id      uuid NOT NULL,
    kind              text NOT NULL CHECK (kind IN ('formal_lesson', 'drop_in', 'learning_walk', 'work')),
    observer_id       uuid NOT NULL,
    observed_at       timestamptz NOT NULL,
    duration_minutes  integer NOT NULL CHECK (duration_minutes > 0),
    focus             text NOT NULL,
    notes             text,
    notice_given_on   date,
    concerns_raised   boolean NOT NULL DEFAULT false,
    for_performance_management boolean NOT NULL,
    feedback          jsonb NOT NULL DEFAULT '[]',
    version           integer NOT NULL DEFAULT 1,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    CONSTRAINT observations_pkey PRIMARY KEY (id),
    CONSTRAINT observations_trust_id_id_key UNIQUE (trust_id, id),
    CONSTRAINT observations_appraisal_fkey FOREIGN KEY (trust_id, appraisal_id) REFERENCES appraisals (trust_id, id),
    CONSTRAINT observations_observer_fkey FOREIGN KEY (trust_id, observer_id) REFERENCES people (trust_id, id)
);
CREATE INDEX observations_appraisal_idx ON observations (trust_id, appraisal_id, id);
CREATE INDEX observations_observer_idx ON observations (trust_id, observer_id);

CREATE TABLE conversations (
    trust_id           uuid NOT NULL REFERENCES trusts (id),
    id                 uuid NOT NULL,
    appraisal_id       uuid NOT NULL,
    kind               text NOT NULL CHECK (kind IN ('autumn', 'mid_year')),
    held_on            date NOT NULL,
    lead_id            uuid NOT NULL,
    growth_areas       jsonb NOT NULL DEFAULT '[]',
    cpd_activities     jsonb NOT NULL DEFAULT '[]',
    wellbeing_consent  boolean NOT NULL DEFAULT false,
    version            integer NOT NULL DEFAULT 1,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    CONSTRAINT conversations_pkey PRIMARY KEY (id),
    CONSTRAINT conversations_trust_id_id_key UNIQUE (trust_id, id),
    CONSTRAINT conversations_kind_key UNIQUE (trust_id, appraisal_id, kind),
    CONSTRAINT conversations_appraisal_fkey FOREIGN KEY (trust_id, appraisal_id) REFERENCES appraisals (trust_id, id),
    CONSTRAINT conversations_lead_fkey FOREIGN KEY (trust_id, lead_id) REFERENCES people (trust_id, id)
);

-- 004 §6.4a: wellbeing notes only with consent, apart from everything else, read by the
-- employee and the conversation lead alone. No other query in the product joins this table.
CREATE TABLE wellbeing_notes (
    trust_id         uuid NOT NULL REFERENCES trusts (id),
    conversation_id  uuid NOT NULL,
    notes            text NOT NULL,
    updated_at       timestamptz NOT NULL,
    CONSTRAINT wellbeing_notes_pkey PRIMARY KEY (trust_id, conversation_id),
    CONSTRAINT wellbeing_notes_conversation_fkey FOREIGN KEY (trust_id, conversation_id) REFERENCES conversations (trust_id, id)
);

CREATE TABLE meetings (
    trust_id           uuid NOT NULL REFERENCES trusts (id),
    id                 uuid NOT NULL,
    appraisal_id       uuid NOT NULL,
    kind               text NOT NULL CHECK (kind IN ('planning', 'interim', 'termly', 'annual')),
    held_on            date NOT NULL,
    attendees          jsonb NOT NULL DEFAULT '[]',
    notice_given_on    date,
    record_due         date,
    record             text,
    record_written_at  timestamptz,
    record_written_by  uuid,
    version            integer NOT NULL DEFAULT 1,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    CONSTRAINT meetings_pkey PRIMARY KEY (id),
    CONSTRAINT meetings_trust_id_id_key UNIQUE (trust_id, id),
    CONSTRAINT meetings_appraisal_fkey FOREIGN KEY (trust_id, appraisal_id) REFERENCES appraisals (trust_id, id)
);
CREATE INDEX meetings_appraisal_idx ON meetings (trust_id, appraisal_id, id);

DO $$
DECLARE
    name text;
BEGIN
    FOREACH name IN ARRAY ARRAY['objectives', 'objective_history', 'progress_notes', 'observations', 'conversations',
                                'wellbeing_notes', 'meetings'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', name);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', name);
        EXECUTE format('CREATE POLICY %I ON %I USING (trust_id = app_current_trust() OR app_platform_scope())'
                       ' WITH CHECK (trust_id = app_current_trust() OR app_platform_scope())', name || '_isolation', name);
    END LOOP;
END $$;

GRANT SELECT, INSERT ON objective_history, progress_notes TO appraise_app;
GRANT SELECT, INSERT, UPDATE ON objectives, observations, conversations, meetings TO appraise_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON wellbeing_notes TO appraise_app;
