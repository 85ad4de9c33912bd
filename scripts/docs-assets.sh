#!/usr/bin/env bash
# Installs Swagger UI's files for the interactive reference at /docs (issue 16 §6) from PyPI
# (the swagger-ui-py wheel carries Swagger UI 5's dist files), into .build-docs/swagger-ui or
# the directory given. Never copied into the repository. Safe to run repeatedly.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:-.build-docs/swagger-ui}
version=25.7.1 # swagger-ui-py; its static/ is Swagger UI 5.24
stamp="$target/.swagger-ui-py-$version"
[ -f "$stamp" ] && exit 0
download=$(mktemp -d)
trap 'rm -rf "$download"' EXIT
# `pip download` installs nothing, so it works beside Debian's externally managed Python.
python3 -m pip download --quiet --no-deps --only-binary=:all: --dest "$download" "swagger-ui-py==$version" >&2
mkdir -p "$target"
python3 - "$download"/swagger_ui_py-*.whl "$target" <<'PY'
import sys, zipfile, os
wheel, target = sys.argv[1], sys.argv[2]
wanted = ["swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png", "LICENSE"]
with zipfile.ZipFile(wheel) as archive:
    for name in wanted:
        with archive.open("swagger_ui/static/" + name) as source, open(os.path.join(target, name), "wb") as out:
            out.write(source.read())
PY
touch "$stamp"
echo "docs-assets.sh: Swagger UI installed in $target" >&2
