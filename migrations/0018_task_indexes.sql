-- Finding a person's appraisals from their side (issue 12): an external adviser's current
-- appointments (the reviewer's are found through reviewer_appointment_members' person index),
-- and a trust's headteachers' appraisals, which a CEO leads the conversations of (004 §6.2).
-- Without them, every task list and record access check read every appointment of the trust.
CREATE INDEX reviewer_appointments_adviser_idx ON reviewer_appointments (trust_id, external_adviser_id)
    WHERE external_adviser_id IS NOT NULL AND ended_at IS NULL;
CREATE INDEX appraisals_headteacher_idx ON appraisals (trust_id, cycle_id) WHERE category = 'headteacher';
