// The servers under abuse, on loopback: six bounded scenarios against fresh aw-server and
// aw-render-server processes, each with a target; a figure and PASS/FAIL per target. Run by
// scripts/bench-abuse.sh (which builds the servers, raises the open-files limit and starts the
// throwaway PostgreSQL); usable alone:
//
//   node benches/abuse.mjs --server BIN --render-server BIN --out DIR --small-article FILE
//        [--pg-url postgres://…] [--scenarios all|1,2,…] [--slow-addresses N]
//
//   1  200 concurrent wrong-password logins for the editor's email from one address: how many
//      were checked with Argon2 (401; at most 5), and the server's peak RSS (under 300 MiB)
//   2  a stranger's 20 wrong-password logins for the editor's email (127.0.0.2), then the editor
//      logs in with the right password from 127.0.0.1: 303 (not locked out by the stranger)
//   3  one client (127.0.0.2) floods 70 corrections for article a-1 under the default limits,
//      then another client (127.0.0.3) sends one for a-1: 201 (the flood spent only its own
//      quota, not the article's)
//   4  1,100 connections send the headers of a 100 kB `POST /corrections` and trickle the body
//      a byte a second (from --slow-addresses addresses, 127.0.1.1…; default 11, 100 each);
//      ~2 s after they are all connected, `GET /healthz` and `GET /inbox/login` from a fresh
//      connection (127.0.0.1) must each answer 200 within 1 s
//   5  24 concurrent `POST /render` of a 4.8 MB article: aw-render-server's peak RSS under
//      1 GiB, and right after, the small article answers 200 within 3 s
//   6  two aw-server processes on one PostgreSQL database: (a) 20 wrong logins from one address
//      alternating between them, at most 5 answered 401 in all (one throttle, not one each);
//      (b) 20 corrections for a-1…a-20 from one address alternating between them, exactly 10
//      answered 201 (the per-client limit, 10 a minute, shared)
//   7  a mixed attack (issue 31), the server behind a trusted proxy (127.0.0.1): an article's
//      budget spent, then 200,000 corrections for it under 200,000 forwarded addresses (each
//      refused 429, each a new key in the limiter's tables: full, and evicting), with 64 logins
//      trickling their bodies (127.0.2.x) and 300 slow correction bodies from one address
//      (127.0.3.1) held open; then the editor logs in and lists the inbox 20 times (login plus
//      the slowest list under 1 s) and a new reader's correction is stored (201)
//
// Every scenario starts its own server process (peak RSS is /proc/PID/status VmHWM, the
// process's lifetime peak) on a new SQLite database (PostgreSQL in 6), with the default limits,
// listening on 127.0.0.1:0, and SIGKILLs it at the end. Client addresses differ by binding the
// client socket to another loopback address (127.0.0.0/8 is all loopback on Linux): the server
// keys clients by the peer address. Every request has a time limit (a series of them a time
// budget, after which the rest are skipped); every socket is closed.
// Standard output gets the summary table (Markdown, also DIR/results.md; DIR/results.json has
// the details; server logs in DIR/*.log); standard error the progress. Exits 1 when a target
// is missed, 2 on bad arguments.

import http from 'node:http';
import net from 'node:net';
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

const USAGE =
  'usage: node benches/abuse.mjs --server BIN --render-server BIN --out DIR --small-article FILE ' +
  '[--pg-url URL] [--scenarios all|1,2,…] [--slow-addresses N] [--fill-addresses N]';

function fail(message) {
  console.error(`abuse: ${message}\n${USAGE}`);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { server: null, renderServer: null, out: null, smallArticle: null, pgUrl: '',
    scenarios: 'all', slowAddresses: 11, fillAddresses: 200000 };
  const names = { '--server': 'server', '--render-server': 'renderServer', '--out': 'out',
    '--small-article': 'smallArticle', '--pg-url': 'pgUrl', '--scenarios': 'scenarios',
    '--slow-addresses': 'slowAddresses', '--fill-addresses': 'fillAddresses' };
  for (let i = 0; i < argv.length; i += 2) {
    const key = names[argv[i]];
    if (!key || argv[i + 1] === undefined) fail(`unknown or incomplete argument ${argv[i]}`);
    opts[key] = argv[i + 1];
  }
  for (const k of ['server', 'renderServer', 'out', 'smallArticle']) {
    if (!opts[k]) fail(`--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} is required`);
  }
  opts.slowAddresses = Number(opts.slowAddresses);
  if (!(Number.isInteger(opts.slowAddresses) && opts.slowAddresses >= 1 && opts.slowAddresses <= 250)) {
    fail('--slow-addresses must be 1…250');
  }
  opts.fillAddresses = Number(opts.fillAddresses);
  if (!(Number.isInteger(opts.fillAddresses) && opts.fillAddresses >= 1 && opts.fillAddresses <= 1000000)) {
    fail('--fill-addresses must be 1…1000000');
  }
  opts.run = opts.scenarios === 'all' ? [1, 2, 3, 4, 5, 6, 7]
    : opts.scenarios.split(',').map(Number);
  if (opts.run.some((n) => !(n >= 1 && n <= 7 && Number.isInteger(n)))) fail('--scenarios: all, or numbers 1…7');
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
mkdirSync(opts.out, { recursive: true });
const EDITOR_EMAIL = 'editor@example.com';
const EDITOR_PASSWORD = `abuse-${randomBytes(12).toString('hex')}`;
const say = (m) => console.error(`\x1b[1m==> ${m}\x1b[0m`);
const note = (m) => console.error(`  ${m}`);
const range = (n) => Array.from({ length: n }, (_, i) => i);

// --- server processes -------------------------------------------------------------------------

// Every server started, SIGKILLed when this process ends however it ends (a timeout's SIGTERM,
// an exception): the scenarios stop theirs themselves, this is the net under them.
const children = new Set();
process.on('exit', () => {
  for (const c of children) {
    try { c.kill('SIGKILL'); } catch { /* gone */ }
  }
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => process.exit(130));

const tempDirs = [];
process.on('exit', () => {
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
});

function freshSqlite(name) {
  const dir = mkdtempSync(join(tmpdir(), 'aw-abuse-'));
  tempDirs.push(dir);
  return `sqlite://${dir}/${name}.db`;
}

function addEditor(databaseUrl) {
  const r = spawnSync(opts.server, ['--database-url', databaseUrl, 'add-editor', '--email', EDITOR_EMAIL,
    '--name', 'Abuse bench editor'], {
    env: { ...process.env, AW_EDITOR_PASSWORD: EDITOR_PASSWORD }, encoding: 'utf8', timeout: 60000,
  });
  if (r.status !== 0) throw new Error(`add-editor failed (${r.status ?? r.error?.code}): ${r.stderr}`);
}

// Starts BIN ARGS… (which prints `listening on http://ADDR` first) logging to OUT/NAME.log;
// resolves when it listens.
async function start(name, bin, args) {
  const logPath = join(opts.out, `${name}.log`);
  const log = createWriteStream(logPath);
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let exited = null;
  const exit = new Promise((resolve) => child.on('exit', (code, signal) => {
    exited = { code, signal };
    children.delete(child);
    resolve(exited);
  }));
  let seen = '';
  child.stderr.on('data', (d) => { log.write(d); seen += d; });
  const origin = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name}: did not listen within 20 s: ${seen.slice(-2000)}`)), 20000);
    child.stdout.on('data', (d) => {
      log.write(d);
      seen += d;
      const m = seen.match(/^listening on (http:\/\/\S+)/m);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('error', (e) => { clearTimeout(timer); reject(new Error(`${name}: ${e.message}`)); });
    exit.then((e) => { clearTimeout(timer); reject(new Error(`${name}: exited (${JSON.stringify(e)}) before listening: ${seen.slice(-2000)}`)); });
  });
  note(`${name}: pid ${child.pid}, ${origin}`);
  return { name, child, pid: child.pid, origin, url: new URL(origin), exit, exited: () => exited, log };
}

async function startInbox(name, databaseUrl, extra = []) {
  return start(name, opts.server, ['--database-url', databaseUrl, 'serve', '--listen', '127.0.0.1:0', ...extra]);
}

// The process's lifetime peak resident set (VmHWM), in MiB; null when it is gone.
function peakRssMiB(server) {
  try {
    const m = readFileSync(`/proc/${server.pid}/status`, 'utf8').match(/^VmHWM:\s+(\d+)\s+kB/m);
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

// Reads the peak RSS, then SIGKILLs the server (nothing of it is needed afterwards).
async function stop(server) {
  const rss = peakRssMiB(server);
  const died = server.exited();
  if (!died) {
    try { server.child.kill('SIGKILL'); } catch { /* gone */ }
    await Promise.race([server.exit, sleep(5000)]);
  }
  server.log.end();
  return { rss, died };
}

// --- HTTP --------------------------------------------------------------------------------------

// One request on a connection of its own (from `localAddress`), never rejecting: resolves to
// {status, headers, body (first 64 kB), bytes, ms} or {error, ms}; gives up after `timeoutMs`.
function request(origin, { method = 'GET', path = '/', headers = {}, body, localAddress = '127.0.0.1', timeoutMs = 30000 }) {
  const url = new URL(origin);
  return new Promise((resolve) => {
    const started = performance.now();
    let settled = false;
    let req = null;
    const finish = (r) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req?.destroy();
      resolve({ ms: Math.round(performance.now() - started), ...r });
    };
    const timer = setTimeout(() => finish({ error: 'TIMEOUT' }), timeoutMs);
    const h = { ...headers };
    if (body !== undefined) h['content-length'] = Buffer.byteLength(body);
    req = http.request({ host: url.hostname, port: url.port, method, path, headers: h, agent: false, localAddress },
      (res) => {
        const chunks = [];
        let bytes = 0;
        res.on('data', (c) => {
          if (bytes < 65536) chunks.push(c);
          bytes += c.length;
        });
        res.on('error', (e) => finish({ error: e.code || e.message }));
        res.on('end', () => finish({ status: res.statusCode, headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8', 0, 65536), bytes }));
      });
    req.on('error', (e) => finish({ error: e.code || e.message }));
    req.end(body);
  });
}

function login(server, password, localAddress, timeoutMs = 60000) {
  return request(server.origin, {
    method: 'POST',
    path: '/inbox/login',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.origin },
    body: new URLSearchParams({ email: EDITOR_EMAIL, password }).toString(),
    localAddress,
    timeoutMs,
  });
}

let correctionSeq = 0;
function correction(server, articleId, localAddress, timeoutMs = 30000) {
  const n = ++correctionSeq;
  return request(server.origin, {
    method: 'POST',
    path: '/corrections',
    headers: { 'content-type': 'application/json', 'idempotency-key': `abuse-${process.pid}-${n}` },
    body: JSON.stringify({ articleId, correction: `The figure in paragraph ${n} should read ${n + 3}, not ${n} (abuse bench).` }),
    localAddress,
    timeoutMs,
  });
}

// {"401": 3, "429": 197, "ECONNRESET": 1}: statuses and connection errors, counted.
function tally(results) {
  const t = {};
  for (const r of results) {
    const k = r.status ?? r.error;
    t[k] = (t[k] || 0) + 1;
  }
  return t;
}
// Runs send(i) for i in 0…n-1 one after the other, but sends nothing more once `budgetMs` has
// passed (a server that holds answers back must not stretch the run): those count as `skipped`.
async function sequential(n, budgetMs, send) {
  const deadline = performance.now() + budgetMs;
  const results = [];
  for (const i of range(n)) results.push(performance.now() < deadline ? await send(i) : { error: 'skipped', ms: 0 });
  return results;
}
const show = (t) => Object.entries(t).map(([k, n]) => `${k}×${n}`).join(', ') || 'none';
const count = (results, status) => results.filter((r) => r.status === status).length;
const answer = (r) => (r.status !== undefined ? `${r.status} in ${r.ms} ms` : `${r.error} after ${r.ms} ms`);
const rssText = (s) => (s.rss === null ? 'unknown (process gone)' : `${s.rss} MiB`)
  + (s.died ? `; the server DIED (${s.died.signal || `exit ${s.died.code}`})` : '');

// --- scenarios ---------------------------------------------------------------------------------

const rows = [];
const details = {};
function row(scenario, figure, target, pass) {
  rows.push({ scenario, figure, target, pass: Boolean(pass) });
  note(`${pass ? 'PASS' : 'FAIL'} ${scenario}: ${figure} (target ${target})`);
}

async function scenario1() {
  say('1: 200 concurrent wrong-password logins for the editor, one address');
  const db = freshSqlite('s1');
  addEditor(db);
  const server = await startInbox('s1-server', db);
  let results = [];
  const started = performance.now();
  try {
    results = await Promise.all(range(200).map((i) => login(server, `wrong-password-${i}`, '127.0.0.1', 30000)));
  } finally {
    details.s1 = { tally: tally(results), seconds: Math.round(performance.now() - started) / 1000, ...(await stop(server)) };
  }
  const d = details.s1;
  const checked = count(results, 401);
  note(`answers: ${show(d.tally)} in ${d.seconds} s`);
  row('1 login flood: checked with Argon2', `${checked} of 200 answered 401 (${show(d.tally)}; ${d.seconds} s)`, '≤ 5', checked <= 5);
  row('1 login flood: aw-server peak RSS', rssText(d), '< 300 MiB', d.rss !== null && d.rss < 300 && !d.died);
}

async function scenario2() {
  say("2: a stranger's 20 wrong logins for the editor (127.0.0.2), then the editor logs in (127.0.0.1)");
  const db = freshSqlite('s2');
  addEditor(db);
  const server = await startInbox('s2-server', db);
  let stranger = [];
  let editor = { error: 'not sent' };
  try {
    stranger = await sequential(20, 30000, (i) => login(server, `guess-${i}`, '127.0.0.2', 10000));
    editor = await login(server, EDITOR_PASSWORD, '127.0.0.1', 30000);
  } finally {
    details.s2 = { stranger: tally(stranger), editor, ...(await stop(server)) };
  }
  note(`stranger: ${show(details.s2.stranger)}; editor: ${answer(editor)}`);
  row('2 editor after a stranger\'s guesses', `editor ${answer(editor)} (stranger: ${show(details.s2.stranger)})`,
    '303', editor.status === 303);
}

async function scenario3() {
  say('3: one client floods 70 corrections for a-1 (127.0.0.2), then another sends one (127.0.0.3)');
  const db = freshSqlite('s3');
  const server = await startInbox('s3-server', db);
  let flood = [];
  let other = { error: 'not sent' };
  try {
    flood = await sequential(70, 30000, () => correction(server, 'a-1', '127.0.0.2', 10000));
    other = await correction(server, 'a-1', '127.0.0.3');
  } finally {
    details.s3 = { flood: tally(flood), other: { status: other.status, error: other.error, ms: other.ms, body: other.body }, ...(await stop(server)) };
  }
  note(`flood: ${show(details.s3.flood)}; other client: ${answer(other)} ${other.body ?? ''}`);
  row('3 another reader after a flood on a-1', `${answer(other)} (flood: ${show(details.s3.flood)})`,
    '201', other.status === 201);
}

async function scenario4() {
  const total = 1100;
  const addresses = range(opts.slowAddresses).map((i) => `127.0.1.${i + 1}`);
  say(`4: ${total} connections trickling a POST body a byte a second (from ${addresses.length} addresses), then probes`);
  const db = freshSqlite('s4');
  const server = await startInbox('s4-server', db);
  const sockets = [];
  const events = { connected: 0, connectErrors: {}, closedByServer: 0, answered: {}, errors: {} };
  let trickle = null;
  let healthz = { error: 'not sent' };
  let page = { error: 'not sent' };
  let openAtProbe = null;
  const started = performance.now();
  try {
    const head = `POST /corrections HTTP/1.1\r\nHost: ${server.url.host}\r\nContent-Type: application/json\r\n` +
      'Content-Length: 100000\r\n\r\n';
    const filler = JSON.stringify({ articleId: 'a-1', correction: 'x'.repeat(100000) });
    const open = (i) => new Promise((resolve) => {
      const s = net.connect({ host: server.url.hostname, port: Number(server.url.port), localAddress: addresses[i % addresses.length] });
      s.sent = 0;
      s.ours = false; // true once this script closes it
      s.up = false;
      const timer = setTimeout(() => { s.destroy(); resolve(); }, 8000);
      s.on('connect', () => {
        clearTimeout(timer);
        s.up = true;
        events.connected++;
        s.write(head);
        resolve();
      });
      s.on('data', (d) => {
        const m = d.toString('latin1').match(/^HTTP\/1\.1 (\d{3})/);
        if (m) events.answered[m[1]] = (events.answered[m[1]] || 0) + 1;
      });
      s.on('error', (e) => {
        const k = e.code || e.message;
        if (s.up) events.errors[k] = (events.errors[k] || 0) + 1;
        else events.connectErrors[k] = (events.connectErrors[k] || 0) + 1;
      });
      s.on('close', () => {
        clearTimeout(timer);
        if (s.up && !s.ours) events.closedByServer++;
        s.gone = true;
        resolve();
      });
      sockets.push(s);
    });
    // In waves of 100, so the listen backlog is not what refuses them.
    for (let i = 0; i < total; i += 100) await Promise.all(range(Math.min(100, total - i)).map((j) => open(i + j)));
    const connectSeconds = Math.round(performance.now() - started) / 1000;
    note(`${events.connected} of ${total} connected in ${connectSeconds} s` +
      (Object.keys(events.connectErrors).length ? `; connect errors: ${show(events.connectErrors)}` : ''));
    trickle = setInterval(() => {
      for (const s of sockets) {
        if (!s.gone && s.up && s.sent < filler.length) s.write(filler[s.sent++]);
      }
    }, 1000);
    await sleep(2000);
    openAtProbe = sockets.filter((s) => s.up && !s.gone).length;
    healthz = await request(server.origin, { path: '/healthz', timeoutMs: 5000 });
    page = await request(server.origin, { path: '/inbox/login', timeoutMs: 5000 });
  } finally {
    clearInterval(trickle);
    for (const s of sockets) {
      s.ours = true;
      s.destroy();
    }
    details.s4 = { ...events, openAtProbe, healthz: { status: healthz.status, error: healthz.error, ms: healthz.ms },
      loginPage: { status: page.status, error: page.error, ms: page.ms },
      seconds: Math.round(performance.now() - started) / 1000, ...(await stop(server)) };
  }
  const d = details.s4;
  note(`open when probed: ${openAtProbe}; closed by the server: ${d.closedByServer}; answers on them: ${show(d.answered)}; ` +
    `healthz ${answer(healthz)}; login page ${answer(page)}; peak RSS ${rssText(d)}`);
  const ctx = `${openAtProbe ?? 0}/${total} trickling open`;
  row('4 slow bodies: GET /healthz', `${answer(healthz)} (${ctx})`, '200 within 1000 ms',
    healthz.status === 200 && healthz.ms <= 1000);
  row('4 slow bodies: GET /inbox/login', `${answer(page)} (${ctx})`, '200 within 1000 ms',
    page.status === 200 && page.ms <= 1000);
}

async function scenario5() {
  // Twice: with the route's default body limit (1 MiB: the big bodies are refused unread),
  // and with the widget's own 5 MiB cap (--max-body), where they are read and rendered and
  // only the render slots bound the memory.
  await scenario5With('default limit', []);
  await scenario5With('--max-body 5 MiB', ['--max-body', String(5 * 1024 * 1024)]);
}

async function scenario5With(label, extraArgs) {
  say(`5: 24 concurrent POST /render of a 4.8 MB article, then a small one (${label})`);
  // A valid widget article: 4.8 MB of paragraphs (under the route's 5 MiB cap).
  const words = 'the tidal barrier held through the first winter storm but the repair bill has doubled since'.split(' ');
  const paragraphs = [];
  let size = 0;
  for (let p = 0; size < 4_800_000 - 1200; p++) {
    let text = `Paragraph ${p}:`;
    for (let w = 0; text.length < 1000; w++) text += ` ${words[(p * 7 + w) % words.length]}`;
    paragraphs.push(`${text}.`);
    size += text.length + 4;
  }
  const big = JSON.stringify({ version: 1, headline: 'H', body: paragraphs });
  const small = readFileSync(opts.smallArticle, 'utf8');
  const key = extraArgs.length ? 's5b' : 's5';
  const server = await start(`${key}-render-server`, opts.renderServer, ['--listen', '127.0.0.1:0', ...extraArgs]);
  let heavy = [];
  let after = { error: 'not sent' };
  const started = performance.now();
  try {
    heavy = await Promise.all(range(24).map(() => request(server.origin, {
      method: 'POST', path: '/render', headers: { 'content-type': 'application/json' }, body: big, timeoutMs: 45000,
    })));
    after = await request(server.origin, {
      method: 'POST', path: '/render', headers: { 'content-type': 'application/json' }, body: small, timeoutMs: 10000,
    });
  } finally {
    details[key] = { articleBytes: Buffer.byteLength(big), heavy: tally(heavy), heavyMaxMs: Math.max(0, ...heavy.map((r) => r.ms)),
      after: { status: after.status, error: after.error, ms: after.ms },
      seconds: Math.round(performance.now() - started) / 1000, ...(await stop(server)) };
  }
  const d = details[key];
  const mb = (d.articleBytes / 1e6).toFixed(2);
  note(`${mb} MB article ×24: ${show(d.heavy)} (slowest ${d.heavyMaxMs} ms); then the small article: ${answer(after)}; peak RSS ${rssText(d)}`);
  row(`5 big renders (${label}): aw-render-server peak RSS`, `${rssText(d)} (24 × ${mb} MB: ${show(d.heavy)}; slowest ${d.heavyMaxMs} ms)`,
    '< 1024 MiB', d.rss !== null && d.rss < 1024 && !d.died);
  row(`5 big renders (${label}): a small article right after`, answer(after), '200 within 3000 ms',
    after.status === 200 && after.ms <= 3000);
}

async function scenario6() {
  say('6: two aw-server processes on one PostgreSQL database');
  if (!opts.pgUrl) {
    row('6a logins across two processes', 'not run: no PostgreSQL (--pg-url)', '≤ 5 answered 401', false);
    row('6b corrections across two processes', 'not run: no PostgreSQL (--pg-url)', 'exactly 10 answered 201', false);
    return;
  }
  addEditor(opts.pgUrl);
  const servers = [];
  let logins = [];
  let posts = [];
  try {
    // One after the other: both migrate the database when they start.
    servers.push(await startInbox('s6-server-a', opts.pgUrl));
    servers.push(await startInbox('s6-server-b', opts.pgUrl));
    logins = await sequential(20, 30000, (i) => login(servers[i % 2], `guess-${i}`, '127.0.0.2', 10000));
    posts = await sequential(20, 30000, (i) => correction(servers[i % 2], `a-${i + 1}`, '127.0.0.3', 10000));
  } finally {
    const stopped = [];
    for (const s of servers) stopped.push(await stop(s));
    details.s6 = { logins: tally(logins), corrections: tally(posts),
      perServer: servers.map((s, k) => ({ logins: tally(logins.filter((_, i) => i % 2 === k)),
        corrections: tally(posts.filter((_, i) => i % 2 === k)), ...stopped[k] })) };
  }
  const d = details.s6;
  const perServer = (key) => d.perServer.map((p, k) => `${'ab'[k]}: ${show(p[key])}`).join('; ');
  note(`logins: ${perServer('logins')}; corrections: ${perServer('corrections')}`);
  const checked = count(logins, 401);
  const stored = count(posts, 201);
  row('6a logins across two processes', `${checked} of 20 answered 401 (${perServer('logins')})`, '≤ 5', checked <= 5);
  row('6b corrections across two processes', `${stored} of 20 answered 201 (${perServer('corrections')})`, 'exactly 10', stored === 10);
}

// Raw connections that send `head` and then trickle `body` a byte a second until closed.
function trickling(server, localAddress, head, body, n) {
  const sockets = [];
  const opened = range(n).map(() => new Promise((resolve) => {
    const s = net.connect({ host: server.url.hostname, port: Number(server.url.port), localAddress });
    s.sent = 0;
    const timer = setTimeout(() => { s.destroy(); resolve(false); }, 8000);
    s.on('connect', () => { clearTimeout(timer); s.write(head); resolve(true); });
    s.on('error', () => { clearTimeout(timer); resolve(false); });
    s.on('close', () => { s.gone = true; });
    sockets.push(s);
  }));
  const timer = setInterval(() => {
    for (const s of sockets) if (!s.gone && s.sent < body.length) s.write(body[s.sent++]);
  }, 1000);
  return {
    opened: Promise.all(opened).then((ok) => ok.filter(Boolean).length),
    open: () => sockets.filter((s) => !s.gone).length,
    close: () => { clearInterval(timer); for (const s of sockets) s.destroy(); },
  };
}

async function scenario7() {
  const fill = opts.fillAddresses;
  say(`7: a mixed attack: ${fill} forwarded addresses, 64 trickling logins, 300 slow bodies; then the editor and a new reader`);
  const db = freshSqlite('s7');
  addEditor(db);
  const server = await startInbox('s7-server', db, ['--trusted-proxy', '127.0.0.1']);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 48 });
  const post = (xff, articleId, n) => new Promise((resolve) => {
    const body = JSON.stringify({ articleId, correction: `Mixed attack ${n}: the figure should read ${n + 3}.` });
    const req = http.request({ host: server.url.hostname, port: server.url.port, method: 'POST', path: '/corrections', agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-forwarded-for': xff } },
    (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); res.on('error', () => resolve('error')); });
    req.setTimeout(10000, () => req.destroy());
    req.on('error', (e) => resolve(e.code || 'error'));
    req.end(body);
  });
  const fillTally = {};
  let filled = 0;
  let fillSeconds = 0;
  const holds = [];
  let editorLogin = { error: 'not sent' };
  const lists = [];
  let reader = { error: 'not sent' };
  let open = {};
  const started = performance.now();
  try {
    // The article's budget (60 a minute) spent by six clients of ten each.
    for (const c of range(6)) for (const i of range(10)) await post(`10.250.0.${c + 1}`, 'flooded', c * 10 + i);
    // 200,000 new addresses, 48 at a time over kept-alive connections, within two minutes.
    const fillDeadline = performance.now() + 120000;
    let next = 0;
    await Promise.all(range(48).map(async () => {
      while (next < fill && performance.now() < fillDeadline) {
        const i = next++;
        const status = await post(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, 'flooded', i);
        fillTally[status] = (fillTally[status] || 0) + 1;
        filled++;
      }
    }));
    fillSeconds = Math.round(performance.now() - started) / 1000;
    note(`filled: ${filled} addresses in ${fillSeconds} s (${show(fillTally)})`);
    const loginHead = `POST /inbox/login HTTP/1.1\r\nHost: ${server.url.host}\r\nOrigin: ${server.origin}\r\n` +
      'Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 4000\r\n\r\n';
    for (const i of range(64)) holds.push(trickling(server, `127.0.2.${i + 1}`, loginHead, 'email=x&password='.padEnd(4000, 'y'), 1));
    const bodyHead = `POST /corrections HTTP/1.1\r\nHost: ${server.url.host}\r\nContent-Type: application/json\r\n` +
      'Content-Length: 60000\r\n\r\n';
    holds.push(trickling(server, '127.0.3.1', bodyHead, JSON.stringify({ articleId: 'a-1', correction: 'z'.repeat(60000) }), 300));
    const opened = await Promise.all(holds.map((h) => h.opened));
    // Their first bytes sent, and the server's groups taken: a second for the body bytes.
    await sleep(1500);
    open = { logins: holds.slice(0, 64).reduce((n, h) => n + h.open(), 0), slowBodies: holds[64].open(), connected: opened.reduce((a, b) => a + b, 0) };
    note(`held open: ${JSON.stringify(open)}`);
    editorLogin = await login(server, EDITOR_PASSWORD, '127.0.0.9', 10000);
    const cookie = String(editorLogin.headers?.['set-cookie'] ?? '').split(';')[0];
    for (const _ of range(20)) {
      lists.push(await request(server.origin, { path: '/inbox', headers: { cookie }, localAddress: '127.0.0.9', timeoutMs: 10000 }));
    }
    reader = await correction(server, 'a-new', '127.0.0.10', 10000);
  } finally {
    for (const h of holds) h.close();
    agent.destroy();
    details.s7 = { filled, fillSeconds, fillTally, open, editorLogin: { status: editorLogin.status, error: editorLogin.error, ms: editorLogin.ms },
      lists: tally(lists), listMs: lists.map((r) => r.ms), reader: { status: reader.status, error: reader.error, ms: reader.ms },
      seconds: Math.round(performance.now() - started) / 1000, ...(await stop(server)) };
  }
  const d = details.s7;
  const slowest = Math.max(0, ...d.listMs);
  const ctx = `${filled} addresses in ${fillSeconds} s; ${open.logins ?? 0} trickling logins, ${open.slowBodies ?? 0} slow bodies open`;
  note(`editor login ${answer(editorLogin)}; lists ${show(d.lists)}, slowest ${slowest} ms; reader ${answer(reader)}; peak RSS ${rssText(d)}`);
  row('7 mixed attack: the editor logs in and lists the inbox',
    `login ${answer(editorLogin)}, 20 lists ${show(d.lists)}, slowest ${slowest} ms (${ctx})`,
    '303 and 20 × 200, login + slowest list < 1000 ms',
    editorLogin.status === 303 && count(lists, 200) === 20 && editorLogin.ms + slowest < 1000);
  row('7 mixed attack: a new reader\'s correction', `${answer(reader)} (${ctx})`, '201', reader.status === 201);
  row('7 mixed attack: aw-server peak RSS', rssText(d), '< 300 MiB', d.rss !== null && d.rss < 300 && !d.died);
}

const scenarios = { 1: scenario1, 2: scenario2, 3: scenario3, 4: scenario4, 5: scenario5, 6: scenario6, 7: scenario7 };
const runStarted = performance.now();
for (const n of opts.run) {
  const before = rows.length;
  try {
    await scenarios[n]();
  } catch (e) {
    console.error(`abuse: scenario ${n} failed to run: ${e.stack || e}`);
    details[`s${n}error`] = String(e.message || e);
    if (rows.length === before) row(`${n} (did not run to the end)`, String(e.message || e).split('\n')[0].slice(0, 200), 'runs', false);
  }
}

const cell = (s) => String(s).replace(/\|/g, '\\|');
const table = [
  '| scenario | figure | target | result |',
  '|---|---|---|---|',
  ...rows.map((r) => `| ${cell(r.scenario)} | ${cell(r.figure)} | ${cell(r.target)} | ${r.pass ? 'PASS' : '**FAIL**'} |`),
].join('\n');
writeFileSync(join(opts.out, 'results.md'), `${table}\n`);
writeFileSync(join(opts.out, 'results.json'), JSON.stringify({ rows, details }, null, 2));
console.log(table);
const failed = rows.filter((r) => !r.pass).length;
console.error(`abuse: ${rows.length - failed} of ${rows.length} targets met in ${Math.round((performance.now() - runStarted) / 1000)} s` +
  (failed ? ` (details in ${join(opts.out, 'results.json')})` : ''));
process.exit(failed ? 1 : 0);
