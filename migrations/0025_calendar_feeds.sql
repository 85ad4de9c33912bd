-- Issue 16 §5: each person's iCalendar feed of their appraisal deadlines, meetings and
-- observations, at an unguessable URL they can revoke. Only the token's SHA-256 is kept; a
-- calendar client presents the token, so the row is found before the trust is known (as an
-- API key's prefix is, 0011): `app.calendar_token_hash` names it.
CREATE TABLE calendar_feeds (
    trust_id    uuid NOT NULL REFERENCES trusts (id),
    id          uuid NOT NULL,
    person_id   uuid NOT NULL,
    token_hash  text NOT NULL,
    created_at  timestamptz NOT NULL,
    revoked_at  timestamptz,
    CONSTRAINT calendar_feeds_pkey PRIMARY KEY (id),
    CONSTRAINT calendar_feeds_token_hash_key UNIQUE (token_hash),
    CONSTRAINT calendar_feeds_person_fkey FOREIGN KEY (trust_id, person_id) REFERENCES people (trust_id, id)
);
-- One live feed per person: a new one revokes the old.
CREATE UNIQUE INDEX calendar_feeds_live_key ON calendar_feeds (trust_id, person_id) WHERE revoked_at IS NULL;

ALTER TABLE calendar_feeds ENABLE ROW LEVEL SECURITY;
ALTER TABLE calendar_feeds FORCE ROW LEVEL SECURITY;
CREATE POLICY calendar_feeds_isolation ON calendar_feeds
    USING (trust_id = app_current_trust()
           OR token_hash = nullif(current_setting('app.calendar_token_hash', true), ''))
    WITH CHECK (trust_id = app_current_trust());
GRANT SELECT, INSERT, UPDATE ON calendar_feeds TO appraise_app;
