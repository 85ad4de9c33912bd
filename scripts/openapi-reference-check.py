"""The reference is complete (issue 16 §6): every operation of openapi.yaml has a description,
every JSON request body and success response an example, and every example is valid against
its schema. Run by scripts/contract.sh; prints what is missing or wrong and exits 1."""
import json
import sys

import jsonschema_rs
import yaml

document = yaml.safe_load(open(sys.argv[1] if len(sys.argv) > 1 else "openapi.yaml"))
problems = []


def check(where, media, example_required):
    if not media or "json" not in media[0]:
        return
    name, body = media
    examples = []
    if "example" in body:
        examples.append(body["example"])
    examples += [e["value"] for e in body.get("examples", {}).values() if "value" in e]
    if not examples and example_required:
        problems.append(f"{where} {name}: no example")
    # The schema is checked in place, so its $refs resolve against the whole document.
    root = dict(document, **{"$ref": "#/x-check"}, **{"x-check": body.get("schema", {})})
    # jsonschema-rs is schemathesis's own validator, so nothing more needs installing.
    validator = jsonschema_rs.Draft202012Validator(root, validate_formats=True)
    for example in examples:
        for error in validator.iter_errors(example):
            path = "/".join(str(p) for p in error.instance_path)
            problems.append(f"{where} {name}: example invalid at '{path}': {error.message[:160]}")


for path, item in document["paths"].items():
    for method, operation in item.items():
        if method not in ("get", "post", "put", "patch", "delete"):
            continue
        where = f"{method.upper()} {path} ({operation.get('operationId')})"
        if not operation.get("description", "").strip():
            problems.append(f"{where}: no description")
        for media in operation.get("requestBody", {}).get("content", {}).items():
            check(where + " request", media, True)
        for status, response in operation.get("responses", {}).items():
            for media in response.get("content", {}).items():
                check(f"{where} {status}", media, str(status).startswith("2"))

for problem in problems:
    print("openapi-reference-check:", problem)
print(f"openapi-reference-check: {len(problems)} problem(s)")
sys.exit(1 if problems else 0)
