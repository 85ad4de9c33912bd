-- Issue 17 §6: every report answers in under a second on an estate of 1,000,000 employments.
-- The reports and a cycle's progress count, for each appraisal, facts held in ten other tables
-- (a current reviewer, objectives and their outcomes, the latest statement, interim reviews,
-- conversations, observation feedback, support, capability, pay). Looked up per appraisal, a
-- cycle of 170,000 took over 5 s. `appraisal_facts` keeps those facts as one narrow row per
-- appraisal, indexed by cycle and year, so a report reads one table.
--
-- The row is kept by triggers, in the same transaction as every write to the tables it is
-- made from, so no write path (a use case, the staff sync, retention, a future one) can leave
-- it stale. It is built by one view, `appraisal_facts_source`, used both for one appraisal (the
-- triggers) and for all of them (the backfill below). It holds no text: codes, counts, dates
-- and ids only — observation feedback keeps its three timestamps and nothing else.

CREATE TABLE appraisal_facts (
    trust_id            uuid NOT NULL,
    appraisal_id        uuid NOT NULL,
    cycle_id            uuid NOT NULL,
    year                integer NOT NULL,
    unit_id             uuid NOT NULL,
    person_id           uuid NOT NULL,
    staff_group         text NOT NULL,
    state               text NOT NULL,
    deadlines           jsonb NOT NULL,
    has_reviewer        boolean NOT NULL,
    -- The members of the current appointment (a panel has several).
    reviewers           uuid[] NOT NULL,
    objectives_set      boolean NOT NULL,
    -- Agreed and determined objectives by assessment outcome: {"met": 2, "not_assessed": 1}.
    objective_outcomes  jsonb NOT NULL,
    -- The latest statement's state and comment deadline; the first time any was issued.
    statement_state     text,
    comment_due         date,
    first_issued_at     timestamptz,
    interim_held        boolean NOT NULL,
    conversation_kinds  jsonb NOT NULL,
    -- Every feedback owed after an observation: [{"due_date", "due_at", "given_at"}].
    feedback            jsonb NOT NULL,
    -- 'capability', 'support_<state of the latest plan>' or 'none'.
    support             text NOT NULL,
    pay_state           text,
    pay_decided_outcome text,
    CONSTRAINT appraisal_facts_pkey PRIMARY KEY (appraisal_id),
    CONSTRAINT appraisal_facts_appraisal_fkey FOREIGN KEY (trust_id, appraisal_id)
        REFERENCES appraisals (trust_id, id) ON DELETE CASCADE
);
CREATE INDEX appraisal_facts_cycle_idx ON appraisal_facts (trust_id, cycle_id);
CREATE INDEX appraisal_facts_year_idx ON appraisal_facts (trust_id, year);
-- A change of staff group finds its employment's appraisals (and the staff sync's leavers too).
CREATE INDEX IF NOT EXISTS appraisals_employment_idx ON appraisals (trust_id, employment_id);

-- Each lookup names the trust as well as the appraisal, so it uses the (trust_id, appraisal_id)
-- indexes whoever runs it; row-level security still applies (security_invoker).
CREATE VIEW appraisal_facts_source WITH (security_invoker = true) AS
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
       (SELECT coalesce(jsonb_agg(jsonb_build_object('due_date', f -> 'due_date', 'due_at', f -> 'due_at',
                                                     'given_at', f -> 'given_at')), '[]')
        FROM observations o CROSS JOIN LATERAL jsonb_array_elements(o.feedback) f
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

-- Rebuilds the rows of these appraisals, and removes those of appraisals gone. In appraisal
-- order, so two transactions rebuilding overlapping sets lock rows in the same order.
CREATE FUNCTION appraisal_facts_refresh(targets uuid[]) RETURNS void LANGUAGE sql AS $$
    -- The trust is named so the (trust_id, id) key is used even before a bulk load is analysed
    -- (with the id alone, the planner took another (trust_id, …) index: 17 s for 10,000).
    DELETE FROM appraisal_facts f
    WHERE f.appraisal_id = ANY (targets)
      AND NOT EXISTS (SELECT 1 FROM appraisals a WHERE a.trust_id = f.trust_id AND a.id = f.appraisal_id);
    INSERT INTO appraisal_facts
    SELECT * FROM appraisal_facts_source WHERE appraisal_id = ANY (targets) ORDER BY appraisal_id
    ON CONFLICT (appraisal_id) DO UPDATE SET
        (cycle_id, year, unit_id, person_id, staff_group, state, deadlines, has_reviewer, reviewers,
         objectives_set, objective_outcomes, statement_state, comment_due, first_issued_at, interim_held,
         conversation_kinds, feedback, support, pay_state, pay_decided_outcome) =
        (EXCLUDED.cycle_id, EXCLUDED.year, EXCLUDED.unit_id, EXCLUDED.person_id, EXCLUDED.staff_group,
         EXCLUDED.state, EXCLUDED.deadlines, EXCLUDED.has_reviewer, EXCLUDED.reviewers,
         EXCLUDED.objectives_set, EXCLUDED.objective_outcomes, EXCLUDED.statement_state,
         EXCLUDED.comment_due, EXCLUDED.first_issued_at, EXCLUDED.interim_held,
         EXCLUDED.conversation_kinds, EXCLUDED.feedback, EXCLUDED.support, EXCLUDED.pay_state,
         EXCLUDED.pay_decided_outcome);
$$;

-- The trigger of every table a fact is made from, once per statement: the appraisals its old
-- and new rows belong to are rebuilt together, so opening a cycle of 10,000 appraisals is one
-- set-based rebuild, not 10,000. (An objective moved between appraisals rebuilds both.)
CREATE FUNCTION appraisal_facts_touch() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    key     text := CASE TG_TABLE_NAME WHEN 'appraisals' THEN 'id'
                                       WHEN 'reviewer_appointment_members' THEN 'appointment_id'
                                       ELSE 'appraisal_id' END;
    changed text := CASE TG_OP WHEN 'INSERT' THEN 'SELECT %1$I AS k FROM new_rows'
                               WHEN 'DELETE' THEN 'SELECT %1$I AS k FROM old_rows'
                               ELSE 'SELECT %1$I AS k FROM old_rows UNION SELECT %1$I FROM new_rows' END;
    targets uuid[];
BEGIN
    IF TG_TABLE_NAME = 'reviewer_appointment_members' THEN
        EXECUTE format('SELECT array_agg(DISTINCT r.appraisal_id) FROM reviewer_appointments r '
                       'WHERE r.id IN (' || changed || ')', key) INTO targets;
    ELSE
        EXECUTE format('SELECT array_agg(DISTINCT t.k) FROM (' || changed || ') t', key) INTO targets;
    END IF;
    PERFORM appraisal_facts_refresh(targets);
    RETURN NULL;
END $$;

-- An employment's staff group is a fact of each of its appraisals. Row by row, and only when
-- the group changes: a statement-level trigger cannot name the column.
CREATE FUNCTION appraisal_facts_touch_employment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM appraisal_facts_refresh(ARRAY(SELECT a.id FROM appraisals a
                                          WHERE a.trust_id = NEW.trust_id AND a.employment_id = NEW.id));
    RETURN NULL;
END $$;
CREATE TRIGGER appraisal_facts_touch AFTER UPDATE OF staff_group ON employments
    FOR EACH ROW WHEN (OLD.staff_group IS DISTINCT FROM NEW.staff_group)
    EXECUTE FUNCTION appraisal_facts_touch_employment();

-- A trigger with transition tables fires on one event, so each table has three. Appraisals
-- have no delete trigger: their facts go with them (ON DELETE CASCADE).
DO $$
DECLARE
    source text;
BEGIN
    FOREACH source IN ARRAY ARRAY['appraisals', 'reviewer_appointments', 'reviewer_appointment_members',
                                  'objectives', 'statements', 'meetings', 'interim_reviews', 'conversations',
                                  'observations', 'capability_cases', 'support_plans', 'pay_recommendations'] LOOP
        EXECUTE format('CREATE TRIGGER appraisal_facts_inserted AFTER INSERT ON %I '
                       'REFERENCING NEW TABLE AS new_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION appraisal_facts_touch()', source);
        EXECUTE format('CREATE TRIGGER appraisal_facts_updated AFTER UPDATE ON %I '
                       'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION appraisal_facts_touch()', source);
        CONTINUE WHEN source = 'appraisals';
        EXECUTE format('CREATE TRIGGER appraisal_facts_deleted AFTER DELETE ON %I '
                       'REFERENCING OLD TABLE AS old_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION appraisal_facts_touch()', source);
    END LOOP;
END $$;

ALTER TABLE appraisal_facts ENABLE ROW LEVEL SECURITY;
ALTER TABLE appraisal_facts FORCE ROW LEVEL SECURITY;
CREATE POLICY appraisal_facts_isolation ON appraisal_facts
    USING (trust_id = app_current_trust() OR app_platform_scope())
    WITH CHECK (trust_id = app_current_trust() OR app_platform_scope());
GRANT SELECT, INSERT, UPDATE, DELETE ON appraisal_facts TO appraise_app;
GRANT SELECT ON appraisal_facts_source TO appraise_app;
GRANT EXECUTE ON FUNCTION appraisal_facts_refresh(uuid[]), appraisal_facts_touch(), appraisal_facts_touch_employment()
    TO appraise_app;

-- The appraisals already held, trust by trust (this role is under row-level security too).
-- A trust of 1,000,000 takes about a minute: longer than the connection's statement timeout.
SET LOCAL statement_timeout = 0;
DO $$
DECLARE
    trust uuid;
BEGIN
    PERFORM set_config('app.scope', 'platform', true);
    FOR trust IN SELECT id FROM trusts LOOP
        PERFORM set_config('app.trust_id', trust::text, true);
        INSERT INTO appraisal_facts SELECT * FROM appraisal_facts_source WHERE trust_id = trust;
    END LOOP;
    PERFORM set_config('app.scope', '', true);
    PERFORM set_config('app.trust_id', '', true);
END $$;
