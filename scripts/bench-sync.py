"""Issue 16 §1: 10,000 staff synced in one request, beside a plain COPY of the same rows.

Usage: bench-sync.py PORT ADMIN_TOKEN (DATABASE_URL in the environment). A new trust takes
20 units, 10,000 people and 10,000 employments (every tenth managed by its unit's first) in
one POST /v1/staff-sync, then the same again (nothing changes); then psql COPYs the same
people and employments into tables shaped like the real ones (their indexes and checks,
logged and committed durably as the sync is; no row-level security, no audit) — the
database's floor for writing those rows. The scratch tables are dropped afterwards.
"""
import json, os, subprocess, sys, tempfile, time, urllib.request, uuid

port, token = sys.argv[1], sys.argv[2]
base = f"http://127.0.0.1:{port}"
STAFF, UNITS = 10_000, 20


def call(method, path, body, trust=None):
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    if trust:
        headers["Appraise-Trust-Id"] = trust
    request = urllib.request.Request(base + path, method=method, data=body, headers=headers)
    with urllib.request.urlopen(request, timeout=300) as response:
        return response.status, json.load(response)


trust = call("POST", "/v1/trusts", json.dumps({"name": "Sync bench", "kind": "multi_academy_trust"}).encode())[1]["id"]
units = [{"external_id": f"U{u}", "name": f"School {u}", "kind": "school", "urn": f"{300000 + u}"} for u in range(UNITS)]
people = [{"external_id": f"P{i}", "given_name": f"Given{i}", "family_name": f"Family{i}",
           "email": f"staff{i}@bench.example"} for i in range(STAFF)]
employments = []
for i in range(STAFF):
    row = {"external_id": f"E{i}", "person_external_id": f"P{i}", "unit_external_id": f"U{i % UNITS}",
           "staff_group": "teacher", "job_title": "Teacher", "start_date": "2024-09-01", "qts": True}
    if i >= UNITS and i % 10 == 0:
        row["line_manager_external_id"] = f"E{i % UNITS}"
    employments.append(row)
body = json.dumps({"units": units, "people": people, "employments": employments}).encode()

started = time.monotonic()
status, report = call("POST", "/v1/staff-sync", body, trust)
first = time.monotonic() - started
started = time.monotonic()
_, again = call("POST", "/v1/staff-sync", body, trust)
second = time.monotonic() - started

with tempfile.TemporaryDirectory() as folder:
    people_csv, employments_csv = os.path.join(folder, "people.csv"), os.path.join(folder, "employments.csv")
    ids = [str(uuid.uuid4()) for _ in range(STAFF)]
    unit_ids = [str(uuid.uuid4()) for _ in range(UNITS)]
    with open(people_csv, "w") as f:
        for i, p in enumerate(people):
            f.write(f"{trust},{ids[i]},{p['given_name']},{p['family_name']},{p['email']},{p['external_id']},1,now,now\n")
    with open(employments_csv, "w") as f:
        for i, e in enumerate(employments):
            manager = ids[i % UNITS] if "line_manager_external_id" in e else ""
            f.write(f"{trust},{uuid.uuid4()},{ids[i]},{unit_ids[i % UNITS]},teacher,Teacher,{manager},permanent,,"
                    f"2024-09-01,,,not_applicable,true,1,,term_time,false,{e['external_id']},1,now,now\n")
    script = f"""
        SET synchronous_commit = on;
        DROP TABLE IF EXISTS copy_people, copy_employments;
        CREATE TABLE copy_people (LIKE people INCLUDING ALL);
        CREATE TABLE copy_employments (LIKE employments INCLUDING ALL);
        \\copy copy_people (trust_id, id, given_name, family_name, email, external_id, version, created_at, updated_at) FROM '{people_csv}' CSV
        \\copy copy_employments (trust_id, id, person_id, unit_id, staff_group, job_title, line_manager_id, contract_type, contract_end_date, start_date, end_date, probation_end_date, induction_status, qts, fte, pay_point, working_pattern, under_capability, external_id, version, created_at, updated_at) FROM '{employments_csv}' CSV
    """
    owner = os.environ.get("DATABASE_OWNER_URL") or os.environ["DATABASE_URL"]
    started = time.monotonic()
    subprocess.run(["psql", owner, "-q", "-v", "ON_ERROR_STOP=1"], input=script.encode(), check=True)
    copied = time.monotonic() - started
    subprocess.run(["psql", owner, "-q", "-c", "DROP TABLE copy_people, copy_employments"], check=True)

print(f"staff sync, {STAFF:,} staff ({len(body) / 1e6:.1f} MB): HTTP {status}, {report['summary']}, "
      f"{first:.2f} s (target < 5 s)")
print(f"the same sync again: {again['summary']['unchanged']:,} unchanged in {second:.2f} s")
print(f"COPY of the same {STAFF:,} people and employments: {copied:.2f} s; "
      f"sync rate = {100 * copied / first:.0f}% of COPY's (target >= 25%)")
