# shellcheck shell=bash
# A throwaway PostgreSQL cluster for the inbox benchmark (scripts/bench-inbox.sh): sourced by
# scripts that sourced scripts/setup.sh first (its clean-up hooks, AW_CLEANUP_HOOKS, stop the
# cluster and delete its files when the calling script exits, failing or not).
#
#   url="$(start_postgres)"      # postgres://postgres@127.0.0.1:PORT/aw
#
# The cluster listens on 127.0.0.1 only (its Unix socket sits in its own temporary folder, not in
# /var/run/postgresql), trusts every local login (nothing but this machine can reach it), and
# keeps fsync on: the benchmark measures durable commits, so the numbers would lie without it.
# Its files live under $TMPDIR (/tmp): on a tmpfs fsync costs nothing, so mind that.

# Prints the bin folder of the newest PostgreSQL under /usr/lib/postgresql (Debian's layout: its
# server programs are not on PATH).
postgres_bin() {
  local initdb
  initdb="$(compgen -G '/usr/lib/postgresql/*/bin/initdb' | sort -V | tail -1)"
  if [ -z "$initdb" ]; then
    echo "postgres.sh: no /usr/lib/postgresql/*/bin/initdb; run scripts/setup.sh" >&2
    return 1
  fi
  dirname "$initdb"
}

# Starts the cluster, creates the database `aw` and prints its URL; logs go to the cluster's
# folder (named on failure). Safe to call in a command substitution and more than once.
start_postgres() {
  : "${AW_CLEANUP_HOOKS:?postgres.sh: source scripts/setup.sh first}"
  local bin dir port attempt run=()
  bin="$(postgres_bin)" || return 1
  dir="$(mktemp -d "${TMPDIR:-/tmp}/aw-postgres.XXXXXX")"
  # PostgreSQL refuses to run as root: as root the cluster belongs to Debian's `postgres` user.
  if [ "$(id -u)" -eq 0 ]; then
    run=(runuser -u postgres --)
    chown postgres: "$dir"
  fi
  # Registered before anything starts, so a failure half-way still cleans up. pg_ctl's fast stop
  # ends the sessions and writes a checkpoint; on a cluster that never started it just fails.
  printf '%s >/dev/null 2>&1; rm -rf %q\n' \
    "$(printf '%q ' "${run[@]}" "$bin/pg_ctl" -D "$dir/data" stop -m fast -w -t 30)" \
    "$dir" >>"$AW_CLEANUP_HOOKS"

  # UTF-8 with a UTF-8 locale (C.UTF-8: always there, unlike en_US.UTF-8), as real servers run.
  # --no-sync: a throwaway cluster need not flush its template files (seconds saved); the
  # server itself keeps fsync on. From the cluster's folder: the postgres user may not be able
  # to read the caller's working directory.
  (cd "$dir" && "${run[@]}" "$bin/initdb" -D "$dir/data" -A trust -U postgres --no-sync \
    -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1) \
    || { echo "postgres.sh: initdb failed: $(cat "$dir/initdb.log")" >&2; return 1; }
  cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
fsync = on
synchronous_commit = on
EOF

  # A free port, asked of the kernel; another process may take it before the server binds it
  # (two benchmarks at once), so a start that fails on the port tries another.
  for attempt in 1 2 3 4 5; do
    port="$(node -e 'const s = require("net").createServer();
      s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')"
    if (cd "$dir" && "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" \
      -o "-p $port" -w -t 60 start >/dev/null 2>&1); then
      break
    fi
    if [ "$attempt" -eq 5 ] || ! grep -q 'could not bind\|Address already in use' "$dir/server.log"; then
      echo "postgres.sh: the server did not start: $(tail -20 "$dir/server.log")" >&2
      return 1
    fi
  done
  # pg_ctl -w waited for the server to accept connections; this also proves TCP works.
  for _ in $(seq 1 100); do
    "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres && break
    sleep 0.1
  done
  "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres aw \
    || { echo "postgres.sh: createdb failed: $(tail -20 "$dir/server.log")" >&2; return 1; }
  echo "postgres://postgres@127.0.0.1:$port/aw"
}
