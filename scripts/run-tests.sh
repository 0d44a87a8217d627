#!/usr/bin/env bash
# Run the pytest suite with the services it needs (see scripts/postgres.sh, scripts/chromium.sh).
set -euo pipefail
bin=${1:-.venv/bin}
here="$(dirname "$0")"
# Chromium: Debian's headless browser and chromedriver, for the report tests marked `browser`.
# PostgreSQL: a throw-away server on loopback for the ledger tests marked `postgres`.
bash "$here/chromium.sh" bash "$here/postgres.sh" --fast "$bin/pytest" -q
