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
# Issue 16 §6: every operation described, every JSON body exampled, every example valid
# (jsonschema-rs and PyYAML come with schemathesis).
"${st[0]}" scripts/openapi-reference-check.py openapi.yaml

# CI runs a fixed seed (reproducible); elsewhere every run explores new cases.
seed=${SCHEMATHESIS_SEED:-}
if [ -z "$seed" ] && [ "${CI:-}" = "true" ]; then seed=20261123; fi

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
token=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
log=$(mktemp)
APPRAISE_ADMIN_TOKEN=$token APPRAISE_TOKEN_SECRET=$token$token APPRAISE_HOST=127.0.0.1 APPRAISE_PORT=$port \
  APPRAISE_AUTH_FAILURE_LIMIT=1000000 APPRAISE_RATE_LIMIT_PER_MINUTE=1000000 APPRAISE_PASSWORD_ROUNDS=210000 LOG_LEVEL=warning .build/debug/appraise serve >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -f "$log"' EXIT

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
# administrator, an API key with staff:write, a user granted HR, and a reviewer (a user with no
# role who reviews one appraisal). One worker: hypothesis parses lambda sources with Python's
# ast module, which is not thread-safe on Python 3.11 ("AST constructor recursion depth
# mismatch" with 2 workers).
#
# The trust is seeded with an appraisal record (issue 5) — an open cycle under 000 with an
# objective, observation, meeting, a draft statement (and a moderation round holding it), a concern
# and its support plan, a pay recommendation decided and appealed, evidence with a
# document and a development need, and one
# under 004 with a conversation — and scripts/schemathesis.toml pins those ids, so every
# record operation is exercised on real data rather than answering 404.
seed_output=$(python3 - "$base" "$token" "$trust" <<'PY'
import json, random, sys, urllib.request
base, token, trust = sys.argv[1:4]
def call(method, path, body=None, bearer=token, etag=None, raw=None, content_type="application/json"):
    headers = {"Authorization": f"Bearer {bearer}", "Appraise-Trust-Id": trust}
    data = None
    if body is not None: data = json.dumps(body).encode(); headers["Content-Type"] = content_type
    if raw is not None: data = raw; headers["Content-Type"] = content_type
    if etag: headers["If-Match"] = etag
    response = urllib.request.urlopen(urllib.request.Request(f"{base}{path}", method=method, data=data, headers=headers))
    return json.load(response), response.headers.get("ETag")
def login(person, name):
    email = f"{name}-{person}@contract.example"
    call("POST", "/v1/accounts", {"person_id": person, "email": email, "password": "contract password 1"})
    request = urllib.request.Request(f"{base}/v1/auth/token", method="POST", headers={"Content-Type": "application/json"},
        data=json.dumps({"email": email, "password": "contract password 1"}).encode())
    return json.load(urllib.request.urlopen(request))["access_token"]
def person(name): return call("POST", "/v1/people", {"given_name": name, "family_name": "Contract"})[0]["id"]
def school(name): return call("POST", "/v1/units", {"name": name, "kind": "school", "urn": str(random.randint(100000, 999999))})[0]["id"]
key = call("POST", "/v1/api-keys", {"name": "contract", "scopes": ["staff:write"]})[0]["key"]
hr = person("HR")
call("POST", "/v1/grants", {"person_id": hr, "role": "hr"})
hr_token = login(hr, "hr")
# An appraisal under 000 (objectives), reviewed by `reviewer`, appointed by the head.
policy, etag = call("PUT", "/v1/policy", {"preset_id": "000-alpha-trust"})
a, b = school("Contract A"), school("Contract B")
head, reviewer, teacher, teacher_b = person("Head"), person("Reviewer"), person("Teacher"), person("Teacher B")
for unit in (a, b): call("POST", "/v1/grants", {"person_id": head, "role": "headteacher", "unit_id": unit})
for who, unit in ((teacher, a), (reviewer, a), (teacher_b, b)):
    call("POST", "/v1/employments", {"person_id": who, "unit_id": unit, "staff_group": "teacher", "job_title": "Teacher",
                                     "start_date": "2020-09-01", "qts": True})
def appraisal_in(unit, employee):
    cycle, _ = call("POST", "/v1/cycles", {"name": "Contract", "year": 2026, "unit_id": unit})
    call("POST", f"/v1/cycles/{cycle['id']}/transitions", {"to": "open"}, etag='"1"')
    found = call("GET", f"/v1/appraisals?cycle_id={cycle['id']}&person_id={employee}")[0]["items"][0]["id"]
    call("POST", f"/v1/appraisals/{found}/reviewer-appointments", {"reviewers": [reviewer], "appointed_by": head})
    return found
appraisal = appraisal_in(a, teacher)
reviewer_token = login(reviewer, "reviewer")
def make(path, body): return call("POST", f"/v1/appraisals/{appraisal}{path}", body, bearer=reviewer_token)[0]["id"]
plan_item = call("POST", "/v1/plan-items", {"kind": "trust_priority", "title": "Reading"})[0]["id"]
objective = make("/objectives", {"title": "Questioning", "description": "D", "success_criteria": "S", "kind": "practice",
                                 "links": [{"plan_item_id": plan_item}]})
observation = make("/observations", {"kind": "drop_in", "observer_id": reviewer, "observed_at": "2026-11-10T09:00:00Z",
                                     "duration_minutes": 20, "focus": "F"})
meeting = make("/meetings", {"kind": "planning", "held_on": "2026-11-02"})
statement = make("/statements", {"objectives_assessment": "O", "standards_assessment": "S", "cpd_and_impact": "C"})
development = make("/development", {"need": "N", "planned_delivery": "P"})
evidence = make("/evidence", {"kind": "other", "summary": "S", "standard": "TS1"})
call("PUT", f"/v1/evidence/{evidence}/document?filename=e.pdf", bearer=reviewer_token, raw=b"%PDF-1.4\n%%EOF\n",
     content_type="application/pdf")
# A moderation round of the school holding that statement, with HR as its moderator (issue 13 §3).
cycle_a = call("GET", f"/v1/appraisals/{appraisal}")[0]["cycle_id"]
round_ = call("POST", "/v1/moderation-rounds", {"cycle_id": cycle_a, "unit_id": a, "subject": "statements",
                                                "moderators": [hr]})[0]["id"]
item = call("GET", f"/v1/moderation-rounds/{round_}")[0]["items"][0]["id"]
# A concern answered with informal support, and its plan (issue 14), raised by the reviewer.
concern = make("/concerns", {"raised_on": "2026-11-20", "nature": "N", "seriousness": "significant",
                             "response": "informal_support"})
support_plan = call("POST", f"/v1/concerns/{concern}/support-plans",
                    {"areas_of_concern": "A", "targets": ["T"], "support": [{"kind": "coaching"}],
                     "monitored_by": reviewer, "monitoring": "M", "starts_on": "2026-11-23"},
                    bearer=reviewer_token)[0]["id"]
# A pay recommendation (issue 15): the reviewer's, approved by the head, decided by the pay
# committee, appealed by the teacher.
payer = person("Pay committee")
call("POST", "/v1/grants", {"person_id": payer, "role": "pay_committee_member"})
recommendation = call("POST", f"/v1/appraisals/{appraisal}/pay-recommendation",
                      {"outcome": "no_progression", "reasons": "R", "recommended_on": "2026-11-20"},
                      bearer=reviewer_token)[0]["id"]
call("PUT", f"/v1/pay-recommendations/{recommendation}/approval", {"approved_on": "2026-11-20"},
     bearer=login(head, "head"))
call("PUT", f"/v1/pay-recommendations/{recommendation}/decision",
     {"outcome": "no_progression", "decided_on": "2026-11-23"}, bearer=login(payer, "payer"))
teacher_token = login(teacher, "teacher")
pay_appeal = call("POST", f"/v1/pay-recommendations/{recommendation}/appeal",
                  {"lodged_on": "2026-11-24", "grounds": "G"}, bearer=teacher_token)[0]["id"]
upper_pay_range = call("POST", f"/v1/appraisals/{appraisal}/upper-pay-range-applications",
                       {"applied_on": "2026-11-20", "evidence": "E"}, bearer=teacher_token)[0]["id"]
# An appraisal under 004 (conversations), opened after the policy changes.
call("PUT", "/v1/policy", {"preset_id": "004-aspire-mat"}, etag=etag)
appraisal_b = appraisal_in(b, teacher_b)
conversation = call("POST", f"/v1/appraisals/{appraisal_b}/conversations", {"kind": "autumn", "held_on": "2026-10-14"},
                    bearer=reviewer_token)[0]["id"]
# A webhook subscription (issue 16 §4), to an address the server never reaches from here.
subscription = call("POST", "/v1/webhook-subscriptions", {"url": "https://hooks.contract.invalid/appraise"})[0]["id"]
# The reviewer's calendar feed (issue 16 §5): its token is the feed's path.
calendar = call("POST", "/v1/me/calendar-feed", bearer=reviewer_token)[0]["token"]
# The users by email: an access token lives 15 minutes, less than the runs below, so each run
# logs in afresh (`access_token`).
print(key, f"hr-{hr}@contract.example", f"reviewer-{reviewer}@contract.example", appraisal, objective, observation, meeting, development, evidence, plan_item, conversation,
      statement, round_, item, concern, support_plan, recommendation, pay_appeal, upper_pay_range, subscription,
      calendar)
PY
)
read -r api_key hr_email reviewer_email CONTRACT_APPRAISAL_ID CONTRACT_OBJECTIVE_ID CONTRACT_OBSERVATION_ID CONTRACT_MEETING_ID \
  CONTRACT_DEVELOPMENT_ID CONTRACT_EVIDENCE_ID CONTRACT_PLAN_ITEM_ID CONTRACT_CONVERSATION_ID CONTRACT_STATEMENT_ID \
  CONTRACT_ROUND_ID CONTRACT_ITEM_ID CONTRACT_CONCERN_ID CONTRACT_SUPPORT_PLAN_ID CONTRACT_PAY_RECOMMENDATION_ID \
  CONTRACT_PAY_APPEAL_ID CONTRACT_UPPER_PAY_RANGE_ID CONTRACT_SUBSCRIPTION_ID CONTRACT_CALENDAR_TOKEN <<<"$seed_output"
export CONTRACT_APPRAISAL_ID CONTRACT_OBJECTIVE_ID CONTRACT_OBSERVATION_ID CONTRACT_MEETING_ID CONTRACT_DEVELOPMENT_ID \
  CONTRACT_EVIDENCE_ID CONTRACT_PLAN_ITEM_ID CONTRACT_CONVERSATION_ID CONTRACT_STATEMENT_ID CONTRACT_ROUND_ID \
  CONTRACT_ITEM_ID CONTRACT_CONCERN_ID CONTRACT_SUPPORT_PLAN_ID CONTRACT_PAY_RECOMMENDATION_ID CONTRACT_PAY_APPEAL_ID \
  CONTRACT_UPPER_PAY_RANGE_ID CONTRACT_SUBSCRIPTION_ID CONTRACT_CALENDAR_TOKEN

# The administrator's run checks everything. The others check every response (status,
# content type, headers, schema, no 5xx, auth) but not negative-data rejection, which the first
# run covers for the same validation code: with a key's narrower reach the generator mistakes
# merge-patch bodies (valid against the stored record) for invalid ones.
# CONTRACT_ONLY=syncStaff,listEvents narrows a local run to those operations.
only=()
only_ids=${CONTRACT_ONLY:-}
for id in ${only_ids//,/ }; do only+=(--include-operation-id "$id"); done
# A run just before may have spent an account's sign-in limit (5 failures in 5 minutes):
# schemathesis's stateful links can carry a listed account's email into /v1/auth/token with
# a made-up password. A 429 is waited out as its Retry-After says, as a client would.
access_token() { # email: a token fresh for the next 15 minutes
  python3 - "$base" "$1" <<'PY'
import json, sys, time, urllib.error, urllib.request
base, email = sys.argv[1], sys.argv[2]
body = json.dumps({"email": email, "password": "contract password 1"}).encode()
for attempt in range(10):
    request = urllib.request.Request(base + "/v1/auth/token", data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        print(json.load(urllib.request.urlopen(request))["access_token"])
        break
    except urllib.error.HTTPError as error:
        if error.code != 429 or attempt == 9:
            raise
        time.sleep(min(310, int(error.headers.get("Retry-After") or 5)))
PY
}
for credential in "admin:$token" "api-key:$api_key" "hr-user:@$hr_email" "reviewer:@$reviewer_email"; do
  name=${credential%%:*}
  secret=${credential#*:}
  [ "${secret:0:1}" = @ ] && secret=$(access_token "${secret:1}")
  exclude=()
  [ "$name" = admin ] || exclude=(--exclude-checks negative_data_rejection)
  echo "-- schemathesis as $name"
  "${st[@]}" --config-file scripts/schemathesis.toml run openapi.yaml \
    --url "$base" \
    --header "Authorization: Bearer $secret" \
    --header "Appraise-Trust-Id: $trust" \
    --checks all "${exclude[@]}" "${only[@]}" \
    --workers 1 \
    --suppress-health-check too_slow,filter_too_much \
    --request-timeout 10 \
    ${seed:+--seed "$seed"}
done

# Issue 16 §6: a Python client generated from the contract (openapi-python-client, pinned)
# imports whole and syncs staff with the API key (twice: created, then unchanged).
echo "-- a generated Python client syncs staff"
client_dir=$(mktemp -d)
# Both tools live in the project's own virtualenv (Debian's Python refuses pip outside one).
[ -x .venv-contract/bin/python ] || python3 -m venv .venv-contract 2>/dev/null \
  || { bash scripts/deps.sh --venv; python3 -m venv .venv-contract; }
py=$PWD/.venv-contract/bin/python
"$py" -c 'import openapi_python_client, icalendar' 2>/dev/null \
  || "$py" -m pip install --quiet "openapi-python-client==0.29.1" "icalendar==7.3.2"
(cd "$client_dir" && "$py" -m openapi_python_client generate --path "$OLDPWD/openapi.yaml" --meta none \
  --output-path appraise_client > generate.log 2>&1) || { cat "$client_dir/generate.log" >&2; exit 1; }
"$py" scripts/python-client-sync.py "$client_dir" "$base" "$api_key"
# Issue 16 §5: the seeded reviewer's calendar feed parses with a calendar library.
"$py" scripts/calendar-feed-check.py "$base" "$(access_token "$reviewer_email")"
rm -rf "$client_dir"

# Graceful shutdown under swift-service-lifecycle: SIGTERM drains and the process exits 0.
# (The EXIT trap's `kill` then finds no process: hence its `|| true`, or errexit fails the run.)
echo "-- SIGTERM stops the server cleanly"
kill -TERM "$server"
status=0
timeout 30 tail --pid="$server" -f /dev/null || { echo "server still running 30 s after SIGTERM" >&2; exit 1; }
wait "$server" || status=$?
[ "$status" -eq 0 ] || { echo "server exited $status after SIGTERM" >&2; tail -20 "$log" >&2; exit 1; }
