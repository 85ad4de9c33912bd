-- Issue 16 §1: the append-only logs check their trust once per statement, not once per row.
-- A staff sync of 10,000 staff appends 20,000 audit events and 20,000 feed rows, one
-- statement each; their foreign keys to trusts looked up and locked the same trust 40,000
-- times (PostgreSQL's auto_explain: 96 ms and 98 ms of the sync's 2.4 s). The trigger below
-- keeps the rule — every row's trust exists, and is locked against deletion until commit
-- (FOR KEY SHARE, as the foreign key's check does) — once per statement. It raises what the
-- foreign key raised (23503, the same constraint name), so errors read as before.
-- It runs as the inserting role: the row's trust is visible to it exactly when the row
-- passes the table's policy (its trust is the session's, or platform scope), which every
-- appended row must.
CREATE FUNCTION appended_rows_trusts_exist() RETURNS trigger
    LANGUAGE plpgsql SET search_path = public AS $$
DECLARE
    missing uuid;
BEGIN
    PERFORM 1 FROM trusts WHERE id IN (SELECT DISTINCT trust_id FROM appended) FOR KEY SHARE;
    SELECT a.trust_id INTO missing
    FROM (SELECT DISTINCT trust_id FROM appended) a
    WHERE NOT EXISTS (SELECT 1 FROM trusts t WHERE t.id = a.trust_id)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'insert or update on table "%" violates foreign key constraint "%"',
            TG_TABLE_NAME, TG_ARGV[0]
            USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME, CONSTRAINT = TG_ARGV[0],
                  DETAIL = format('Key (trust_id)=(%s) is not present in table "trusts".', missing);
    END IF;
    RETURN NULL;
END
$$;

ALTER TABLE audit_events DROP CONSTRAINT audit_events_trust_id_fkey;
CREATE TRIGGER audit_events_trust_exists AFTER INSERT ON audit_events
    REFERENCING NEW TABLE AS appended FOR EACH STATEMENT
    EXECUTE FUNCTION appended_rows_trusts_exist('audit_events_trust_id_fkey');

ALTER TABLE change_events DROP CONSTRAINT change_events_trust_id_fkey;
CREATE TRIGGER change_events_trust_exists AFTER INSERT ON change_events
    REFERENCING NEW TABLE AS appended FOR EACH STATEMENT
    EXECUTE FUNCTION appended_rows_trusts_exist('change_events_trust_id_fkey');
