#!/usr/bin/env bash
# Installs what the build and tests need and the machine lacks (Debian packages), as root or
# through sudo. Safe to run repeatedly.
set -euo pipefail
missing=()
[ -f /usr/include/postgresql/libpq-fe.h ] || missing+=(libpq-dev)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql postgresql-contrib)
command -v python3 >/dev/null 2>&1 || missing+=(python3 python3-pip)
# The reverse-proxy test runs the project's nginx configuration in front of the API over TLS.
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || missing+=(nginx)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
command -v curl >/dev/null 2>&1 || missing+=(curl)
# The statement's PDF (issue 13): cairo and Pango to make it (opened by name on the first
# PDF, so only the libraries, not their headers), fonts to set it, poppler to check it.
/sbin/ldconfig -p | grep -q 'libpangocairo-1.0.so.0 ' || missing+=(libpangocairo-1.0-0)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
# Webhooks (issue 16 §4) are delivered with libcurl (its header to build; opened on first use).
pkg-config --exists libcurl 2>/dev/null || missing+=(libcurl4-openssl-dev)
if [ "${1:-}" = "--venv" ]; then
  python3 -m venv --help >/dev/null 2>&1 && python3 -c 'import ensurepip' 2>/dev/null || missing+=(python3-venv)
fi
if [ "${1:-}" = "--test" ]; then
  # The /docs test renders the reference in a real headless Chromium (issue 16 §6).
  command -v chromium-headless-shell >/dev/null 2>&1 || command -v chromium >/dev/null 2>&1 \
    || missing+=(chromium-headless-shell)
fi
if [ "${1:-}" = "--bench" ]; then
  command -v wrk >/dev/null 2>&1 || missing+=(wrk)
  command -v pgbench >/dev/null 2>&1 || missing+=(postgresql-contrib)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "deps.sh: installing ${missing[*]}" >&2
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${missing[@]}" >&2
fi
command -v swift >/dev/null 2>&1 || { echo "deps.sh: the Swift toolchain (6.x) must be on PATH" >&2; exit 1; }
