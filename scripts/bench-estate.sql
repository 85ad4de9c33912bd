-- `make bench` (issue 17 §6): one trust's estate of :total employments over six school years
-- (2020/21 to 2025/26), each year's staff appraised in that year's cycle under the trust's
-- policy (:policy), with the records the reports count in proportion: a reviewer each (one
-- reviewer for seven), two objectives (assessed in the closed years), one observation with its
-- feedback, a statement (issued in the closed years, a draft in half of this year's), a pay
-- recommendation for each teacher of a closed year, and a concern with a support plan for one
-- in a hundred. Everything is generated here (generate_series), in one transaction per table.
-- Idempotent: an estate already seeded is left as it is.
SELECT set_config('bench.estate', :'estate', false), set_config('bench.total', :'total', false),
       set_config('bench.policy', :'policy', false) \gset
SELECT set_config('app.trust_id', :'estate', false) \gset
-- Who is who, from the row number n: six year blocks, 200 schools, a reviewer for each seven.
CREATE FUNCTION pg_temp.estate() RETURNS uuid LANGUAGE sql STABLE
    AS $$ SELECT current_setting('bench.estate')::uuid $$;
CREATE FUNCTION pg_temp.total() RETURNS int LANGUAGE sql STABLE
    AS $$ SELECT current_setting('bench.total')::int $$;
CREATE FUNCTION pg_temp.id(kind text, n bigint) RETURNS uuid LANGUAGE sql STABLE
    AS $$ SELECT md5(current_setting('bench.estate') || kind || n)::uuid $$;
CREATE FUNCTION pg_temp.year_of(n bigint) RETURNS int LANGUAGE sql STABLE
    AS $$ SELECT 2020 + floor((n - 1) / ceil(current_setting('bench.total')::numeric / 6))::int $$;
CREATE FUNCTION pg_temp.reviewer_of(n bigint) RETURNS uuid LANGUAGE sql STABLE
    AS $$ SELECT md5(current_setting('bench.estate') || 'person' || (1 + ((n - 1) / 7) * 7))::uuid $$;

SELECT EXISTS (SELECT 1 FROM appraisals WHERE id = pg_temp.id('appraisal', pg_temp.total()))
       AS seeded \gset
\if :seeded
\echo estate already seeded
\else
\timing on
-- Row by row, the triggers that keep appraisal_facts would take an hour over these millions of
-- rows (and the foreign keys' checks most of the rest): off for this transaction, the facts
-- built at the end from the same view the triggers use.
SET LOCAL session_replication_role = replica;
INSERT INTO units (trust_id, id, name, kind, urn, created_at, updated_at)
SELECT pg_temp.estate(), pg_temp.id('unit', n), 'Estate School ' || n, 'school', (700000 + n)::text, now(), now()
FROM generate_series(1, 200) n ON CONFLICT DO NOTHING;

INSERT INTO cycles (trust_id, id, name, year, state, policy_version_id, enrolled_count, opened_at, created_at, updated_at)
SELECT pg_temp.estate(), pg_temp.id('cycle', y), y || '/' || (y + 1 - 2000), y, CASE WHEN y < 2025 THEN 'closed' ELSE 'open' END,
       current_setting('bench.policy')::uuid, ceil(pg_temp.total() / 6.0)::int, make_date(y, 9, 1), now(), now()
FROM generate_series(2020, 2025) y ON CONFLICT DO NOTHING;

INSERT INTO people (trust_id, id, given_name, family_name, email, created_at, updated_at)
SELECT pg_temp.estate(), pg_temp.id('person', n), 'Given' || n, 'Family' || n, 'estate' || n || '@bench.example', now(), now()
FROM generate_series(1, pg_temp.total()) n;

INSERT INTO employments (trust_id, id, person_id, unit_id, staff_group, job_title, contract_type, start_date, end_date,
                         induction_status, qts, fte, working_pattern, external_id, created_at, updated_at)
SELECT pg_temp.estate(), pg_temp.id('employment', n), pg_temp.id('person', n), pg_temp.id('unit', 1 + n % 200),
       CASE n % 10 WHEN 0 THEN 'support' WHEN 1 THEN 'leadership' ELSE 'teacher' END,
       'Staff', 'permanent', make_date(pg_temp.year_of(n), 9, 1),
       CASE WHEN pg_temp.year_of(n) < 2025 THEN make_date(pg_temp.year_of(n) + 1, 8, 31) END,
       'not_applicable', n % 10 <> 0, 1, 'term_time', 'ESTATE' || n, now(), now()
FROM generate_series(1, pg_temp.total()) n;

INSERT INTO appraisals (trust_id, id, cycle_id, employment_id, person_id, unit_id, category, year, period_start,
                        period_end, adjustments, deadlines, created_at, updated_at)
SELECT pg_temp.estate(), pg_temp.id('appraisal', n), pg_temp.id('cycle', pg_temp.year_of(n)), pg_temp.id('employment', n), pg_temp.id('person', n),
       pg_temp.id('unit', 1 + n % 200), 'school_staff', pg_temp.year_of(n), make_date(pg_temp.year_of(n), 9, 1), make_date(pg_temp.year_of(n) + 1, 8, 31), '[]',
       jsonb_build_array(jsonb_build_object('key', 'interim_review', 'due_date', make_date(pg_temp.year_of(n) + 1, 3, 31)),
                         jsonb_build_object('key', 'final_review', 'due_date', make_date(pg_temp.year_of(n) + 1, 10, 31))),
       now(), now()
FROM generate_series(1, pg_temp.total()) n;

INSERT INTO reviewer_appointments (trust_id, id, appraisal_id, appointed_by, reason, started_at)
SELECT pg_temp.estate(), pg_temp.id('appointment', n), pg_temp.id('appraisal', n), pg_temp.reviewer_of(n), 'initial', make_date(pg_temp.year_of(n), 9, 15)
FROM generate_series(1, pg_temp.total()) n;
INSERT INTO reviewer_appointment_members (trust_id, appointment_id, person_id, position)
SELECT pg_temp.estate(), pg_temp.id('appointment', n), pg_temp.reviewer_of(n), 0
FROM generate_series(1, pg_temp.total()) n;

INSERT INTO objectives (trust_id, id, appraisal_id, state, title, description, success_criteria, kind, proposed_by,
                        assessment_outcome, created_at, updated_at)
SELECT pg_temp.estate(), pg_temp.id('objective' || k || '.', n), pg_temp.id('appraisal', n),
       CASE WHEN pg_temp.year_of(n) < 2025 THEN 'determined' ELSE 'agreed' END, 'Objective ' || k, 'Bench', 'Bench', 'practice',
       pg_temp.reviewer_of(n),
       CASE WHEN pg_temp.year_of(n) < 2025 THEN (ARRAY['met', 'met', 'met', 'met', 'met', 'met', 'partly_met', 'partly_met',
                                           'not_met', NULL])[1 + (n + k) % 10] END,
       now(), now()
FROM generate_series(1, pg_temp.total()) n, generate_series(1, 2) k;

INSERT INTO observations (trust_id, id, appraisal_id, kind, observer_id, observed_at, duration_minutes, focus,
                          for_performance_management, feedback, created_at, updated_at)
SELECT pg_temp.estate(), pg_temp.id('observation', n), pg_temp.id('appraisal', n), 'formal_lesson', pg_temp.reviewer_of(n),
       make_date(pg_temp.year_of(n) + 1, 2, 1)::timestamptz, 45, 'Bench', true,
       jsonb_build_array(jsonb_build_object('due_date', make_date(pg_temp.year_of(n) + 1, 2, 6),
           'given_at', CASE WHEN n % 13 = 0 THEN NULL
                            ELSE (make_date(pg_temp.year_of(n) + 1, 2, 1) + (n % 9))::timestamptz END)),
       now(), now()
FROM generate_series(1, pg_temp.total()) n;

INSERT INTO statements (trust_id, id, appraisal_id, number, state, issued_at, locked_at, next_cycle_objectives,
                        created_at, updated_at)
SELECT pg_temp.estate(), pg_temp.id('statement', n), pg_temp.id('appraisal', n), 1,
       CASE WHEN pg_temp.year_of(n) < 2025 THEN 'locked' ELSE 'draft' END,
       CASE WHEN pg_temp.year_of(n) < 2025 THEN (make_date(pg_temp.year_of(n) + 1, 10, 1) + (n % 45))::timestamptz END,
       CASE WHEN pg_temp.year_of(n) < 2025 THEN make_date(pg_temp.year_of(n) + 1, 12, 1)::timestamptz END, '[]', now(), now()
FROM generate_series(1, pg_temp.total()) n
WHERE pg_temp.year_of(n) < 2025 OR n % 2 = 0;

INSERT INTO pay_recommendations (trust_id, id, appraisal_id, employment_id, outcome, reasons, recommended_as,
                                 recommended_on, approval_needed, referred_on, state, decided_outcome, decided_on,
                                 created_at, updated_at)
SELECT pg_temp.estate(), pg_temp.id('pay', n), pg_temp.id('appraisal', n), pg_temp.id('employment', n), o, 'Bench', 'reviewer',
       make_date(pg_temp.year_of(n) + 1, 10, 20), false, make_date(pg_temp.year_of(n) + 1, 10, 21), 'decided', o,
       make_date(pg_temp.year_of(n) + 1, 11, 15), now(), now()
FROM generate_series(1, pg_temp.total()) n,
     LATERAL (SELECT CASE WHEN n % 17 = 0 THEN 'no_progression' ELSE 'progress' END AS o) x
WHERE pg_temp.year_of(n) < 2025 AND n % 10 NOT IN (0, 1);

INSERT INTO concerns (trust_id, id, appraisal_id, raised_by, raised_as, raised_on, nature, seriousness, response,
                      created_at, updated_at)
SELECT pg_temp.estate(), pg_temp.id('concern', n), pg_temp.id('appraisal', n), pg_temp.reviewer_of(n), 'reviewer', make_date(pg_temp.year_of(n) + 1, 1, 10),
       'Bench', 'significant', 'informal_support', now(), now()
FROM generate_series(1, pg_temp.total()) n WHERE n % 100 = 0;
INSERT INTO support_plans (trust_id, id, appraisal_id, concern_id, areas_of_concern, targets, support, monitored_by,
                           monitoring, starts_on, planned_end_on, ends_on, review_meetings, state, outcome_on,
                           created_at, updated_at)
SELECT pg_temp.estate(), pg_temp.id('plan', n), pg_temp.id('appraisal', n), pg_temp.id('concern', n), 'Bench', '[]', '[]',
       pg_temp.reviewer_of(n), 'Bench', make_date(pg_temp.year_of(n) + 1, 1, 20), make_date(pg_temp.year_of(n) + 1, 3, 20),
       make_date(pg_temp.year_of(n) + 1, 3, 20), '[]', CASE WHEN pg_temp.year_of(n) < 2025 THEN 'improved' ELSE 'active' END,
       CASE WHEN pg_temp.year_of(n) < 2025 THEN make_date(pg_temp.year_of(n) + 1, 3, 20) END, now(), now()
FROM generate_series(1, pg_temp.total()) n WHERE n % 100 = 0;
SET LOCAL session_replication_role = origin;
-- Analysed first (ANALYZE sees this transaction's rows): with the other trusts' statistics
-- alone the planner expects a handful of the estate's appraisals and probes row by row (the
-- build had not finished after 9 minutes); analysed, it hashes.
ANALYZE appraisals, employments, cycles, policy_versions, objectives, observations, statements,
        interim_reviews, conversations, reviewer_appointments, reviewer_appointment_members,
        concerns, support_plans, pay_recommendations;
INSERT INTO appraisal_facts SELECT * FROM appraisal_facts_source WHERE trust_id = pg_temp.estate();
\timing off
\endif
