#!/usr/bin/env bash
# The whole test suite: lint (with the layer rule), type checks, unit and integration tests
# against real servers, then end-to-end tests of browser mode in Debian's Chromium.
# As root it installs the Debian packages the tests need; otherwise it says what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

bash scripts/test-deps.sh

step() { printf '\n== %s (%ss)\n' "$1" "$(( $(date +%s) - start ))"; }

step 'install npm packages'
source scripts/node-headers.sh
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

step 'build'
npx electron-vite build >/dev/null

step 'lint and type checks'
# Lint and the two type checks are independent: run them side by side on the two cores.
npm run --silent lint & lint=$!
npm run --silent typecheck & types=$!
wait $lint
wait $types

step 'unit and integration tests'
npx vitest run

step 'end-to-end tests (Chromium)'
bash scripts/loopback-only.sh npx playwright test

step "done in $(( $(date +%s) - start ))s"
