-- Issue 17 §4: a `reporting` schema for BI tools (Power BI, Metabase, spreadsheets). Views of
-- structured facts only — states, kinds, dates, counts and identifiers; never statement text,
-- notes, focus, records, wellbeing, documents, protected characteristics, pay or support —
-- each `security_invoker`, so the base tables' row-level security applies to whoever reads.
-- A login role per trust (made by `appraise reporting create-login`, which needs CREATEROLE)
-- is a member of `appraise_reporting`, and `reporting_logins` names its trust: the policies
-- below let members read their own trust's rows, for SELECT only. `public` is no longer usable
-- by every role, so a reporting login cannot even name a base table; the application role
-- keeps the USAGE it was granted in 0001.
REVOKE USAGE ON SCHEMA public FROM PUBLIC;

CREATE TABLE reporting_logins (
    role_name  name PRIMARY KEY,
    trust_id   uuid NOT NULL REFERENCES trusts (id),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- The trust the connected reporting login reads; NULL for every other role. (session_user:
-- inside a SECURITY DEFINER function current_user is the owner.)
CREATE FUNCTION app_reporting_trust() RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
    AS $$ SELECT trust_id FROM reporting_logins WHERE role_name = session_user $$;
REVOKE EXECUTE ON FUNCTION app_reporting_trust() FROM PUBLIC;

CREATE SCHEMA reporting;
REVOKE ALL ON SCHEMA reporting FROM PUBLIC;

CREATE VIEW reporting.units WITH (security_invoker = true) AS
    SELECT trust_id, id, name, kind, urn, phase, external_id FROM public.units;
CREATE VIEW reporting.people WITH (security_invoker = true) AS
    SELECT trust_id, id, given_name, family_name, external_id FROM public.people;
CREATE VIEW reporting.employments WITH (security_invoker = true) AS
    SELECT trust_id, id, person_id, unit_id, staff_group, line_manager_id, contract_type, start_date, end_date,
           qts, fte, working_pattern, external_id
    FROM public.employments;
CREATE VIEW reporting.cycles WITH (security_invoker = true) AS
    SELECT trust_id, id, name, year, unit_id, staff_group, state, enrolled_count, excluded_count, opened_at
    FROM public.cycles;
CREATE VIEW reporting.appraisals WITH (security_invoker = true) AS
    SELECT trust_id, id, cycle_id, employment_id, person_id, unit_id, category, year, period_start, period_end,
           state
    FROM public.appraisals;
CREATE VIEW reporting.appraisal_deadlines WITH (security_invoker = true) AS
    SELECT a.trust_id, a.id AS appraisal_id, d.key AS deadline, d.due_date
    FROM public.appraisals a, jsonb_to_recordset(a.deadlines) AS d(key text, due_date date);
CREATE VIEW reporting.reviewers WITH (security_invoker = true) AS
    SELECT r.trust_id, r.appraisal_id, m.person_id AS reviewer_id, r.started_at, r.ended_at
    FROM public.reviewer_appointments r
    JOIN public.reviewer_appointment_members m ON m.trust_id = r.trust_id AND m.appointment_id = r.id;
CREATE VIEW reporting.objectives WITH (security_invoker = true) AS
    SELECT trust_id, id, appraisal_id, state, kind, due_date, assessment_outcome, assessed_at, created_at
    FROM public.objectives;
CREATE VIEW reporting.observations WITH (security_invoker = true) AS
    SELECT trust_id, id, appraisal_id, kind, observer_id, observed_at, duration_minutes,
           for_performance_management
    FROM public.observations;
CREATE VIEW reporting.observation_feedback WITH (security_invoker = true) AS
    SELECT o.trust_id, o.id AS observation_id, o.appraisal_id, f.kind, f.due_date, f.due_at, f.given_at
    FROM public.observations o, jsonb_to_recordset(o.feedback) AS f(kind text, due_date date, due_at timestamptz, given_at timestamptz);
CREATE VIEW reporting.meetings WITH (security_invoker = true) AS
    SELECT trust_id, id, appraisal_id, kind, held_on, record_due, record_written_at FROM public.meetings;
CREATE VIEW reporting.statements WITH (security_invoker = true) AS
    SELECT trust_id, id, appraisal_id, number, state, superseded_by_id IS NOT NULL AS superseded, issued_at,
           comment_due, reviewee_commented_at, locked_at, interim_reviews_required, interim_reviews_held
    FROM public.statements;

-- Grants and policies for the group role; `reporting_enable()` is also what
-- `appraise reporting create-login` calls once it has made the role on a cluster without it.
CREATE FUNCTION reporting_enable() RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
    AS $$
DECLARE
    name text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'appraise_reporting') THEN
        RAISE NOTICE 'no role appraise_reporting: the reporting schema stays closed';
        RETURN;
    END IF;
    GRANT USAGE ON SCHEMA reporting TO appraise_reporting;
    GRANT SELECT ON ALL TABLES IN SCHEMA reporting TO appraise_reporting;
    GRANT EXECUTE ON FUNCTION app_reporting_trust() TO appraise_reporting;
    -- security_invoker: the reader needs the columns the views read, and nothing else.
    GRANT SELECT (trust_id, id, name, kind, urn, phase, external_id) ON units TO appraise_reporting;
    GRANT SELECT (trust_id, id, given_name, family_name, external_id) ON people TO appraise_reporting;
    GRANT SELECT (trust_id, id, person_id, unit_id, staff_group, line_manager_id, contract_type, start_date,
                  end_date, qts, fte, working_pattern, external_id) ON employments TO appraise_reporting;
    GRANT SELECT (trust_id, id, name, year, unit_id, staff_group, state, enrolled_count, excluded_count,
                  opened_at) ON cycles TO appraise_reporting;
    GRANT SELECT (trust_id, id, cycle_id, employment_id, person_id, unit_id, category, year, period_start,
                  period_end, state, deadlines) ON appraisals TO appraise_reporting;
    GRANT SELECT (trust_id, id, appraisal_id, started_at, ended_at) ON reviewer_appointments TO appraise_reporting;
    GRANT SELECT (trust_id, appointment_id, person_id) ON reviewer_appointment_members TO appraise_reporting;
    GRANT SELECT (trust_id, id, appraisal_id, state, kind, due_date, assessment_outcome, assessed_at, created_at)
        ON objectives TO appraise_reporting;
    GRANT SELECT (trust_id, id, appraisal_id, kind, observer_id, observed_at, duration_minutes,
                  for_performance_management, feedback) ON observations TO appraise_reporting;
    GRANT SELECT (trust_id, id, appraisal_id, kind, held_on, record_due, record_written_at)
        ON meetings TO appraise_reporting;
    GRANT SELECT (trust_id, id, appraisal_id, number, state, superseded_by_id, issued_at, comment_due,
                  reviewee_commented_at, locked_at, interim_reviews_required, interim_reviews_held)
        ON statements TO appraise_reporting;
    FOREACH name IN ARRAY ARRAY['units', 'people', 'employments', 'cycles', 'appraisals', 'reviewer_appointments',
                                'reviewer_appointment_members', 'objectives', 'observations', 'meetings',
                                'statements'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE tablename = name AND policyname = name || '_reporting') THEN
            EXECUTE format('CREATE POLICY %I ON %I FOR SELECT TO appraise_reporting'
                           ' USING (trust_id = app_reporting_trust())', name || '_reporting', name);
        END IF;
    END LOOP;
END $$;
REVOKE EXECUTE ON FUNCTION reporting_enable() FROM PUBLIC;
SELECT reporting_enable();
