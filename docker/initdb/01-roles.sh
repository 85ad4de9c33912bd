#!/bin/sh
# Runs once, when the data volume is created: the application role is neither owner,
# superuser nor BYPASSRLS, so PostgreSQL's row-level security binds it.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<SQL
CREATE ROLE appraise_app LOGIN PASSWORD '${APPRAISE_APP_PASSWORD}' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SQL
