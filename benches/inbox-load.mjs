// A bounded burst of `POST /corrections` against one aw-server, on loopback: how fast it stores
// corrections, how long readers wait, and (with --kill-after) what it answered before it died.
// Run by scripts/bench-inbox.sh; usable alone:
//
//   node benches/inbox-load.mjs ORIGIN [--total 5000] [--concurrency 64] [--replay 0.1]
//        [--out ANSWERS.jsonl] [--kill-after N --pid PID] [--seed N] [--timeout-ms 30000]
//
// `total` requests go over `concurrency` keep-alive connections, each connection sending its
// next request as soon as the last is answered. A `replay` fraction of them repeat an earlier
// request's exact Idempotency-Key and body (one already answered or still in flight: a reader's
// retry can overtake the first attempt); the rest are new keys and bodies, spread over 50
// articles. Every answer is recorded. Standard output gets one JSON object (statuses, 5xx,
// connection errors, throughput, latency percentiles); standard error a summary for people.
// --out writes one JSON line per 201 answer: {key, seq, id, replay, replayed} (`replay`: this
// request was a repeat; `replayed`: the server said so in `Idempotent-Replayed`).
//
// --kill-after N --pid PID sends SIGKILL to PID (the server) once N answers have come back;
// the rest of the requests then fail (counted as connection errors) or are never answered.

import http from 'node:http';
import { writeFileSync } from 'node:fs';

const USAGE =
  'usage: node benches/inbox-load.mjs ORIGIN [--total N] [--concurrency N] [--replay F] ' +
  '[--out FILE] [--kill-after N --pid PID] [--seed N] [--timeout-ms N]';

function parseArgs(argv) {
  const opts = {
    total: 5000,
    concurrency: 64,
    replay: 0.1,
    out: null,
    killAfter: null,
    pid: null,
    seed: Math.floor(Math.random() * 2 ** 31),
    timeoutMs: 30000,
  };
  const numeric = { '--total': 'total', '--concurrency': 'concurrency', '--replay': 'replay',
    '--kill-after': 'killAfter', '--pid': 'pid', '--seed': 'seed', '--timeout-ms': 'timeoutMs' };
  let origin = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg in numeric) {
      const value = Number(argv[++i]);
      if (!Number.isFinite(value)) fail(`${arg} needs a number`);
      opts[numeric[arg]] = value;
    } else if (arg === '--out') {
      opts.out = argv[++i];
      if (!opts.out) fail('--out needs a file');
    } else if (!arg.startsWith('--') && origin === null) {
      origin = arg;
    } else {
      fail(`unknown argument ${arg}`);
    }
  }
  if (!origin) fail('ORIGIN is required');
  const url = new URL(origin);
  if (url.protocol !== 'http:') fail('ORIGIN must be http://HOST:PORT');
  if (!(opts.total >= 1 && opts.concurrency >= 1)) fail('--total and --concurrency must be >= 1');
  if (!(opts.replay >= 0 && opts.replay < 1)) fail('--replay must be in [0, 1)');
  if ((opts.killAfter === null) !== (opts.pid === null)) fail('--kill-after and --pid go together');
  return { url, ...opts };
}

function fail(message) {
  console.error(`inbox-load: ${message}\n${USAGE}`);
  process.exit(2);
}

// mulberry32: a seeded generator, so a run's choice of replays can be repeated (--seed).
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const opts = parseArgs(process.argv.slice(2));
const random = generator(opts.seed);
// Keys unique to this run, so two runs against one database never share one.
const tag = `bench-${opts.seed.toString(36)}-${Date.now().toString(36)}`;

// Request i repeats an earlier one when the running count of replays steps up: exactly
// round-down(total × replay) replays, spread evenly over the burst.
const isReplay = (i) => i > 0 && Math.floor((i + 1) * opts.replay) > Math.floor(i * opts.replay);

// A new correction: `seq` is in its key and in its text, so its stored row can be recognised.
function fresh(seq) {
  const article = seq % 50;
  const cost = 200 + (seq % 97);
  const body = JSON.stringify({
    articleId: `bench-${article}`,
    articleUrl: `https://news.example/articles/bench-${article}`,
    headline: `Bench article ${article}`,
    correction: `The cost was $${cost} million, not $${cost + 9} million (#${seq}).`,
    locale: 'en',
    submittedAt: new Date().toISOString(),
  });
  return { key: `${tag}-${seq}`, seq, body };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
const records = [];
const sent = []; // new requests already sent (answered or in flight): what replays choose from
let nextIndex = 0;
let nextSeq = 0;
let answers = 0;
let killed = null;

function post(spec) {
  return new Promise((resolve) => {
    const started = performance.now();
    const done = (fields) => resolve({ ms: performance.now() - started, ...fields });
    const req = http.request(
      {
        agent,
        host: opts.url.hostname,
        port: opts.url.port,
        path: '/corrections',
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(spec.body),
          'idempotency-key': spec.key,
          // One reader per correction (the server trusts 127.0.0.1 as its proxy).
          'x-forwarded-for': `10.${(spec.seq >> 16) & 255}.${(spec.seq >> 8) & 255}.${spec.seq & 255}`,
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('error', (e) => done({ error: e.code || e.message }));
        res.on('end', () => {
          let id = null;
          try {
            id = JSON.parse(Buffer.concat(chunks).toString()).id ?? null;
          } catch {
            // Not JSON (a 5xx from something else): the status says enough.
          }
          done({
            status: res.statusCode,
            id,
            replayed: res.headers['idempotent-replayed'] === 'true',
          });
        });
      },
    );
    req.setTimeout(opts.timeoutMs, () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', (e) => done({ error: e.code || e.message }));
    req.end(spec.body);
  });
}

function answered() {
  answers++;
  if (opts.killAfter !== null && killed === null && answers >= opts.killAfter) {
    try {
      process.kill(opts.pid, 'SIGKILL');
      killed = { afterAnswers: answers, atMs: performance.now() - burstStart };
    } catch (e) {
      killed = { afterAnswers: answers, error: e.code || e.message };
    }
  }
}

async function connection() {
  while (nextIndex < opts.total) {
    const i = nextIndex++;
    let spec;
    if (isReplay(i) && sent.length > 0) {
      spec = { ...sent[Math.floor(random() * sent.length)], replay: true };
    } else {
      spec = { ...fresh(nextSeq++), replay: false };
      sent.push(spec);
    }
    const result = await post(spec);
    if (result.status !== undefined) answered();
    records.push({ i, key: spec.key, seq: spec.seq, replay: spec.replay, ...result });
  }
}

const burstStart = performance.now();
await Promise.all(Array.from({ length: opts.concurrency }, connection));
const burstMs = performance.now() - burstStart;
agent.destroy();

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return Math.round(sorted[rank - 1] * 100) / 100;
}

const statuses = {};
const errors = {};
for (const r of records) {
  if (r.status !== undefined) statuses[r.status] = (statuses[r.status] || 0) + 1;
  else errors[r.error] = (errors[r.error] || 0) + 1;
}
const latencies = records.filter((r) => r.status !== undefined).map((r) => r.ms).sort((a, b) => a - b);
const created = records.filter((r) => r.status === 201);
const summary = {
  origin: opts.url.origin,
  total: opts.total,
  concurrency: opts.concurrency,
  replayFraction: opts.replay,
  seed: opts.seed,
  sentNew: records.filter((r) => !r.replay).length,
  sentReplays: records.filter((r) => r.replay).length,
  answered: latencies.length,
  statuses,
  status5xx: records.filter((r) => r.status >= 500).length,
  connectionErrors: Object.values(errors).reduce((a, b) => a + b, 0),
  errors,
  answered201: created.length,
  distinctKeys201: new Set(created.map((r) => r.key)).size,
  replayedHeader: created.filter((r) => r.replayed).length,
  burstSeconds: Math.round(burstMs) / 1000,
  throughput: Math.round((latencies.length / (burstMs / 1000)) * 10) / 10,
  latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), max: percentile(latencies, 100) },
  killed,
};

if (opts.out) {
  const lines = created.map((r) =>
    JSON.stringify({ key: r.key, seq: r.seq, id: r.id, replay: r.replay, replayed: r.replayed }));
  writeFileSync(opts.out, lines.map((l) => `${l}\n`).join(''));
}

console.log(JSON.stringify(summary));
const l = summary.latencyMs;
console.error(
  [
    `${summary.total} requests (${summary.sentReplays} replays) over ${summary.concurrency} connections in ${summary.burstSeconds} s`,
    `  answers: ${Object.entries(statuses).map(([s, n]) => `${s}×${n}`).join(', ') || 'none'}; ` +
      `5xx: ${summary.status5xx}; connection errors: ${summary.connectionErrors}` +
      (summary.connectionErrors ? ` (${Object.entries(errors).map(([e, n]) => `${e}×${n}`).join(', ')})` : ''),
    `  throughput: ${summary.throughput} answers/s; latency ms p50 ${l.p50}, p95 ${l.p95}, p99 ${l.p99}, max ${l.max}`,
    ...(killed ? [`  SIGKILL sent to ${opts.pid} after ${killed.afterAnswers} answers${killed.error ? ` (failed: ${killed.error})` : ''}`] : []),
  ].join('\n'),
);
