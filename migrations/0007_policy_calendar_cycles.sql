-- Policy engine (issue 4): versioned policy documents, unit school calendars, cycles with
-- their enrolment, one appraisal per employment per cycle, and reviewer appointments with
-- their history. Tenancy as in 0001: trust_id everywhere, in every foreign key, FORCE RLS.

-- 003 "Application": staff subject to the capability procedure are out of appraisal cycles.
ALTER TABLE employments ADD COLUMN under_capability boolean NOT NULL DEFAULT false;

-- A trust's policy: every change is a new row; the highest version is current. Rows are
-- never updated, so a cycle pinned to a version keeps exactly what it was opened under.
CREATE TABLE policy_versions (
    trust_id    uuid NOT NULL REFERENCES trusts (id),
    id          uuid NOT NULL,
    version     integer NOT NULL,
    preset_id   text,
    document    jsonb NOT NULL,
    created_at  timestamptz NOT NULL,
    CONSTRAINT policy_versions_pkey PRIMARY KEY (id),
    CONSTRAINT policy_versions_trust_id_id_key UNIQUE (trust_id, id),
    CONSTRAINT policy_versions_version_key UNIQUE (trust_id, version),
    CONSTRAINT policy_versions_version_check CHECK (version >= 1)
);

-- A unit's term dates and closures for one academic year (absent: the standard default).
CREATE TABLE school_years (
    trust_id       uuid NOT NULL REFERENCES trusts (id),
    id             uuid NOT NULL,
    unit_id        uuid NOT NULL,
    academic_year  integer NOT NULL,
    terms          jsonb NOT NULL,
    closures       jsonb NOT NULL,
    version        integer NOT NULL DEFAULT 1,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    CONSTRAINT school_years_pkey PRIMARY KEY (id),
    CONSTRAINT school_years_unit_year_key UNIQUE (trust_id, unit_id, academic_year),
    CONSTRAINT school_years_unit_fkey FOREIGN KEY (trust_id, unit_id) REFERENCES units (trust_id, id),
    CONSTRAINT school_years_year_check CHECK (academic_year BETWEEN 2000 AND 2100)
);

CREATE TABLE cycles (
    trust_id           uuid NOT NULL REFERENCES trusts (id),
    id                 uuid NOT NULL,
    name               text NOT NULL,
    year               integer NOT NULL,
    unit_id            uuid,
    staff_group        text,
    state              text NOT NULL,
    policy_version_id  uuid NOT NULL,
    enrolled_count     integer NOT NULL DEFAULT 0,
    excluded_count     integer NOT NULL DEFAULT 0,
    opened_at          timestamptz,
    version            integer NOT NULL DEFAULT 1,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    CONSTRAINT cycles_pkey PRIMARY KEY (id),
    CONSTRAINT cycles_trust_id_id_key UNIQUE (trust_id, id),
    CONSTRAINT cycles_unit_fkey FOREIGN KEY (trust_id, unit_id) REFERENCES units (trust_id, id),
    CONSTRAINT cycles_policy_version_fkey FOREIGN KEY (trust_id, policy_version_id) REFERENCES policy_versions (trust_id, id),
    CONSTRAINT cycles_state_check CHECK (state IN ('planned', 'open', 'closing', 'closed')),
    CONSTRAINT cycles_year_check CHECK (year BETWEEN 2000 AND 2100),
    CONSTRAINT cycles_name_check CHECK (length(btrim(name)) BETWEEN 1 AND 200)
);

-- One appraisal per employment per cycle; the period and deadlines are computed when the
-- cycle opens, from the pinned policy and the unit's calendar.
CREATE TABLE appraisals (
    trust_id       uuid NOT NULL REFERENCES trusts (id),
    id             uuid NOT NULL,
    cycle_id       uuid NOT NULL,
    employment_id  uuid NOT NULL,
    person_id      uuid NOT NULL,
    unit_id        uuid NOT NULL,
    category       text NOT NULL,
    year           integer NOT NULL,
    period_start   date NOT NULL,
    period_end     date NOT NULL,
    adjustments    jsonb NOT NULL,
    deadlines      jsonb NOT NULL,
    state          text NOT NULL DEFAULT 'active',
    version        integer NOT NULL DEFAULT 1,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    CONSTRAINT appraisals_pkey PRIMARY KEY (id),
    CONSTRAINT appraisals_trust_id_id_key UNIQUE (trust_id, id),
    CONSTRAINT appraisals_cycle_employment_key UNIQUE (trust_id, cycle_id, employment_id),
    CONSTRAINT appraisals_cycle_fkey FOREIGN KEY (trust_id, cycle_id) REFERENCES cycles (trust_id, id),
    CONSTRAINT appraisals_employment_fkey FOREIGN KEY (trust_id, employment_id) REFERENCES employments (trust_id, id),
    CONSTRAINT appraisals_person_fkey FOREIGN KEY (trust_id, person_id) REFERENCES people (trust_id, id),
    CONSTRAINT appraisals_unit_fkey FOREIGN KEY (trust_id, unit_id) REFERENCES units (trust_id, id),
    CONSTRAINT appraisals_category_check CHECK (category IN ('school_staff', 'central_staff', 'headteacher', 'ceo')),
    CONSTRAINT appraisals_state_check CHECK (state IN ('active', 'suspended', 'completed')),
    CONSTRAINT appraisals_period_check CHECK (period_start <= period_end)
);
CREATE INDEX appraisals_cycle_idx ON appraisals (trust_id, cycle_id, id);
CREATE INDEX appraisals_person_idx ON appraisals (trust_id, person_id);
-- An employment is appraised once a year, whichever cycle enrols it.
CREATE INDEX appraisals_employment_year_idx ON appraisals (trust_id, employment_id, year);

CREATE TABLE cycle_exclusions (
    trust_id       uuid NOT NULL REFERENCES trusts (id),
    cycle_id       uuid NOT NULL,
    employment_id  uuid NOT NULL,
    person_id      uuid NOT NULL,
    unit_id        uuid NOT NULL,
    reason         text NOT NULL,
    detail         text NOT NULL,
    CONSTRAINT cycle_exclusions_pkey PRIMARY KEY (trust_id, cycle_id, employment_id),
    CONSTRAINT cycle_exclusions_cycle_fkey FOREIGN KEY (trust_id, cycle_id) REFERENCES cycles (trust_id, id),
    CONSTRAINT cycle_exclusions_employment_fkey FOREIGN KEY (trust_id, employment_id) REFERENCES employments (trust_id, id)
);

-- Who reviews an appraisal. An appointment is never changed: a re-delegation ends the current
-- one and starts another (003 §3.5), so the history stays.
CREATE TABLE reviewer_appointments (
    trust_id             uuid NOT NULL REFERENCES trusts (id),
    id                   uuid NOT NULL,
    appraisal_id         uuid NOT NULL,
    appointed_by         uuid NOT NULL,
    reason               text NOT NULL,
    external_adviser_id  uuid,
    consulted_person_id  uuid,
    started_at           timestamptz NOT NULL,
    ended_at             timestamptz,
    CONSTRAINT reviewer_appointments_pkey PRIMARY KEY (id),
    CONSTRAINT reviewer_appointments_trust_id_id_key UNIQUE (trust_id, id),
    CONSTRAINT reviewer_appointments_appraisal_fkey FOREIGN KEY (trust_id, appraisal_id) REFERENCES appraisals (trust_id, id),
    CONSTRAINT reviewer_appointments_appointed_by_fkey FOREIGN KEY (trust_id, appointed_by) REFERENCES people (trust_id, id),
    CONSTRAINT reviewer_appointments_adviser_fkey FOREIGN KEY (trust_id, external_adviser_id) REFERENCES people (trust_id, id),
    CONSTRAINT reviewer_appointments_consulted_fkey FOREIGN KEY (trust_id, consulted_person_id) REFERENCES people (trust_id, id),
    CONSTRAINT reviewer_appointments_reason_check CHECK (reason IN ('initial', 'change', 'concerns'))
);
-- At most one current appointment per appraisal.
CREATE UNIQUE INDEX reviewer_appointments_current_key ON reviewer_appointments (trust_id, appraisal_id) WHERE ended_at IS NULL;

CREATE TABLE reviewer_appointment_members (
    trust_id        uuid NOT NULL REFERENCES trusts (id),
    appointment_id  uuid NOT NULL,
    person_id       uuid NOT NULL,
    position        integer NOT NULL,
    CONSTRAINT reviewer_appointment_members_pkey PRIMARY KEY (trust_id, appointment_id, person_id),
    CONSTRAINT reviewer_appointment_members_appointment_fkey FOREIGN KEY (trust_id, appointment_id) REFERENCES reviewer_appointments (trust_id, id),
    CONSTRAINT reviewer_appointment_members_person_fkey FOREIGN KEY (trust_id, person_id) REFERENCES people (trust_id, id)
);
CREATE INDEX reviewer_appointment_members_person_idx ON reviewer_appointment_members (trust_id, person_id);

DO $$
DECLARE
    name text;
BEGIN
    FOREACH name IN ARRAY ARRAY['policy_versions', 'school_years', 'cycles', 'appraisals', 'cycle_exclusions',
                                'reviewer_appointments', 'reviewer_appointment_members'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', name);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', name);
        EXECUTE format('CREATE POLICY %I ON %I USING (trust_id = app_current_trust() OR app_platform_scope())'
                       ' WITH CHECK (trust_id = app_current_trust() OR app_platform_scope())', name || '_isolation', name);
    END LOOP;
END $$;

GRANT SELECT, INSERT ON policy_versions, cycle_exclusions, reviewer_appointment_members TO appraise_app;
GRANT SELECT, INSERT, UPDATE ON school_years, cycles, appraisals, reviewer_appointments TO appraise_app;
