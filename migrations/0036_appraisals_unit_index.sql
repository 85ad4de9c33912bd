-- Issue 12: a head's task list asks which of their unit's appraisals await a pay
-- recommendation (TaskStore.payToRecommendQuery, bounded by TaskScope). With no index on the
-- unit PostgreSQL read every appraisal of the trust for it: 2.2 s for one unit of 5,000
-- appraisals in the bench's trust of 1,000,000, on every task list and reminder pass of
-- every head.
CREATE INDEX appraisals_unit_idx ON appraisals (trust_id, unit_id);
