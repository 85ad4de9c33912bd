"""Issue 16 §1: 10,000 staff synced in one request, beside a plain COPY of the same rows.

Usage: bench-sync.py PORT ADMIN_TOKEN (DATABASE_URL, and DATABASE_OWNER_URL and
DATABASE_ADMIN_URL where set, in the environment). A new trust takes 20 units, 10,000
people and 10,000 employments (every tenth managed by its unit's first) in one
POST /v1/staff-sync, then the same again (nothing changes). Then psql COPYs the same rows,
logged and committed durably as the sync's are, twice: into empty tables shaped like the
real ones (dropped afterwards), and into the real tables for another new trust, where the
tables' foreign keys check them and every other trust's rows are beside them. Each is a
floor for writing those rows without the API, its audit or its change feed.
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

PEOPLE = "trust_id, id, given_name, family_name, email, external_id, version, created_at, updated_at"
EMPLOYMENTS = ("trust_id, id, person_id, unit_id, staff_group, job_title, line_manager_id, contract_type, "
               "contract_end_date, start_date, end_date, probation_end_date, induction_status, qts, fte, pay_point, "
               "working_pattern, under_capability, external_id, version, created_at, updated_at")
UNITS_COLUMNS = "trust_id, id, name, kind, urn, external_id, version, created_at, updated_at"


def write_csv(folder, owner):
    """The sync's rows as CSV for `owner` (a trust id): units, people, employments (line
    managers by employment id, as the sync resolves them); the three paths."""
    person_ids = [str(uuid.uuid4()) for _ in range(STAFF)]
    employment_ids = [str(uuid.uuid4()) for _ in range(STAFF)]
    unit_ids = [str(uuid.uuid4()) for _ in range(UNITS)]
    paths = [os.path.join(folder, f"{owner}-{name}.csv") for name in ("units", "people", "employments")]
    with open(paths[0], "w") as f:
        for u, unit in enumerate(units):
            f.write(f"{owner},{unit_ids[u]},{unit['name']},school,{unit['urn']},{unit['external_id']},1,now,now\n")
    with open(paths[1], "w") as f:
        for i, p in enumerate(people):
            f.write(f"{owner},{person_ids[i]},{p['given_name']},{p['family_name']},{p['email']},"
                    f"{p['external_id']},1,now,now\n")
    with open(paths[2], "w") as f:
        for i, e in enumerate(employments):
            manager = employment_ids[i % UNITS] if "line_manager_external_id" in e else ""
            f.write(f"{owner},{employment_ids[i]},{person_ids[i]},{unit_ids[i % UNITS]},teacher,Teacher,{manager},"
                    f"permanent,,2024-09-01,,,not_applicable,true,1,,term_time,false,{e['external_id']},1,now,now\n")
    return paths


def timed_psql(url, script):
    started = time.monotonic()
    subprocess.run(["psql", url, "-q", "-v", "ON_ERROR_STOP=1"], input=script.encode(), check=True)
    return time.monotonic() - started


owner_url = os.environ.get("DATABASE_OWNER_URL") or os.environ["DATABASE_URL"]
admin_url = os.environ.get("DATABASE_ADMIN_URL")
with tempfile.TemporaryDirectory() as folder:
    # 1. Into empty tables shaped like the real ones: their columns, indexes and checks, but
    # none of their rows, no foreign keys (LIKE copies none), no row-level security.
    _, people_csv, employments_csv = write_csv(folder, trust)
    empty = timed_psql(owner_url, f"""
        SET synchronous_commit = on;
        DROP TABLE IF EXISTS copy_people, copy_employments;
        CREATE TABLE copy_people (LIKE people INCLUDING ALL);
        CREATE TABLE copy_employments (LIKE employments INCLUDING ALL);
        \\copy copy_people ({PEOPLE}) FROM '{people_csv}' CSV
        \\copy copy_employments ({EMPLOYMENTS}) FROM '{employments_csv}' CSV
    """)
    subprocess.run(["psql", owner_url, "-q", "-c", "DROP TABLE copy_people, copy_employments"], check=True)
    # 2. Into the real tables, beside every other trust's rows: a new trust's units, people
    # and employments in one committed transaction, checked by the tables' foreign keys as the
    # sync's are — what an HR system with the database's superuser could do, with no audit,
    # no feed and no API. Row-level security does not apply to the superuser. The rows stay,
    # as the sync's own trust does.
    real = None
    if admin_url:
        copy_trust = str(uuid.uuid4())
        insert_trust = ("INSERT INTO trusts (id, name, kind, created_at, updated_at) "
                        f"VALUES ('{copy_trust}', 'Sync bench, COPY', 'multi_academy_trust', now(), now())")
        subprocess.run(["psql", admin_url, "-q", "-c", insert_trust], check=True)
        units_csv, people_csv, employments_csv = write_csv(folder, copy_trust)
        real = timed_psql(admin_url, f"""
            SET synchronous_commit = on;
            BEGIN;
            \\copy units ({UNITS_COLUMNS}) FROM '{units_csv}' CSV
            \\copy people ({PEOPLE}) FROM '{people_csv}' CSV
            \\copy employments ({EMPLOYMENTS}) FROM '{employments_csv}' CSV
            COMMIT;
        """)

print(f"staff sync, {STAFF:,} staff ({len(body) / 1e6:.1f} MB): HTTP {status}, {report['summary']}, "
      f"{first:.2f} s (target < 5 s)")
print(f"the same sync again: {again['summary']['unchanged']:,} unchanged in {second:.2f} s")
print(f"COPY of the same {STAFF:,} people and employments into empty look-alike tables: {empty:.2f} s; "
      f"sync rate = {100 * empty / first:.0f}% of COPY's (target >= 25%)")
if real is not None:
    print(f"COPY of the same units, people and employments into the real tables (a new trust): {real:.2f} s; "
          f"sync rate = {100 * real / first:.0f}% of COPY's (target >= 25%)")
