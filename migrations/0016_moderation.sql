-- Moderation (issue 13 §3): 000 §5.4 (objectives quality-assured and moderated across the
-- trust), 003 §5.4.1 (the head ensures statements are moderated), 003 §1.8 (paperwork shared
-- with the SLT for moderation), 001 (a copy to the head or operations director, who may
-- adjust objectives or support). A round covers one cycle, a unit or the whole trust, and one
-- subject; its items are the sampled appraisals. Each item is agreed, or returned to the
-- reviewer with a comment and comes back once revised; every decision is kept.
-- Tenancy as in 0001 and 0011: trust_id in every key, FORCE RLS on the plain equality.
CREATE TABLE moderation_rounds (
    trust_id        uuid NOT NULL REFERENCES trusts (id),
    id              uuid NOT NULL,
    cycle_id        uuid NOT NULL,
    unit_id         uuid,
    subject         text NOT NULL CHECK (subject IN ('objectives', 'statements')),
    -- The share of each reviewer's appraisals drawn; NULL: all of them.
    sample_percent  integer CHECK (sample_percent BETWEEN 1 AND 100),
    moderators      jsonb NOT NULL,
    state           text NOT NULL CHECK (state IN ('open', 'closed')),
    opened_by       uuid,
    closed_at       timestamptz,
    closed_by       uuid,
    -- The counts by reviewer and outcome, fixed when the round closes.
    outcome         jsonb,
    version         integer NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    CONSTRAINT moderation_rounds_pkey PRIMARY KEY (id),
    CONSTRAINT moderation_rounds_trust_id_id_key UNIQUE (trust_id, id),
    CONSTRAINT moderation_rounds_cycle_fkey FOREIGN KEY (trust_id, cycle_id) REFERENCES cycles (trust_id, id),
    CONSTRAINT moderation_rounds_unit_fkey FOREIGN KEY (trust_id, unit_id) REFERENCES units (trust_id, id),
    CONSTRAINT moderation_rounds_closed_check CHECK ((state = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX moderation_rounds_cycle_idx ON moderation_rounds (trust_id, cycle_id, id);

CREATE TABLE moderation_items (
    trust_id        uuid NOT NULL REFERENCES trusts (id),
    id              uuid NOT NULL,
    round_id        uuid NOT NULL,
    appraisal_id    uuid NOT NULL,
    -- The lead reviewer when the item was drawn: the outcome is counted by reviewer.
    reviewer_id     uuid,
    state           text NOT NULL CHECK (state IN ('pending', 'agreed', 'returned')),
    -- A digest of the subject's text when last put to the round: a revision must change it.
    subject_digest  text NOT NULL,
    revision        integer NOT NULL DEFAULT 0,
    version         integer NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    CONSTRAINT moderation_items_pkey PRIMARY KEY (id),
    CONSTRAINT moderation_items_trust_id_id_key UNIQUE (trust_id, id),
    CONSTRAINT moderation_items_round_appraisal_key UNIQUE (trust_id, round_id, appraisal_id),
    CONSTRAINT moderation_items_round_fkey FOREIGN KEY (trust_id, round_id) REFERENCES moderation_rounds (trust_id, id),
    CONSTRAINT moderation_items_appraisal_fkey FOREIGN KEY (trust_id, appraisal_id) REFERENCES appraisals (trust_id, id)
);
CREATE INDEX moderation_items_appraisal_idx ON moderation_items (trust_id, appraisal_id);

-- Every decision on an item, in order: agreed or returned (with the moderator's comment).
CREATE TABLE moderation_decisions (
    trust_id        uuid NOT NULL REFERENCES trusts (id),
    id              uuid NOT NULL,
    item_id         uuid NOT NULL,
    revision        integer NOT NULL,
    outcome         text NOT NULL CHECK (outcome IN ('agreed', 'returned')),
    comment         text,
    decided_by      uuid,
    decided_at      timestamptz NOT NULL,
    CONSTRAINT moderation_decisions_pkey PRIMARY KEY (id),
    CONSTRAINT moderation_decisions_item_fkey FOREIGN KEY (trust_id, item_id) REFERENCES moderation_items (trust_id, id),
    CONSTRAINT moderation_decisions_returned_check CHECK (outcome = 'agreed' OR comment IS NOT NULL)
);
CREATE INDEX moderation_decisions_item_idx ON moderation_decisions (trust_id, item_id, decided_at);

DO $$
DECLARE
    name text;
BEGIN
    FOREACH name IN ARRAY ARRAY['moderation_rounds', 'moderation_items', 'moderation_decisions'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', name);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', name);
        EXECUTE format('CREATE POLICY %I ON %I USING (trust_id = app_current_trust())'
                       ' WITH CHECK (trust_id = app_current_trust())', name || '_isolation', name);
    END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE ON moderation_rounds, moderation_items TO appraise_app;
-- Decisions are history: written once, never changed.
GRANT SELECT, INSERT ON moderation_decisions TO appraise_app;
