#!/usr/bin/env bash
# Runs every test of Hotline 12345 on a fresh clone. It provisions what the tests need:
#   - a throwaway PostgreSQL cluster (the machine's initdb/pg_ctl) on a free loopback port, removed afterwards;
#   - the SPA's npm packages and Debian's Chromium (for the browser tests) when they are missing.
# Usage: ./test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Calendar]
set -euo pipefail
cd "$(dirname "$0")"

source scripts/postgres-cluster.sh
pg_cluster_start

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build Hotline.slnx -c Release -warnaserror
dotnet test Hotline.slnx -c Release --no-build --logger "console;verbosity=normal" "$@"
