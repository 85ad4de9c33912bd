-- Issue 16 §2: `updated_since` on the appraisals list, for a nightly pull of what changed.
-- (An appraisal also counts as changed when its reviewers do: that side is found per row
-- through reviewer_appointments' appraisal index.)
CREATE INDEX appraisals_updated_idx ON appraisals (trust_id, updated_at);
