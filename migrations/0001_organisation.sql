-- Organisation: trusts (tenants), units, people, employments; idempotency keys.
--
-- Tenancy (PRODUCT.md "Organisation", "Scale"): every tenant table carries trust_id, every
-- foreign key between tenant tables includes it (so the schema can later be sharded by
-- trust_id), and row-level security keyed on the transaction-local setting app.trust_id keeps
-- trusts apart even if application code is wrong. FORCE applies it to the owner too.
--
-- Roles: this file runs as the owner. The application connects as appraise_app, which the
-- bootstrap scripts create as neither owner, superuser nor BYPASSRLS.

CREATE FUNCTION app_current_trust() RETURNS uuid
    LANGUAGE sql STABLE
    AS $$ SELECT nullif(current_setting('app.trust_id', true), '')::uuid $$;

-- 'platform' scope: the break-glass administrator, who manages trusts themselves.
CREATE FUNCTION app_platform_scope() RETURNS boolean
    LANGUAGE sql STABLE
    AS $$ SELECT coalesce(current_setting('app.scope', true), '') = 'platform' $$;

CREATE TABLE trusts (
    id                      uuid PRIMARY KEY,
    name                    text NOT NULL,
    kind                    text NOT NULL,
    companies_house_number  text,
    version                 integer NOT NULL DEFAULT 1,
    created_at              timestamptz NOT NULL,
    updated_at              timestamptz NOT NULL,
    CONSTRAINT trusts_kind_check CHECK (kind IN ('multi_academy_trust', 'single_academy_trust', 'local_authority')),
    CONSTRAINT trusts_name_check CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    CONSTRAINT trusts_companies_house_number_key UNIQUE (companies_house_number)
);

CREATE TABLE units (
    trust_id     uuid NOT NULL REFERENCES trusts (id),
    id           uuid NOT NULL,
    name         text NOT NULL,
    kind         text NOT NULL,
    urn          text,
    phase        text,
    external_id  text,
    version      integer NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    CONSTRAINT units_pkey PRIMARY KEY (id),
    CONSTRAINT units_trust_id_id_key UNIQUE (trust_id, id),
    CONSTRAINT units_kind_check CHECK (kind IN ('school', 'central_team')),
    CONSTRAINT units_urn_check CHECK ((kind = 'school' AND urn ~ '^[0-9]{6}$') OR (kind = 'central_team' AND urn IS NULL)),
    CONSTRAINT units_urn_key UNIQUE (trust_id, urn),
    CONSTRAINT units_external_id_key UNIQUE (trust_id, external_id)
);

CREATE TABLE people (
    trust_id     uuid NOT NULL REFERENCES trusts (id),
    id           uuid NOT NULL,
    given_name   text NOT NULL,
    family_name  text NOT NULL,
    email        text,
    external_id  text,
    version      integer NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    CONSTRAINT people_pkey PRIMARY KEY (id),
    CONSTRAINT people_trust_id_id_key UNIQUE (trust_id, id),
    CONSTRAINT people_external_id_key UNIQUE (trust_id, external_id)
);
-- Email addresses are case-insensitive in practice: one person per address per trust.
CREATE UNIQUE INDEX people_email_key ON people (trust_id, lower(email));

CREATE TABLE employments (
    trust_id            uuid NOT NULL REFERENCES trusts (id),
    id                  uuid NOT NULL,
    person_id           uuid NOT NULL,
    unit_id             uuid NOT NULL,
    staff_group         text NOT NULL,
    job_title           text NOT NULL,
    line_manager_id     uuid,
    contract_type       text NOT NULL,
    contract_end_date   date,
    start_date          date NOT NULL,
    end_date            date,
    probation_end_date  date,
    induction_status    text NOT NULL,
    qts                 boolean NOT NULL,
    fte                 numeric(5, 4) NOT NULL,
    pay_point           text,
    working_pattern     text NOT NULL,
    external_id         text,
    version             integer NOT NULL DEFAULT 1,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    CONSTRAINT employments_pkey PRIMARY KEY (id),
    CONSTRAINT employments_trust_id_id_key UNIQUE (trust_id, id),
    CONSTRAINT employments_person_fkey FOREIGN KEY (trust_id, person_id) REFERENCES people (trust_id, id),
    CONSTRAINT employments_unit_fkey FOREIGN KEY (trust_id, unit_id) REFERENCES units (trust_id, id),
    CONSTRAINT employments_line_manager_fkey FOREIGN KEY (trust_id, line_manager_id) REFERENCES employments (trust_id, id),
    CONSTRAINT employments_line_manager_not_self CHECK (line_manager_id IS DISTINCT FROM id),
    CONSTRAINT employments_staff_group_check CHECK (staff_group IN ('teacher', 'support', 'leadership', 'headteacher', 'ceo', 'central')),
    CONSTRAINT employments_contract_check CHECK (
        (contract_type = 'permanent' AND contract_end_date IS NULL) OR
        (contract_type = 'fixed_term' AND contract_end_date >= start_date)),
    CONSTRAINT employments_end_date_check CHECK (end_date IS NULL OR end_date >= start_date),
    CONSTRAINT employments_probation_check CHECK (probation_end_date IS NULL OR probation_end_date >= start_date),
    CONSTRAINT employments_induction_status_check CHECK (induction_status IN ('not_applicable', 'in_progress', 'completed', 'failed')),
    CONSTRAINT employments_fte_check CHECK (fte > 0 AND fte <= 1),
    CONSTRAINT employments_working_pattern_check CHECK (working_pattern IN ('term_time', 'all_year')),
    CONSTRAINT employments_external_id_key UNIQUE (trust_id, external_id)
);
CREATE INDEX employments_person_idx ON employments (trust_id, person_id);
CREATE INDEX employments_unit_idx ON employments (trust_id, unit_id, id);
CREATE INDEX employments_line_manager_idx ON employments (trust_id, line_manager_id);

-- Idempotency-Key records: the first response to a POST, replayed for a retry with the same
-- key and body. trust_id is NULL for platform-scope requests (creating a trust).
CREATE TABLE idempotency_keys (
    trust_id          uuid REFERENCES trusts (id),
    credential        text NOT NULL,
    key               text NOT NULL,
    request_hash      text NOT NULL,
    state             text NOT NULL,
    response_status   integer,
    response_headers  jsonb,
    response_body     text,
    created_at        timestamptz NOT NULL,
    CONSTRAINT idempotency_keys_pkey PRIMARY KEY (credential, key),
    CONSTRAINT idempotency_keys_state_check CHECK (state IN ('in_flight', 'completed'))
);

-- Row-level security: tenant rows are visible and writable only inside their trust's context.
ALTER TABLE trusts ENABLE ROW LEVEL SECURITY;
ALTER TABLE trusts FORCE ROW LEVEL SECURITY;
CREATE POLICY trusts_isolation ON trusts
    USING (id = app_current_trust() OR app_platform_scope())
    WITH CHECK (id = app_current_trust() OR app_platform_scope());

ALTER TABLE units ENABLE ROW LEVEL SECURITY;
ALTER TABLE units FORCE ROW LEVEL SECURITY;
CREATE POLICY units_isolation ON units
    USING (trust_id = app_current_trust()) WITH CHECK (trust_id = app_current_trust());

ALTER TABLE people ENABLE ROW LEVEL SECURITY;
ALTER TABLE people FORCE ROW LEVEL SECURITY;
CREATE POLICY people_isolation ON people
    USING (trust_id = app_current_trust()) WITH CHECK (trust_id = app_current_trust());

ALTER TABLE employments ENABLE ROW LEVEL SECURITY;
ALTER TABLE employments FORCE ROW LEVEL SECURITY;
CREATE POLICY employments_isolation ON employments
    USING (trust_id = app_current_trust()) WITH CHECK (trust_id = app_current_trust());

ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE idempotency_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY idempotency_keys_isolation ON idempotency_keys
    USING (trust_id IS NOT DISTINCT FROM app_current_trust())
    WITH CHECK (trust_id IS NOT DISTINCT FROM app_current_trust());

GRANT USAGE ON SCHEMA public TO appraise_app;
GRANT SELECT ON schema_migrations TO appraise_app;
GRANT SELECT, INSERT, UPDATE ON trusts TO appraise_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON units, people, employments, idempotency_keys TO appraise_app;
GRANT EXECUTE ON FUNCTION app_current_trust(), app_platform_scope() TO appraise_app;
