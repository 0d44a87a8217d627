#!/usr/bin/env bash
# Run the pytest suite with the services it needs (see scripts/postgres.sh, scripts/chromium.sh).
set -euo pipefail
bin=${1:-.venv/bin}
here="$(dirname "$0")"
# Chromium: Debian's headless browser and chromedriver, for the report tests marked `browser`.
# PostgreSQL: a throw-away server on loopback for the ledger tests marked `postgres`.
# One pytest worker per core (pytest-xdist): on the 2-core VM the suite ran 16 min serially
# and CI's whole job 18 min; each test is independent of the others (its own tmp folder,
# its own PostgreSQL schema; the browser tests share their reports under a lock).
# SUPPLYLINE_TEST_WORKERS=0 runs it in one process.
bash "$here/chromium.sh" bash "$here/postgres.sh" --fast "$bin/pytest" -q \
    -n "${SUPPLYLINE_TEST_WORKERS:-auto}"
