// HTTP benchmarks of the vault's sign-in paths, on loopback, with autocannon.
// Run with `npm run bench` (it builds the server first). Prints one line per scenario.
import { fork } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

/** Starts the vault in a child process (see vault-process.mjs) and waits for its origin. */
async function startVault() {
  const child = fork(fileURLToPath(new URL('./vault-process.mjs', import.meta.url)), {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const origin = await new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      const line = buffered.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line).origin);
    });
    child.once('exit', (code) => reject(new Error(`vault exited with ${code}`)));
  });
  return {
    origin,
    close: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

/** Signs in as a demo resident through the local eID over HTTP; returns the session cookie. */
async function signIn(origin) {
  const jar = new Map();
  const call = async (url, init = {}) => {
    const headers = {
      ...(init.headers ?? {}),
      cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
    };
    const res = await fetch(new URL(url, origin), { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return res;
  };
  const start = await call('/auth/eid/start', { headers: { accept: 'text/html' } });
  const auth = await call(start.headers.get('location'));
  const page = await (await call(auth.headers.get('location'))).text();
  const action = /action="([^"]+\/login)"/.exec(page)[1];
  const login = await call(action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'accountId=demo-maria-rossi',
  });
  const back = await call(login.headers.get('location'));
  const query = new URL(back.headers.get('location'), origin).search.slice(1);
  const done = await call('/api/auth/eid/callback', {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  if (done.status !== 200) throw new Error(`sign-in failed: ${done.status}`);
  return `cv_session=${jar.get('cv_session')}`;
}

function run(name, opts) {
  return new Promise((resolve, reject) => {
    autocannon({ duration: DURATION_S, connections: CONNECTIONS, ...opts }, (err, result) => {
      if (err) return reject(err);
      const errors = result.errors + result.timeouts + result.non2xx;
      const line = `${name.padEnd(44)} ${String(Math.round(result.requests.average)).padStart(7)} req/s   p50 ${String(result.latency.p50).padStart(4)} ms   p99 ${String(result.latency.p99).padStart(4)} ms   errors ${errors}`;
      console.log(line);
      resolve({
        name,
        rps: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        errors,
      });
    });
  });
}

const vault = await startVault();
try {
  const cookie = await signIn(vault.origin);
  console.log(
    `Citizen Vault HTTP benchmark: ${DURATION_S} s per scenario, ${CONNECTIONS} connections, ${os.cpus().length} cores, Node ${process.version}`,
  );
  await run('GET /healthz (baseline)', { url: `${vault.origin}/healthz` });
  await run('GET /api/me (session lookup)', { url: `${vault.origin}/api/me`, headers: { cookie } });
  await run('GET /api/sessions (session + list)', {
    url: `${vault.origin}/api/sessions`,
    headers: { cookie },
  });
  await run('POST /api/auth/passkey/options (challenge write)', {
    url: `${vault.origin}/api/auth/passkey/options`,
    method: 'POST',
    headers: { origin: vault.origin, 'content-type': 'application/json' },
    body: '{}',
  });
} finally {
  await vault.close();
}
