#!/usr/bin/env bash
# The corrections inbox under load, on SQLite and on PostgreSQL: a burst of 5000
# `POST /corrections` over 64 keep-alive connections (a tenth of them replays of an earlier
# Idempotency-Key), then the editors' CSV export must hold every correction answered 201 exactly
# once, replays having got the first answer's id; and a second burst SIGKILLs the server
# after 1500 answers: restarted on the same database, it must still have every correction it
# answered 201. Prints a Markdown table (also in target/bench-inbox/results.md, next to each
# run's server logs, answers and exports); exits non-zero when a check fails. Loopback only.
# Not part of the test suite.
#
#   scripts/bench-inbox.sh [sqlite|postgres|all]      (default all)
#
# AW_BENCH_INBOX_TIMEOUT (seconds, default 600) bounds everything after the build.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$AW_ROOT"

case "${1:-all}" in
  sqlite) backends=(sqlite) ;;
  postgres) backends=(postgres) ;;
  all) backends=(sqlite postgres) ;;
  *) echo "usage: scripts/bench-inbox.sh [sqlite|postgres|all]" >&2; exit 2 ;;
esac

if [ -z "${AW_BENCH_INBOX_TIMED:-}" ]; then
  say "aw-server, built with the servers' profile"
  cargo build --profile server -q -p aw-server
  # The rest runs again under `timeout`, which ends the whole process group (node, servers)
  # if anything hangs; the build stays outside it (a cold one takes minutes on 2 cores).
  # exec skips the EXIT trap, so setup.sh's clean-up runs first (nothing is started yet).
  aw_cleanup
  trap - EXIT
  AW_BENCH_INBOX_TIMED=1 exec timeout -k 20 "${AW_BENCH_INBOX_TIMEOUT:-600}" \
    bash "$AW_ROOT/scripts/bench-inbox.sh" "$@"
fi

TOTAL=5000
CONCURRENCY=64
REPLAY=0.1
KILL_AFTER=1500
# One burst must end well within this; a request gives up after 30 s (inbox-load.mjs).
BURST_TIMEOUT=120
EDITOR_EMAIL=bench@example.com
EDITOR_PASSWORD="bench-password-$RANDOM$RANDOM"
SERVER="$AW_ROOT/target/server/aw-server"
OUT="$AW_ROOT/target/bench-inbox"
rm -rf "$OUT"
mkdir -p "$OUT"

# Starts the release server on the database $1 with the rate limits off, behind a "proxy" (the
# load generator on 127.0.0.1 names a reader per request in X-Forwarded-For, so the per-client
# cap on requests in progress sees many readers, as on the internet), logging to $2; sets SERVER_PID and SERVER_ORIGIN. Not in a command
# substitution: the pid must reach this shell (the fault run kills it).
start_inbox() {
  local url="$1" log="$2"
  "$SERVER" --database-url "$url" serve --listen 127.0.0.1:0 \
    --per-client-per-minute 0 --per-article-per-minute 0 --trusted-proxy 127.0.0.1 >"$log" 2>&1 &
  SERVER_PID=$!
  echo "$SERVER_PID" >>"$AW_SERVER_PIDS"
  # Out of the job table: bash would report the fault run's SIGKILL as a failure ("Killed").
  disown "$SERVER_PID"
  # setup.sh's clean-up sends SIGTERM, which waits for the requests in flight: after a timeout
  # or a failure that can take 30 s (its pool waiting for a database being stopped), so this
  # kills it outright. Hooks run newest first: this one before the cluster's stop.
  echo "kill -KILL $SERVER_PID 2>/dev/null" >>"$AW_CLEANUP_HOOKS"
  for _ in $(seq 1 150); do
    SERVER_ORIGIN="$(sed -n 's/^listening on //p' "$log" | head -1)"
    if [ -n "$SERVER_ORIGIN" ]; then return; fi
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "aw-server did not start: $(cat "$log")" >&2
  return 1
}

# Stops the server (SIGTERM: it finishes the requests in flight), or sees it is gone already.
stop_inbox() {
  kill "$SERVER_PID" 2>/dev/null || return 0
  for _ in $(seq 1 100); do
    kill -0 "$SERVER_PID" 2>/dev/null || return 0
    sleep 0.1
  done
  echo "bench-inbox: aw-server $SERVER_PID ignored SIGTERM for 10 s" >&2
  return 1
}

add_editor() {
  AW_EDITOR_PASSWORD="$EDITOR_PASSWORD" "$SERVER" --database-url "$1" \
    add-editor --email "$EDITOR_EMAIL" --name "Bench editor" >/dev/null
}

# Logs in at $SERVER_ORIGIN as the bench editor and saves the CSV export in $1. The login
# wants this origin in `Origin` (its CSRF check), and answers 303 with the session cookie.
export_csv() {
  local cookie
  cookie="$(curl -sS --max-time 30 -o /dev/null -D - -H "Origin: $SERVER_ORIGIN" \
    --data-urlencode "email=$EDITOR_EMAIL" --data-urlencode "password=$EDITOR_PASSWORD" \
    "$SERVER_ORIGIN/inbox/login" | tr -d '\r' | sed -n 's/^set-cookie: \(aw_session=[^;]*\).*/\1/ip')"
  if [ -z "$cookie" ]; then
    echo "bench-inbox: the editor's login at $SERVER_ORIGIN gave no session" >&2
    return 1
  fi
  curl -sS --fail --max-time 60 -H "Cookie: $cookie" "$SERVER_ORIGIN/inbox/export.csv" -o "$1"
}

# One burst against $SERVER_ORIGIN; its JSON summary goes to $1, its 201 answers to $2; further
# arguments go to inbox-load.mjs.
burst() {
  local json="$1" answers="$2"
  shift 2
  # --foreground: node stays in this process group, so the run's own timeout reaches it too.
  if ! timeout --foreground "$BURST_TIMEOUT" node benches/inbox-load.mjs "$SERVER_ORIGIN" --total "$TOTAL" \
    --concurrency "$CONCURRENCY" --replay "$REPLAY" --out "$answers" "$@" >"$json"; then
    echo "bench-inbox: the burst failed or took over $BURST_TIMEOUT s" >&2
    return 1
  fi
}

# Compares a burst's answers with the export: `check load|fault BURST.json ANSWERS.jsonl
# EXPORT.csv RESULT.json`. Each correction's text ends in `(#seq).`, the number also in its
# Idempotency-Key, so a row is matched to the request that stored it, not just counted.
check() {
  node --input-type=module - "$@" <<'JS'
import { readFileSync, writeFileSync } from 'node:fs';
const [mode, burstFile, answersFile, csvFile, resultFile] = process.argv.slice(2);
const burst = JSON.parse(readFileSync(burstFile, 'utf8'));
const answers = readFileSync(answersFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

// RFC 4180: quoted cells may hold commas, quotes ("") and line breaks.
function parseCsv(text) {
  const rows = [];
  let row = [], cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\n') { row.push(cell.replace(/\r$/, '')); rows.push(row); row = []; cell = ''; }
    else cell += c;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}
const [head, ...body] = parseCsv(readFileSync(csvFile, 'utf8'));
if (head?.[0] !== 'id') throw new Error(`${csvFile}: not the export (first column ${head?.[0]})`);
const col = head.indexOf('correction');
const rows = body.map((r) => ({ id: r[0], seq: Number((r[col].match(/\(#(\d+)\)\.$/) || [])[1]) }));
const rowsById = new Map();
const rowsBySeq = new Map();
for (const r of rows) {
  rowsById.set(r.id, [...(rowsById.get(r.id) || []), r]);
  rowsBySeq.set(r.seq, (rowsBySeq.get(r.seq) || 0) + 1);
}

// Per key answered 201: the ids it got, and the id of its first (non-replay) request.
const keys = new Map();
for (const a of answers) {
  const k = keys.get(a.key) || { seq: a.seq, ids: new Set(), first: null };
  k.ids.add(a.id);
  if (!a.replay) k.first = a.id;
  keys.set(a.key, k);
}
const idOf = (k) => k.first ?? [...k.ids][0];
// Stored once: the key's one id has one row, that row is this request's text, and no other row
// has this text.
const storedOnce = (k) => k.ids.size === 1 && (rowsById.get(idOf(k)) || []).length === 1
  && rowsById.get(idOf(k))[0].seq === k.seq && rowsBySeq.get(k.seq) === 1;
const present = (k) => [...k.ids].every((id) => (rowsById.get(id) || []).some((r) => r.seq === k.seq));

const all = [...keys.values()];
const replays = answers.filter((a) => a.replay);
const result = {
  mode,
  distinctKeys201: keys.size,
  rows: rows.length,
  duplicateRows: [...rowsBySeq.values()].filter((n) => n > 1).length,
  keysWithSeveralIds: all.filter((k) => k.ids.size > 1).length,
  replays201: replays.length,
  replaysWithFirstId: replays.filter((a) => keys.get(a.key).first === null || a.id === keys.get(a.key).first).length,
  keysStoredOnce: all.filter(storedOnce).length,
  keysPresent: all.filter(present).length,
  missing: all.filter((k) => !present(k)).slice(0, 20).map((k) => ({ seq: k.seq, ids: [...k.ids] })),
};
const no5xx = burst.status5xx === 0;
if (mode === 'load') {
  const only201 = burst.answered201 === burst.total;
  result.exactlyOnce = result.keysStoredOnce === keys.size && result.rows === keys.size
    && result.replaysWithFirstId === replays.length && result.keysWithSeveralIds === 0;
  result.ok = result.exactlyOnce && no5xx && only201;
  if (!only201) result.problem = `not every request was answered 201: ${JSON.stringify(burst.statuses)}, connection errors ${JSON.stringify(burst.errors)}`;
} else {
  const killed = burst.killed && !burst.killed.error;
  result.allPresent = result.keysPresent === keys.size;
  result.ok = Boolean(killed) && result.allPresent && result.duplicateRows === 0 && no5xx;
  if (!killed) result.problem = `the server was not killed: ${JSON.stringify(burst.killed)}`;
}
writeFileSync(resultFile, JSON.stringify(result, null, 2));
console.error(`  ${mode} check: ${result.ok ? 'passed' : 'FAILED'} ${JSON.stringify(result)}`);
JS
}

# Both runs on one backend. $1 names it; $2 makes a fresh database named $3 and prints its URL.
run_backend() {
  local backend="$1" fresh="$2" dir url
  dir="$OUT/$backend"
  mkdir -p "$dir"

  say "$backend: load ($TOTAL requests, $CONCURRENCY connections, replays $REPLAY)"
  url="$("$fresh" aw_load)"
  add_editor "$url"
  start_inbox "$url" "$dir/load-server.log"
  burst "$dir/load.json" "$dir/load-answers.jsonl"
  export_csv "$dir/load-export.csv"
  stop_inbox
  check load "$dir/load.json" "$dir/load-answers.jsonl" "$dir/load-export.csv" "$dir/load-check.json"

  say "$backend: SIGKILL after $KILL_AFTER answers, then a restart"
  url="$("$fresh" aw_fault)"
  add_editor "$url"
  start_inbox "$url" "$dir/fault-server.log"
  burst "$dir/fault.json" "$dir/fault-answers.jsonl" --kill-after "$KILL_AFTER" --pid "$SERVER_PID"
  stop_inbox # gone already (inbox-load.mjs reports a kill that failed)
  start_inbox "$url" "$dir/fault-restart-server.log"
  export_csv "$dir/fault-export.csv"
  stop_inbox
  check fault "$dir/fault.json" "$dir/fault-answers.jsonl" "$dir/fault-export.csv" "$dir/fault-check.json"
}

# A fresh SQLite file in a temporary folder (removed at exit); $1 names it.
fresh_sqlite() {
  local dir
  dir="$(mktemp -d)"
  printf 'rm -rf %q\n' "$dir" >>"$AW_CLEANUP_HOOKS"
  echo "sqlite://$dir/$1.db"
}

# A new database, named $1, on the cluster started below (itself new on every run).
fresh_postgres() {
  "$(postgres_bin)/psql" "$PG_URL" -qc "CREATE DATABASE $1" >&2
  echo "${PG_URL%/*}/$1"
}

for backend in "${backends[@]}"; do
  case "$backend" in
    sqlite) run_backend sqlite fresh_sqlite ;;
    postgres)
      # shellcheck source=scripts/postgres.sh
      source "$AW_ROOT/scripts/postgres.sh"
      say "postgres: starting a throwaway cluster"
      PG_URL="$(start_postgres)"
      run_backend postgres fresh_postgres
      ;;
  esac
done

# What the servers complained about (a 503 logs `aw-server: intake: …`), so a 5xx has its cause.
if grep -q 'aw-server:' "$OUT"/*/*-server.log; then
  say "server errors (count, message)"
  grep -h 'aw-server:' "$OUT"/*/*-server.log | sort | uniq -c | sort -rn | head -20 >&2
fi

# The table, from the runs' summaries and checks; fails when a check did.
node --input-type=module - "$OUT" "${backends[@]}" <<'JS'
import { readFileSync, writeFileSync } from 'node:fs';
const [out, ...backends] = process.argv.slice(2);
const read = (b, f) => JSON.parse(readFileSync(`${out}/${b}/${f}.json`, 'utf8'));
const yes = (v) => (v ? 'yes' : '**no**');
const lines = [
  '| backend | requests | throughput (req/s) | p50 ms | p95 ms | p99 ms | 5xx | stored exactly once | after SIGKILL: every 201 present |',
  '|---|---:|---:|---:|---:|---:|---:|---|---|',
];
let ok = true;
for (const b of backends) {
  const [load, loadCheck, fault, faultCheck] = ['load', 'load-check', 'fault', 'fault-check'].map((f) => read(b, f));
  ok &&= loadCheck.ok && faultCheck.ok;
  const l = load.latencyMs;
  lines.push(`| ${b} | ${load.total} (${load.sentReplays} replays) | ${load.throughput} | ${l.p50} | ${l.p95} | ${l.p99} | ` +
    `${load.status5xx + fault.status5xx} | ${yes(loadCheck.exactlyOnce)}: ${loadCheck.rows} rows for ${loadCheck.distinctKeys201} keys answered 201 | ` +
    `${yes(faultCheck.allPresent)}: ${faultCheck.keysPresent}/${faultCheck.distinctKeys201} keys answered 201 stored; ` +
    `${faultCheck.rows} rows; killed after ${fault.killed?.afterAnswers} answers, ${fault.connectionErrors} connection errors |`);
}
const table = lines.join('\n');
writeFileSync(`${out}/results.md`, `${table}\n`);
console.log(table);
if (!ok) {
  console.error('bench-inbox: a check failed (see the *-check.json files in target/bench-inbox)');
  process.exit(1);
}
JS
