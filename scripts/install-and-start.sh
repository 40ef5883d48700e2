#!/usr/bin/env bash
# First run on a fresh Debian/Ubuntu machine: checks Node.js and the compiler the SQLite driver
# is built with, installs the npm packages, and starts the app (on a demo database).
set -euo pipefail
cd "$(dirname "$0")/.."

sudo_cmd=""
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo_cmd="sudo"

node_ok() {
  command -v node >/dev/null 2>&1 && node -e '
    const [a, b] = process.versions.node.split(".").map(Number);
    process.exit((a === 20 && b >= 19) || (a === 22 && b >= 12) || a > 22 ? 0 : 1)'
}
if ! node_ok; then
  echo "Node.js 20.19+ (or 22.12+) is needed; found: $(node --version 2>/dev/null || echo none)." >&2
  echo "Install it from your distribution or https://nodejs.org, then run this again." >&2
  exit 1
fi

missing=()
for tool in make g++ python3; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] || [ -n "$sudo_cmd" ]; then
    echo "Installing build tools for the SQLite driver: build-essential python3"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq build-essential python3 >/dev/null
  else
    echo "Missing: ${missing[*]}. Install them with: apt-get install build-essential python3" >&2
    exit 1
  fi
fi

source scripts/node-headers.sh
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
exec npm start -- "$@"
