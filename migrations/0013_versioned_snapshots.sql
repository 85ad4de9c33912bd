-- Issue 11 §3: what is kept as history is a versioned snapshot type, not the domain struct.
-- Every objective_history row so far holds schema 1 (Domain/Snapshots/ObjectiveSnapshot.swift,
-- the objective's shape since 0008); a later shape is written with its own number and both
-- are read for as long as the record is kept.
ALTER TABLE objective_history
    ADD COLUMN snapshot_schema smallint NOT NULL DEFAULT 1,
    ADD CONSTRAINT objective_history_snapshot_schema_check CHECK (snapshot_schema >= 1);
