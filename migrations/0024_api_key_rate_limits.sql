-- Issue 16 §7: fair use, set per API key. NULL: the server's default
-- (APPRAISE_RATE_LIMIT_PER_MINUTE). Weighted requests (a bulk sync, a long page of the feed)
-- count for more than one.
ALTER TABLE api_keys ADD COLUMN rate_limit_per_minute integer;
ALTER TABLE api_keys ADD CONSTRAINT api_keys_rate_limit_check
    CHECK (rate_limit_per_minute IS NULL OR rate_limit_per_minute BETWEEN 1 AND 1000000);
