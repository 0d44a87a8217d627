#!/usr/bin/env bash
# Run the pytest suite with the services it needs (see scripts/postgres.sh).
set -euo pipefail
bin=${1:-.venv/bin}
"$bin/pytest" -q
