#!/usr/bin/env bash
# Runs every test of Hotline 12345 on a fresh clone. It provisions what the tests need:
#   - a throwaway PostgreSQL cluster (the machine's initdb/pg_ctl) on a free loopback port, removed afterwards;
#   - the SPA's npm packages (npm ci) and Debian's Chromium with CJK fonts (for the browser tests) when missing.
# Order: the workbench's unit tests (vitest), the .NET build (which builds the workbench), the code-style check
# (dotnet format), the workbench's bundle budget on the built files, then every .NET test (domain, HTTP on SQLite
# and PostgreSQL, browser).
# Usage: ./test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Calendar]
set -euo pipefail
cd "$(dirname "$0")"

if [[ ! -x /usr/bin/chromium && -z "${HOTLINE_CHROMIUM:-}" ]]; then
  echo "Installing Debian's Chromium and CJK fonts for the browser tests"
  sudo_cmd=()
  [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
fi

if [[ ! -d web/node_modules || web/package-lock.json -nt web/node_modules/.package-lock.json ]]; then
  (cd web && npm ci --no-audit --no-fund)
fi

source scripts/postgres-cluster.sh
pg_cluster_start

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
(cd web && npx vitest run)
dotnet build Hotline.slnx -c Release -warnaserror
dotnet format Hotline.slnx --verify-no-changes --no-restore
(cd web && node scripts/bundle-size.mjs)
# The console shows every test as it ends; a failure scrolls far up a long log, so it is printed again at the end.
test_log=$(mktemp)
test_status=0
# --blame: when the test host crashes, the run is aborted and no test "fails"; blame then names the test that was running.
dotnet test Hotline.slnx -c Release --no-build --blame --logger "console;verbosity=normal" "$@" 2>&1 | tee "$test_log" || test_status=$?
if (( test_status != 0 )); then
  echo
  echo "=== The tests that failed, with their messages (printed above as they ended), or why the run was aborted ==="
  awk '/^  Failed [A-Za-z]/ { n = 40 } /Test Run Aborted|test run was aborted|running when the crash occurred|^Process terminated/ { n = 12 } n > 0 { print; n-- }' "$test_log"
fi
rm -f "$test_log"
exit "$test_status"
