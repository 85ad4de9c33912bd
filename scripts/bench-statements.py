#!/usr/bin/env python3
"""Issue 13 in `make bench`: the reviewer drafts and issues one statement per appraisal (two
requests each: POST …/statements, POST …/transitions), 8 connections at once, and the time it
all takes is printed; then one issued statement is printed as PDF and read as JSON, 20 times
each, one after another, and the mean time of each is printed.

usage: bench-statements.py PORT TRUST TOKEN APPRAISAL_IDS_FILE
"""
import http.client
import json
import sys
import threading
import time

port, trust, token, ids_file = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
appraisals = [line.strip() for line in open(ids_file) if line.strip()]
# 003 §5.3.3's sections; no interim meeting was held in the benchmark's year, so the reason.
draft = json.dumps({
    "objectives_assessment": "Both objectives met, with the evidence from three observations.",
    "role_assessment": "Leads the department's curriculum work.",
    "standards_assessment": "Meets the Teachers' Standards.",
    "evidence_summary": "Observations, pupils' books, the department's results.",
    "interim_exception_reason": "Benchmark: no interim meeting in this year.",
})
headers = {"Authorization": "Bearer " + token, "Appraise-Trust-Id": trust, "Content-Type": "application/json"}


def request(connection, method, path, body=None, extra=None):
    connection.request(method, path, body=body, headers={**headers, **(extra or {})})
    response = connection.getresponse()
    data = response.read()
    if response.status >= 300:
        raise RuntimeError(f"{method} {path}: {response.status} {data[:300]!r}")
    return data


issued, failures = [], []


def worker(share):
    connection = http.client.HTTPConnection("127.0.0.1", int(port))
    for appraisal in share:
        try:
            created = request(connection, "POST", f"/v1/appraisals/{appraisal}/statements", draft)
            statement = json.loads(created)["id"]
            request(connection, "POST", f"/v1/statements/{statement}/transitions", '{"to": "issued"}',
                    {"If-Match": '"1"'})
            issued.append(statement)
        except Exception as error:  # counted and shown: a benchmark that hides failures measures nothing
            failures.append(str(error))
            connection = http.client.HTTPConnection("127.0.0.1", int(port))


threads = [threading.Thread(target=worker, args=(appraisals[i::8],)) for i in range(8)]
start = time.monotonic()
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
seconds = time.monotonic() - start
print(f"issued {len(issued)} statements (draft + issue, 8 connections) in {seconds:.2f} s"
      f" = {1000 * seconds / len(issued):.1f} ms of wall time each; {len(failures)} failed")
for failure in failures[:3]:
    print("  failed:", failure)

connection = http.client.HTTPConnection("127.0.0.1", int(port))


def mean_ms(accept):
    request(connection, "GET", f"/v1/statements/{issued[0]}", extra={"Accept": accept})  # warm
    start = time.monotonic()
    for _ in range(20):
        body = request(connection, "GET", f"/v1/statements/{issued[0]}", extra={"Accept": accept})
    return 1000 * (time.monotonic() - start) / 20, len(body)


pdf_ms, pdf_bytes = mean_ms("application/pdf")
json_ms, _ = mean_ms("application/json")
print(f"one statement as PDF: {pdf_ms:.1f} ms ({pdf_bytes} bytes); the same read as JSON: {json_ms:.1f} ms")
