#!/usr/bin/env bash
# `make test`: a throwaway PostgreSQL cluster, then unit, integration and HTTP tests
# (swift test), the database-outage test, and the contract test (schemathesis against the
# real server). The cluster is destroyed on exit, pass or fail.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh --test
bash scripts/docs-assets.sh

name="test-$$"
cleanup() { bash scripts/pg.sh destroy "$name" >/dev/null 2>&1 || true; }
trap cleanup EXIT
env_file=$(bash scripts/pg.sh start "$name")
# shellcheck disable=SC1090
. "$env_file"
export DATABASE_URL DATABASE_OWNER_URL
export APPRAISE_TEST_PG_CLUSTER="$name"

echo "== build"
swift build --build-tests 2>&1 | grep -Ev '^\[[0-9]+/[0-9]+\] (Compiling|Emitting|Linking|Write|Planning)' || true
swift build --build-tests >/dev/null
.build/debug/appraise migrate

log=$(mktemp)
echo "== unit, integration and HTTP tests"
swift test --skip-build --skip OutageTests 2>&1 | tee "$log"

echo "== database outage (stops and restarts PostgreSQL)"
swift test --skip-build --filter OutageTests 2>&1 | tee -a "$log"

echo "== contract (schemathesis, every check)"
bash scripts/contract.sh

echo "== audit chains after every test above (appraise audit checkpoint, then verify)"
eval "$(.build/debug/appraise audit key-pair | sed 's/^/export /')"
checkpoints=$(mktemp)
.build/debug/appraise audit checkpoint --output "$checkpoints"
.build/debug/appraise audit verify --checkpoints "$checkpoints"
rm -f "$checkpoints"

# `set -o pipefail` has stopped the script at any failure above, so everything here passed.
swift_tests=$(grep -Eo 'Test run with [0-9]+ tests? ' "$log" | awk '{s += $4} END {print s + 0}')
rm -f "$log"
echo "swift tests and the schemathesis contract run all passed"
echo "$((swift_tests + 1)) passed, 0 failed"
