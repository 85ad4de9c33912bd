-- Role grants (issue 3 §2): a role given to a person for the whole trust (unit_id NULL) or
-- for one unit. Line manager and reviewer are not grants: they follow from employments and
-- appointments.

CREATE TABLE grants (
    trust_id    uuid NOT NULL REFERENCES trusts (id),
    id          uuid NOT NULL,
    person_id   uuid NOT NULL,
    role        text NOT NULL,
    unit_id     uuid,
    version     integer NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL,
    CONSTRAINT grants_pkey PRIMARY KEY (id),
    CONSTRAINT grants_trust_id_id_key UNIQUE (trust_id, id),
    CONSTRAINT grants_person_fkey FOREIGN KEY (trust_id, person_id) REFERENCES people (trust_id, id),
    CONSTRAINT grants_unit_fkey FOREIGN KEY (trust_id, unit_id) REFERENCES units (trust_id, id),
    CONSTRAINT grants_role_check CHECK (role IN (
        'trust_admin', 'hr', 'ceo', 'operations_director', 'headteacher', 'senior_leader', 'trustee',
        'chair_of_trustees', 'governor', 'chair_of_governors', 'committee_member', 'external_adviser', 'reporting'))
);
-- One grant of a role per person and scope (NULLS NOT DISTINCT: one trust-wide grant too).
CREATE UNIQUE INDEX grants_role_key ON grants (trust_id, person_id, role, unit_id) NULLS NOT DISTINCT;
CREATE INDEX grants_person_idx ON grants (trust_id, person_id);

ALTER TABLE grants ENABLE ROW LEVEL SECURITY;
ALTER TABLE grants FORCE ROW LEVEL SECURITY;
CREATE POLICY grants_isolation ON grants
    USING (trust_id = app_current_trust() OR app_platform_scope())
    WITH CHECK (trust_id = app_current_trust() OR app_platform_scope());

GRANT SELECT, INSERT, DELETE ON grants TO appraise_app;
