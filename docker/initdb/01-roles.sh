#!/bin/sh
# Runs once, when the data volume is created: the application role is neither owner,
# superuser nor BYPASSRLS, so PostgreSQL's row-level security binds it. The password goes in
# as a psql variable quoted by psql (:'app_password'), so no character in it can break the SQL.
set -eu
psql -v ON_ERROR_STOP=1 -v app_password="$APPRAISE_APP_PASSWORD" --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<'SQL'
CREATE ROLE appraise_app LOGIN PASSWORD :'app_password' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
-- BI logins (issue 17 §4, `appraise reporting create-login`) are members of this role.
CREATE ROLE appraise_reporting NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SQL
