#!/usr/bin/env bash
# Issue 17 §6, run by scripts/bench.sh against its server: seeds one trust's estate of
# 1,000,000 employments over six years (scripts/bench-estate.sql; BENCH_ESTATE_EMPLOYMENTS for
# another size), then times every report through the API as HR reads it — 20 requests each,
# the median and the slowest printed — for the open cycle (2025/26, one sixth of the estate)
# and for a closed year (2024), as JSON and the completion report as CSV too. Target: < 1 s.
# Usage: bench-reports.sh PORT ADMIN_TOKEN (DATABASE_URL, DATABASE_OWNER_URL, DATABASE_ADMIN_URL exported).
set -euo pipefail
cd "$(dirname "$0")/.."
port=$1 token=$2
total=${BENCH_ESTATE_EMPLOYMENTS:-1000000}
estate=$(psql "$DATABASE_URL" -At -c "SELECT md5('estate-trust')::uuid")
base="http://127.0.0.1:$port"
psql "$DATABASE_URL" -q -v ON_ERROR_STOP=1 >/dev/null <<SQL
BEGIN;
SELECT set_config('app.scope', 'platform', true), set_config('app.trust_id', '$estate', true);
INSERT INTO trusts (id, name, kind, created_at, updated_at)
VALUES ('$estate', 'Estate Trust', 'multi_academy_trust', now(), now()) ON CONFLICT DO NOTHING;
COMMIT;
SQL
api() { # method path [json]
  curl -fsS -X "$1" "$base$2" -H "Authorization: Bearer $token" -H "Appraise-Trust-Id: $estate" \
    ${3:+-H "Content-Type: application/json" -d "$3"}
}
if [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/v1/policy" -H "Authorization: Bearer $token" \
      -H "Appraise-Trust-Id: $estate")" = 404 ]; then
  api PUT /v1/policy '{"preset_id": "003-hampshire-model"}' >/dev/null
fi
policy=$(psql "$DATABASE_URL" -At -c "SELECT set_config('app.trust_id', '$estate', false)" \
  -c "SELECT id FROM policy_versions ORDER BY version DESC LIMIT 1" | tail -1)
echo "== seeding the estate: $total employments over six years, one trust (once; kept for later runs)"
started=$(date +%s)
# As the cluster's superuser: the seed turns the tables' triggers off while it writes and
# builds the appraisals' facts (migrations/0032) in one statement at the end.
psql "$DATABASE_ADMIN_URL" -q -v ON_ERROR_STOP=1 -v estate="$estate" -v total="$total" -v policy="$policy" \
  -1 -f scripts/bench-estate.sql | grep -v '^Time' || true
psql "$DATABASE_OWNER_URL" -q -c "SET client_min_messages = error" -c "VACUUM ANALYZE"
echo "seeded in $(( $(date +%s) - started ))s"

# An HR user of the estate reads the reports, as a trust's HR lead would.
hr=$(api POST /v1/people '{"given_name": "Estate", "family_name": "HR"}' \
  | python3 -c "import json,sys; print(json.load(sys.stdin)['id'])")
email="estate-hr-$(date +%s%N)@bench.example"
api POST /v1/accounts "{\"person_id\": \"$hr\", \"email\": \"$email\", \"password\": \"bench password 123\"}" >/dev/null
api POST /v1/grants "{\"person_id\": \"$hr\", \"role\": \"hr\"}" >/dev/null
hr_token=$(curl -fsS -X POST "$base/v1/auth/token" -H "Content-Type: application/json" \
  -d "{\"email\": \"$email\", \"password\": \"bench password 123\"}" \
  | python3 -c "import json,sys; print(json.load(sys.stdin)['access_token'])")
cycle=$(psql "$DATABASE_URL" -At -c "SELECT md5('$estate' || 'cycle' || 2025)::uuid")

time_report() { # report query [accept]
  local times=() status
  for _ in $(seq 1 20); do
    read -r status time < <(curl -sS -o /dev/null -w '%{http_code} %{time_total}\n' "$base/v1/reports/$1?$2" \
      -H "Authorization: Bearer $hr_token" -H "Accept: ${3:-application/json}")
    # A report past the server's statement timeout (5 s) answers 503: shown, not hidden.
    if [ "$status" != 200 ]; then printf '%-22s %-44s %s after %.1f s\n' "$1" "$2" "$status" "$time"; return; fi
    times+=("$time")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v name="$1${3:+ (csv)}" -v q="$2" '
    { t[NR] = $1 } END { printf "%-22s %-44s median %6.0f ms   slowest %6.0f ms\n", name, q, 1000 * (t[10] + t[11]) / 2, 1000 * t[NR] }'
}
echo "== reports on the estate (HR, 20 requests each; target: median < 1 s)"
for report in completion overdue objective-outcomes observation-feedback statements-on-time support pay-outcomes \
              reviewer-load outcomes-and-pay; do
  time_report "$report" "cycle_id=$cycle"
  time_report "$report" "year=2024"
done
time_report completion "cycle_id=$cycle" text/csv
