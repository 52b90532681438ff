#!/usr/bin/env bash
# Runs one benchmark in Release with a throwaway PostgreSQL cluster: bench/run.sh <name> [--option value ...]
# `bench/run.sh list` lists them. Results are printed as Markdown to paste into BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres-cluster.sh
pg_cluster_start >&2
export HOTLINE_BENCH_POSTGRES="$HOTLINE_TEST_POSTGRES"
dotnet build bench/Hotline.Bench -c Release -v q -nologo >&2
dotnet bench/Hotline.Bench/bin/Release/net10.0/Hotline.Bench.dll "$@"
