#!/usr/bin/env bash
# Run the pytest suite with the services it needs (see scripts/postgres.sh).
set -euo pipefail
bin=${1:-.venv/bin}
# PostgreSQL: a throw-away server on loopback for the ledger tests marked `postgres`.
bash "$(dirname "$0")/postgres.sh" --fast "$bin/pytest" -q
