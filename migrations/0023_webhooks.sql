-- Issue 16 §4: signed webhooks. A subscription follows its trust's change feed (0022) from the
-- position it was made at; `after_position` moves only when the next event it delivers is
-- acknowledged, so the outbox is its queue and a restart or a receiver outage loses nothing.
-- `leased_until` is how one delivery worker, in any server process, holds a subscription:
-- never two deliveries to one subscription at once, and a crashed worker's lease runs out.
CREATE TABLE webhook_subscriptions (
    trust_id         uuid NOT NULL REFERENCES trusts (id),
    id               uuid NOT NULL,
    url              text NOT NULL,
    description      text,
    event_types      text[] NOT NULL DEFAULT '{}',
    topics           text[] NOT NULL,
    -- Standard Webhooks signing secret (whsec_…): needed to sign, so kept; shown once.
    secret           text NOT NULL,
    state            text NOT NULL DEFAULT 'active',
    disabled_reason  text,
    after_position   bigint NOT NULL,
    attempts         integer NOT NULL DEFAULT 0,
    failing_since    timestamptz,
    next_attempt_at  timestamptz,
    leased_until     timestamptz,
    version          integer NOT NULL DEFAULT 1,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    CONSTRAINT webhook_subscriptions_pkey PRIMARY KEY (id),
    CONSTRAINT webhook_subscriptions_trust_id_id_key UNIQUE (trust_id, id),
    CONSTRAINT webhook_subscriptions_state_check CHECK (state IN ('active', 'disabled')),
    CONSTRAINT webhook_subscriptions_url_check CHECK (url ~ '^https?://')
);

-- A replay of one past event on request: delivered once, outside the subscription's order.
CREATE TABLE webhook_replays (
    trust_id         uuid NOT NULL,
    id               uuid NOT NULL,
    subscription_id  uuid NOT NULL,
    event_id         uuid NOT NULL,
    requested_at     timestamptz NOT NULL,
    CONSTRAINT webhook_replays_pkey PRIMARY KEY (id),
    CONSTRAINT webhook_replays_subscription_fkey FOREIGN KEY (trust_id, subscription_id)
        REFERENCES webhook_subscriptions (trust_id, id) ON DELETE CASCADE
);
CREATE INDEX webhook_replays_subscription_idx ON webhook_replays (trust_id, subscription_id, requested_at);

-- Every attempt, for the subscription's delivery log: status or error, never the body.
CREATE TABLE webhook_deliveries (
    trust_id         uuid NOT NULL,
    id               uuid NOT NULL,
    subscription_id  uuid NOT NULL,
    event_id         uuid NOT NULL,
    event_type       text NOT NULL,
    attempt          integer NOT NULL,
    replay           boolean NOT NULL DEFAULT false,
    outcome          text NOT NULL,
    status_code      integer,
    error            text,
    duration_ms      integer NOT NULL,
    attempted_at     timestamptz NOT NULL,
    CONSTRAINT webhook_deliveries_pkey PRIMARY KEY (id),
    CONSTRAINT webhook_deliveries_subscription_fkey FOREIGN KEY (trust_id, subscription_id)
        REFERENCES webhook_subscriptions (trust_id, id) ON DELETE CASCADE,
    CONSTRAINT webhook_deliveries_outcome_check CHECK (outcome IN ('delivered', 'failed'))
);
CREATE INDEX webhook_deliveries_subscription_idx ON webhook_deliveries (trust_id, subscription_id, attempted_at);

-- The delivery worker finds due subscriptions across trusts (platform scope, as the audit
-- linker does); this table stays small (a few subscriptions per trust), so the OR costs little.
ALTER TABLE webhook_subscriptions ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_subscriptions FORCE ROW LEVEL SECURITY;
CREATE POLICY webhook_subscriptions_isolation ON webhook_subscriptions
    USING (trust_id = app_current_trust() OR app_platform_scope())
    WITH CHECK (trust_id = app_current_trust() OR app_platform_scope());
ALTER TABLE webhook_replays ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_replays FORCE ROW LEVEL SECURITY;
CREATE POLICY webhook_replays_isolation ON webhook_replays
    USING (trust_id = app_current_trust()) WITH CHECK (trust_id = app_current_trust());
ALTER TABLE webhook_deliveries ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_deliveries FORCE ROW LEVEL SECURITY;
CREATE POLICY webhook_deliveries_isolation ON webhook_deliveries
    USING (trust_id = app_current_trust()) WITH CHECK (trust_id = app_current_trust());
GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_subscriptions TO appraise_app;
GRANT SELECT, INSERT, DELETE ON webhook_replays TO appraise_app;
GRANT SELECT, INSERT ON webhook_deliveries TO appraise_app;

-- A subscription disabled after three days of failures is told to the trust on its feed.
ALTER TABLE change_events DROP CONSTRAINT change_events_topic_check;
ALTER TABLE change_events ADD CONSTRAINT change_events_topic_check
    CHECK (topic IN ('staff', 'appraisals', 'pay', 'support', 'integration'));
