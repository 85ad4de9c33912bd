#!/usr/bin/env bash
# `make run`: serve the API on :8080 with a demo trust.
# Without DATABASE_URL, a private PostgreSQL cluster is bootstrapped (scripts/pg.sh), migrated
# and loaded with the demo trust; its settings and a generated admin token are kept with it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
bash scripts/docs-assets.sh || echo "run.sh: Swagger UI not installed; /docs will answer 503" >&2
if [ -z "${DATABASE_URL:-}" ]; then
  env_file=$(bash scripts/pg.sh start dev)
  # shellcheck disable=SC1090
  . "$env_file"
  token_file="$(dirname "$env_file")/admin-token"
  if [ -z "${APPRAISE_ADMIN_TOKEN:-}" ]; then
    [ -f "$token_file" ] || head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$token_file"
    APPRAISE_ADMIN_TOKEN=$(cat "$token_file")
  fi
  secret_file="$(dirname "$env_file")/token-secret"
  if [ -z "${APPRAISE_TOKEN_SECRET:-}" ]; then
    [ -f "$secret_file" ] || head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$secret_file"
    APPRAISE_TOKEN_SECRET=$(cat "$secret_file")
  fi
fi
: "${APPRAISE_ADMIN_TOKEN:?set APPRAISE_ADMIN_TOKEN (at least 32 characters) when DATABASE_URL is given}"
: "${APPRAISE_TOKEN_SECRET:?set APPRAISE_TOKEN_SECRET (at least 32 characters) when DATABASE_URL is given}"
export DATABASE_URL DATABASE_OWNER_URL="${DATABASE_OWNER_URL:-$DATABASE_URL}" APPRAISE_ADMIN_TOKEN APPRAISE_TOKEN_SECRET
export APPRAISE_PORT="${APPRAISE_PORT:-8080}"
swift build --product appraise
bin=.build/debug/appraise
$bin migrate
$bin demo
trust=0193a5b0-0000-7000-8000-00000000d3e0 # DemoTrust.trustID
cat <<MSG

  Appraise is starting on http://localhost:$APPRAISE_PORT  (Ctrl-C stops it)

  Admin token:  $APPRAISE_ADMIN_TOKEN
  Demo trust:   $trust
  Log in as a person (password "demo password 2026"; preset 000, the 2026/27 cycle open):
    staff5@demo-trust.example  Riverside headteacher
    staff6@demo-trust.example  Riverside deputy head, reviewer of staff7
    staff7@demo-trust.example  Riverside class teacher
    curl -s -X POST -H "Content-Type: application/json" "http://localhost:$APPRAISE_PORT/v1/auth/token" \\
         -d '{"email": "staff7@demo-trust.example", "password": "demo password 2026"}'
    then: curl -s -H "Authorization: Bearer <access_token>" "http://localhost:$APPRAISE_PORT/v1/me/tasks"

  Try:
    curl -s -H "Authorization: Bearer $APPRAISE_ADMIN_TOKEN" -H "Appraise-Trust-Id: $trust" \\
         "http://localhost:$APPRAISE_PORT/v1/employments?limit=5"

  Contract: http://localhost:$APPRAISE_PORT/openapi.yaml

MSG
exec $bin serve
