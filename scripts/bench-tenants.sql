-- `make bench` with BENCH_TRUSTS > 1 (issue 11 §2): the other trusts a real deployment holds,
-- so the figures show whether tenancy keeps its indexes. :others trusts, each with 50 units,
-- :per employments (and their people), one open cycle enrolling every employment, and two
-- objectives per appraisal. Idempotent: a trust already seeded is skipped.
-- Run as the cluster's superuser: row by row, the triggers that keep appraisal_facts
-- (migrations/0032) re-read each trust's appraisals after every statement, in one transaction
-- no ANALYZE sees, so the seed slowed with every trust (over 15 minutes for 99). Here they
-- are off while it writes, and the new trusts' facts are built in one statement at the end.
SELECT set_config('bench.others', :'others', false) AS others, set_config('bench.per', :'per', false) AS per \gset
SET session_replication_role = replica;
DO $$
DECLARE
    t int;
    tid uuid;
    policy uuid;
    cycle uuid;
    per int := current_setting('bench.per')::int;
BEGIN
    FOR t IN 1..current_setting('bench.others')::int LOOP
        tid := md5('bench-trust' || t)::uuid;
        PERFORM set_config('app.scope', 'platform', true), set_config('app.trust_id', tid::text, true);
        CONTINUE WHEN EXISTS (SELECT 1 FROM trusts WHERE id = tid);
        INSERT INTO trusts (id, name, kind, created_at, updated_at)
        VALUES (tid, 'Tenant ' || t, 'multi_academy_trust', now(), now());
        INSERT INTO units (trust_id, id, name, kind, urn, created_at, updated_at)
        SELECT tid, md5(tid || 'unit' || n)::uuid, 'School ' || n, 'school', (600000 + t * 100 + n)::text, now(), now()
        FROM generate_series(1, 50) n;
        INSERT INTO people (trust_id, id, given_name, family_name, email, created_at, updated_at)
        SELECT tid, md5(tid || 'person' || n)::uuid, 'Given' || n, 'Family' || n, 't' || t || 'p' || n || '@bench.example',
               now(), now()
        FROM generate_series(1, per) n;
        INSERT INTO employments (trust_id, id, person_id, unit_id, staff_group, job_title, contract_type, start_date,
                                 induction_status, qts, fte, working_pattern, external_id, created_at, updated_at)
        SELECT tid, md5(tid || 'employment' || n)::uuid, md5(tid || 'person' || n)::uuid,
               md5(tid || 'unit' || (1 + n % 50))::uuid, 'teacher', 'Class Teacher', 'permanent', date '2020-09-01',
               'not_applicable', true, 1, 'term_time', 'E' || n, now(), now()
        FROM generate_series(1, per) n;
        policy := md5(tid || 'policy')::uuid;
        INSERT INTO policy_versions (trust_id, id, version, preset_id, document, created_at)
        VALUES (tid, policy, 1, NULL, '{}', now());
        cycle := md5(tid || 'cycle')::uuid;
        INSERT INTO cycles (trust_id, id, name, year, state, policy_version_id, enrolled_count, opened_at,
                            created_at, updated_at)
        VALUES (tid, cycle, 'Bench 2025/26', 2025, 'open', policy, per, now(), now(), now());
        INSERT INTO appraisals (trust_id, id, cycle_id, employment_id, person_id, unit_id, category, year,
                                period_start, period_end, adjustments, deadlines, created_at, updated_at)
        SELECT tid, md5(tid || 'appraisal' || n)::uuid, cycle, md5(tid || 'employment' || n)::uuid,
               md5(tid || 'person' || n)::uuid, md5(tid || 'unit' || (1 + n % 50))::uuid, 'school_staff', 2025,
               date '2025-09-01', date '2026-08-31', '[]', '[]', now(), now()
        FROM generate_series(1, per) n;
        INSERT INTO objectives (trust_id, id, appraisal_id, state, title, description, success_criteria, kind,
                                proposed_by, created_at, updated_at)
        SELECT tid, md5(tid || 'objective' || n || '.' || k)::uuid, md5(tid || 'appraisal' || n)::uuid, 'proposed',
               'Objective ' || k, 'Bench', 'Bench', 'practice', md5(tid || 'person' || n)::uuid, now(), now()
        FROM generate_series(1, per) n, generate_series(1, 2) k;
    END LOOP;
END
$$;
SET session_replication_role = origin;
-- Analysed first: planned on the empty tables' estimates, the build ran at 3,000 rows a minute.
ANALYZE appraisals, employments, cycles, policy_versions, objectives, appraisal_facts;
INSERT INTO appraisal_facts
SELECT s.* FROM appraisal_facts_source s
WHERE NOT EXISTS (SELECT 1 FROM appraisal_facts f WHERE f.appraisal_id = s.appraisal_id);
