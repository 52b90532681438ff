#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on a free loopback port from the machine's initdb/pg_ctl.
# Source it: `source scripts/postgres-cluster.sh; pg_cluster_start` sets HOTLINE_TEST_POSTGRES and registers
# pg_cluster_stop to run on exit. initdb refuses to run as root, so as root the cluster belongs to 'postgres'.

pg_bindir() {
  local dir
  for dir in "$(pg_config --bindir 2>/dev/null)" /usr/lib/postgresql/*/bin /usr/local/bin /usr/bin; do
    if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
  done
  echo "PostgreSQL's initdb/pg_ctl were not found (Debian: apt-get install postgresql)" >&2
  return 1
}

pg_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
    || echo $((20000 + RANDOM % 20000))
}

pg_as_owner() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_cluster_start() {
  local bin port
  bin=$(pg_bindir) || return 1
  PG_CLUSTER_DIR=$(mktemp -d /tmp/hotline-pg.XXXXXX)
  if [ "$(id -u)" = "0" ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    chown postgres:postgres "$PG_CLUSTER_DIR"
  fi
  port=$(pg_free_port)
  pg_as_owner "$bin/initdb" -D "$PG_CLUSTER_DIR/data" -E UTF8 --locale=C.UTF-8 -A trust -U postgres >"$PG_CLUSTER_DIR/initdb.log" 2>&1 \
    || { cat "$PG_CLUSTER_DIR/initdb.log" >&2; return 1; }
  # A throwaway cluster need not survive a crash. The settings go in the file, not on the command line, so a benchmark
  # can turn PostgreSQL's durable defaults back on with ALTER SYSTEM (the command line would outrank it).
  printf 'fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n' >>"$PG_CLUSTER_DIR/data/postgresql.conf"
  pg_as_owner "$bin/pg_ctl" -D "$PG_CLUSTER_DIR/data" -l "$PG_CLUSTER_DIR/server.log" -w \
    -o "-p $port -k $PG_CLUSTER_DIR -c listen_addresses=127.0.0.1 -c max_connections=300" \
    start >/dev/null || { cat "$PG_CLUSTER_DIR/server.log" >&2; return 1; }
  PG_CLUSTER_BIN=$bin
  export HOTLINE_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  trap pg_cluster_stop EXIT
  echo "PostgreSQL test cluster on 127.0.0.1:$port ($PG_CLUSTER_DIR)"
}

pg_cluster_stop() {
  if [ -n "${PG_CLUSTER_DIR:-}" ] && [ -d "$PG_CLUSTER_DIR" ]; then
    pg_as_owner "$PG_CLUSTER_BIN/pg_ctl" -D "$PG_CLUSTER_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_CLUSTER_DIR"
  fi
}
