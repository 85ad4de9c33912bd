-- appraisal_facts (migration 0032): an appraisal's observation feedback in a fixed order —
-- its observations' in the order they were made (ids are time-ordered), each one's in its own
-- order. The view aggregated them in whatever order the rows were read, so a fact rebuilt
-- after an observation's feedback changed could list the same items in another order than
-- the view then read, and a check that the facts equal their source failed now and then
-- (seen in the test suite: one appraisal of a 003 trust, four items, two orders).
CREATE OR REPLACE VIEW appraisal_facts_source WITH (security_invoker = true) AS
SELECT a.trust_id, a.id AS appraisal_id, a.cycle_id, a.year, a.unit_id, a.person_id, e.staff_group,
       a.state, a.deadlines,
       EXISTS (SELECT 1 FROM reviewer_appointments r
               WHERE r.trust_id = a.trust_id AND r.appraisal_id = a.id AND r.ended_at IS NULL) AS has_reviewer,
       ARRAY(SELECT DISTINCT m.person_id
             FROM reviewer_appointments r
             JOIN reviewer_appointment_members m ON m.trust_id = r.trust_id AND m.appointment_id = r.id
             WHERE r.trust_id = a.trust_id AND r.appraisal_id = a.id AND r.ended_at IS NULL
             ORDER BY m.person_id) AS reviewers,
       -- 000 §7.2, 003 §5.3.3: objectives count once agreed (or determined); each is assessed
       -- at the review, NULL until then ('not_assessed').
       EXISTS (SELECT 1 FROM objectives o
               WHERE o.trust_id = a.trust_id AND o.appraisal_id = a.id
                 AND o.state IN ('agreed', 'determined')) AS objectives_set,
       (SELECT coalesce(jsonb_object_agg(x.outcome, x.count), '{}')
        FROM (SELECT coalesce(o.assessment_outcome, 'not_assessed') AS outcome, count(*) AS count
              FROM objectives o
              WHERE o.trust_id = a.trust_id AND o.appraisal_id = a.id AND o.state IN ('agreed', 'determined')
              GROUP BY 1) x) AS objective_outcomes,
       latest.state AS statement_state, latest.comment_due,
       -- 000 §4, 001 "Performance Management Review Meeting", 003 §5.3.3: timeliness is judged
       -- by the statement's first issue.
       (SELECT min(s.issued_at) FROM statements s
        WHERE s.trust_id = a.trust_id AND s.appraisal_id = a.id) AS first_issued_at,
       EXISTS (SELECT 1 FROM meetings m
               WHERE m.trust_id = a.trust_id AND m.appraisal_id = a.id AND m.kind = 'interim')
         OR EXISTS (SELECT 1 FROM interim_reviews r
                    WHERE r.trust_id = a.trust_id AND r.appraisal_id = a.id) AS interim_held,
       (SELECT coalesce(jsonb_agg(DISTINCT v.kind), '[]') FROM conversations v
        WHERE v.trust_id = a.trust_id AND v.appraisal_id = a.id) AS conversation_kinds,
       (SELECT coalesce(jsonb_agg(jsonb_build_object('due_date', f.item -> 'due_date', 'due_at', f.item -> 'due_at',
                                                     'given_at', f.item -> 'given_at')
                                  ORDER BY o.id, f.n), '[]')
        FROM observations o CROSS JOIN LATERAL jsonb_array_elements(o.feedback) WITH ORDINALITY f(item, n)
        WHERE o.trust_id = a.trust_id AND o.appraisal_id = a.id) AS feedback,
       -- Capability first (003 §7, 004 §11), else the latest support plan's state, else none.
       CASE WHEN EXISTS (SELECT 1 FROM capability_cases c
                         WHERE c.trust_id = a.trust_id AND c.appraisal_id = a.id) THEN 'capability'
            ELSE coalesce((SELECT CASE WHEN p.state IN ('active', 'paused') THEN 'support_active'
                                       ELSE 'support_' || p.state END
                           FROM support_plans p WHERE p.trust_id = a.trust_id AND p.appraisal_id = a.id
                           ORDER BY p.created_at DESC LIMIT 1), 'none') END AS support,
       pay.state AS pay_state, pay.decided_outcome AS pay_decided_outcome
FROM appraisals a
JOIN employments e ON e.trust_id = a.trust_id AND e.id = a.employment_id
LEFT JOIN LATERAL (SELECT s.state, s.comment_due FROM statements s
                   WHERE s.trust_id = a.trust_id AND s.appraisal_id = a.id
                   ORDER BY s.number DESC LIMIT 1) latest ON true
LEFT JOIN pay_recommendations pay ON pay.trust_id = a.trust_id AND pay.appraisal_id = a.id;

-- The facts of appraisals with observations are rebuilt, trust by trust (this role is under
-- row-level security too), so the feedback already held takes the same order.
SET LOCAL statement_timeout = 0;
DO $$
DECLARE
    trust uuid;
BEGIN
    PERFORM set_config('app.scope', 'platform', true);
    FOR trust IN SELECT id FROM trusts LOOP
        PERFORM set_config('app.trust_id', trust::text, true);
        PERFORM appraisal_facts_refresh(ARRAY(SELECT DISTINCT o.appraisal_id FROM observations o
                                              WHERE o.trust_id = trust AND o.feedback <> '[]'));
    END LOOP;
    PERFORM set_config('app.scope', '', true);
    PERFORM set_config('app.trust_id', '', true);
END $$;
