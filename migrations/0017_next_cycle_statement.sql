-- The new-cycle statement (issue 13 §2; 003 §5.3.3, second list; 000 §5.1): the next cycle's
-- objectives, development needs and when monitoring will take place, written with the annual
-- statement. When the next cycle opens, its objectives arrive in the employment's new
-- appraisal as proposals (objectives in state 'proposed', written by the cycle's opening).
ALTER TABLE statements
    ADD COLUMN next_cycle_objectives jsonb CHECK (jsonb_typeof(next_cycle_objectives) = 'array'),
    ADD COLUMN next_cycle_development_needs text,
    ADD COLUMN next_cycle_monitoring text;
