#!/usr/bin/env bash
# The servers under abuse, on loopback, each scenario against a fresh optimised server process
# (benches/abuse.mjs has the details):
#
#   1  200 concurrent wrong-password logins from one address: at most 5 checked with Argon2
#      (answered 401), aw-server's peak RSS under 300 MiB
#   2  a stranger's 20 wrong logins for the editor's email: the editor still logs in (303)
#   3  one client's 70 corrections for an article: another client's correction for it is
#      still stored (201)
#   4  1,100 connections trickling a POST body a byte a second: `GET /healthz` and
#      `GET /inbox/login` still answer 200 within 1 s
#   5  24 concurrent 4.8 MB `POST /render`: aw-render-server's peak RSS under 1 GiB, and a
#      small article right after answers 200 within 3 s
#   6  two aw-server processes on one PostgreSQL database: the login throttle and the
#      per-client limit count once across both (at most 5 of 20 logins answered 401; exactly
#      10 of 20 corrections answered 201)
#   7  a mixed attack: 200,000 forwarded addresses fill the limiter, 64 logins and 300 correction
#      bodies trickle; the editor logs in and lists the inbox (under 1 s) and a new reader's
#      correction is stored (201)
#
# Peak RSS is the process's VmHWM (/proc/PID/status). Prints a Markdown table with a figure and
# PASS/FAIL per target (also in target/bench-abuse/results.md, with results.json and the servers'
# logs); exits non-zero when a target is missed. Scenario 6 runs on a throwaway PostgreSQL
# cluster (scripts/postgres.sh). Not part of the test suite.
#
#   scripts/bench-abuse.sh [all|1,2,…]      (default all; e.g. `scripts/bench-abuse.sh 4,5`)
#
# AW_BENCH_ABUSE_TIMEOUT (seconds, default 420; a run takes about a minute) bounds everything
# after the build.
# AW_BENCH_ABUSE_PROFILE (default server) is the Cargo profile the servers are built with.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$AW_ROOT"

SCENARIOS="${1:-all}"
if ! [[ "$SCENARIOS" == all || "$SCENARIOS" =~ ^[1-7](,[1-7])*$ ]]; then
  echo "usage: scripts/bench-abuse.sh [all|1,2,…]   (scenarios 1 to 7)" >&2
  exit 2
fi
PROFILE="${AW_BENCH_ABUSE_PROFILE:-server}"

if [ -z "${AW_BENCH_ABUSE_TIMED:-}" ]; then
  say "build of aw-server and aw-render-server (profile $PROFILE)"
  cargo build --profile "$PROFILE" -q -p aw-server -p aw-render-server
  # The rest runs again under `timeout`, which ends the whole process group (node, servers)
  # if anything hangs; the build stays outside it (a cold one takes minutes on 2 cores).
  # exec skips the EXIT trap, so setup.sh's clean-up runs first (nothing is started yet).
  aw_cleanup
  trap - EXIT
  AW_BENCH_ABUSE_TIMED=1 exec timeout -k 20 "${AW_BENCH_ABUSE_TIMEOUT:-420}" \
    bash "$AW_ROOT/scripts/bench-abuse.sh" "$@"
fi

# Cargo puts the dev profile in target/debug, every other profile in target/<name>.
case "$PROFILE" in
  dev | test) BIN="$AW_ROOT/target/debug" ;;
  bench) BIN="$AW_ROOT/target/release" ;;
  *) BIN="$AW_ROOT/target/$PROFILE" ;;
esac
OUT="$AW_ROOT/target/bench-abuse"
rm -rf "$OUT"
mkdir -p "$OUT"

# Scenario 4 holds 1,100 connections: the client and the server each need a descriptor per
# connection, beyond the usual 1024. Inherited by node and the servers it starts.
hard="$(ulimit -Hn)"
if [ "$hard" = unlimited ] || [ "$hard" -ge 8192 ]; then
  ulimit -n 8192
else
  ulimit -n "$hard"
  if [ "$hard" -lt 2400 ]; then
    echo "bench-abuse: the open-files hard limit is $hard; scenario 4 needs about 1,200 per process" >&2
  fi
fi

PG_URL=""
if [[ "$SCENARIOS" == all || "$SCENARIOS" == *6* ]]; then
  # shellcheck source=scripts/postgres.sh
  source "$AW_ROOT/scripts/postgres.sh"
  say "postgres: starting a throwaway cluster (scenario 6)"
  # Without it scenario 6 is reported as not run (a FAIL), and the others still run.
  PG_URL="$(start_postgres)" || PG_URL=""
fi

# Not exec: setup.sh's clean-up (the cluster's stop) runs when node is done.
node benches/abuse.mjs --server "$BIN/aw-server" --render-server "$BIN/aw-render-server" \
  --out "$OUT" --small-article "$AW_ROOT/tests/fixtures/minimal.json" \
  --pg-url "$PG_URL" --scenarios "$SCENARIOS"
