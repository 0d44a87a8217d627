#!/usr/bin/env bash
# Run a command with Debian's headless Chromium and its chromedriver at hand.
#
#   scripts/chromium.sh COMMAND [ARGS...]
#
# Installs Debian's `chromium` and `chromium-driver` with apt-get (as root, or through
# `sudo -n`) if /usr/bin/chromium or /usr/bin/chromedriver is missing, then runs COMMAND
# with SUPPLYLINE_TEST_CHROMIUM and SUPPLYLINE_TEST_CHROMEDRIVER exported: the browser
# tests (marked `browser`) then FAIL, not skip, when the browser cannot be started.
# If SUPPLYLINE_TEST_CHROMIUM is already set, COMMAND just runs with it.
set -euo pipefail

if [[ $# -eq 0 ]]; then
    echo "usage: $0 COMMAND [ARGS...]" >&2
    exit 2
fi
if [[ -n "${SUPPLYLINE_TEST_CHROMIUM:-}" ]]; then
    exec "$@"
fi

chromium=/usr/bin/chromium
driver=/usr/bin/chromedriver
if [[ ! -x "$chromium" || ! -x "$driver" ]]; then
    echo "chromium.sh: installing Debian's chromium and chromium-driver (apt-get)" >&2
    as_root=()
    [[ $(id -u) -eq 0 ]] || as_root=(sudo -n)
    export DEBIAN_FRONTEND=noninteractive
    "${as_root[@]}" apt-get update -qq >&2
    "${as_root[@]}" apt-get install -y -qq --no-install-recommends chromium chromium-driver >&2
fi
if [[ ! -x "$chromium" || ! -x "$driver" ]]; then
    echo "chromium.sh: $chromium or $driver is still missing after apt-get" >&2
    exit 1
fi

export SUPPLYLINE_TEST_CHROMIUM="$chromium"
export SUPPLYLINE_TEST_CHROMEDRIVER="$driver"
echo "chromium.sh: $("$chromium" --version 2>/dev/null | head -1)" >&2
exec "$@"
