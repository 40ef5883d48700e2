#!/usr/bin/env bash
# Runs a command where the only network is this machine's loopback: a new network namespace
# with `lo` up and nothing else. The end-to-end tests run in one, so no test can send traffic
# to any other address, WebRTC media included (Chromium would otherwise offer candidates on every
# interface). Needs root (unshare); otherwise says so and runs the command as it is, and the
# tests that need the isolation (the softphone's) refuse to run.
set -euo pipefail
if [ "$(id -u)" -eq 0 ] && command -v unshare >/dev/null 2>&1 && command -v ip >/dev/null 2>&1; then
  export CC_LOOPBACK_ONLY=1
  exec unshare --net -- bash -c 'ip link set lo up && exec "$@"' loopback-only "$@"
fi
echo "Not root: running without a loopback-only network namespace (the softphone tests need one)." >&2
exec "$@"
