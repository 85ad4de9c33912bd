#!/usr/bin/env bash
# Contract test: starts the real server against the database in DATABASE_URL and runs
# schemathesis (every check) against openapi.yaml. Zero failures or this exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?run through make test, or export DATABASE_URL}"

# schemathesis from PyPI: the machine's if it has it, else a private virtualenv (Debian's
# system Python refuses `pip install` outside one, PEP 668).
# Pinned, so a new release cannot change what CI generates.
version=4.32.5
has_version() { "$1" -c "import importlib.metadata as m, sys; sys.exit(m.version('schemathesis') != '$version')" 2>/dev/null; }
st=(python3 -m schemathesis.cli)
if ! has_version python3; then
  if ! has_version .venv-contract/bin/python; then
    python3 -m venv .venv-contract 2>/dev/null || { bash scripts/deps.sh --venv; python3 -m venv .venv-contract; }
    .venv-contract/bin/python -m pip install --quiet "schemathesis==$version"
  fi
  st=(.venv-contract/bin/python -m schemathesis.cli)
fi
# CI runs a fixed seed (reproducible); elsewhere every run explores new cases.
seed=${SCHEMATHESIS_SEED:-}
if [ -z "$seed" ] && [ "${CI:-}" = "true" ]; then seed=20261123; fi

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
token=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
log=$(mktemp)
APPRAISE_ADMIN_TOKEN=$token APPRAISE_TOKEN_SECRET=$token$token APPRAISE_HOST=127.0.0.1 APPRAISE_PORT=$port \
  APPRAISE_AUTH_FAILURE_LIMIT=1000000 APPRAISE_PASSWORD_ROUNDS=210000 LOG_LEVEL=warning .build/debug/appraise serve >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true; rm -f "$log"' EXIT

base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do
  python3 -c "import urllib.request; urllib.request.urlopen('$base/healthz', timeout=1)" 2>/dev/null && break
  sleep 0.1
done

# A trust to act in: every tenant operation is exercised inside it.
trust=$(python3 - "$base" "$token" <<'PY'
import json, sys, urllib.request
base, token = sys.argv[1], sys.argv[2]
request = urllib.request.Request(f"{base}/v1/trusts", method="POST",
    data=json.dumps({"name": "Contract Test Trust", "kind": "multi_academy_trust"}).encode(),
    headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
print(json.load(urllib.request.urlopen(request))["id"])
PY
)

# Once per kind of credential (issue 3: "schemathesis runs once per role token"): the platform
# administrator, an API key with staff:write, and a user granted HR. One worker: hypothesis
# parses lambda sources with Python's ast module, which is not thread-safe on Python 3.11
# ("AST constructor recursion depth mismatch" with 2 workers).
credentials=$(python3 - "$base" "$token" "$trust" <<'PY'
import json, sys, urllib.request
base, token, trust = sys.argv[1:4]
def call(method, path, body):
    request = urllib.request.Request(f"{base}{path}", method=method, data=json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {token}", "Appraise-Trust-Id": trust, "Content-Type": "application/json"})
    return json.load(urllib.request.urlopen(request))
key = call("POST", "/v1/api-keys", {"name": "contract", "scopes": ["staff:write"]})["key"]
person = call("POST", "/v1/people", {"given_name": "Contract", "family_name": "HR"})["id"]
call("POST", "/v1/accounts", {"person_id": person, "email": f"hr-{person}@contract.example", "password": "contract password 1"})
call("POST", "/v1/grants", {"person_id": person, "role": "hr"})
login = urllib.request.Request(f"{base}/v1/auth/token", method="POST", headers={"Content-Type": "application/json"},
    data=json.dumps({"email": f"hr-{person}@contract.example", "password": "contract password 1"}).encode())
print(key, json.load(urllib.request.urlopen(login))["access_token"])
PY
)
read -r api_key user_token <<<"$credentials"

# The administrator's run checks everything. The other two check every response (status,
# content type, headers, schema, no 5xx, auth) but not negative-data rejection, which the first
# run covers for the same validation code: with a key's narrower reach the generator mistakes
# merge-patch bodies (valid against the stored record) for invalid ones.
for credential in "admin:$token" "api-key:$api_key" "hr-user:$user_token"; do
  name=${credential%%:*}
  exclude=()
  [ "$name" = admin ] || exclude=(--exclude-checks negative_data_rejection)
  echo "-- schemathesis as $name"
  "${st[@]}" --config-file scripts/schemathesis.toml run openapi.yaml \
    --url "$base" \
    --header "Authorization: Bearer ${credential#*:}" \
    --header "Appraise-Trust-Id: $trust" \
    --checks all "${exclude[@]}" \
    --workers 1 \
    --suppress-health-check too_slow,filter_too_much \
    --request-timeout 10 \
    ${seed:+--seed "$seed"}
done
