import type { MeResponse } from '../../server/src/contracts/index.js';
import type { HttpClient, TestResponse } from './http-client.js';

/**
 * Drives an eID sign-in through the vault and its local eID provider over real HTTP, as a browser
 * would: start → provider → choose a demo resident → callback query → POST to the vault.
 * Returns the callback query, so a test can replay it.
 */
export async function followLocalEidToCallback(
  client: HttpClient,
  accountId = 'demo-maria-rossi',
): Promise<string> {
  const start = await client.get('/auth/eid/start', { accept: 'text/html' });
  if (start.status !== 303 || !start.location) throw new Error(`start answered ${start.status}`);
  const auth = await client.get(start.location, { accept: 'text/html' });
  if (!auth.location)
    throw new Error(`provider answered ${auth.status}: ${auth.text.slice(0, 200)}`);
  const page = await client.get(auth.location, { accept: 'text/html' });
  const action = /action="([^"]+\/login)"/.exec(page.text)?.[1];
  if (!action) throw new Error('no login form on the eID page');
  const login = await client.request('POST', action, {
    body: new URLSearchParams({ accountId }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
  });
  if (!login.location) throw new Error(`login answered ${login.status}`);
  const back = await client.get(login.location, { accept: 'text/html' });
  const callback = back.location;
  if (!callback) throw new Error(`provider resume answered ${back.status}`);
  const url = new URL(callback, client.origin);
  if (url.pathname !== '/auth/callback') throw new Error(`unexpected redirect ${callback}`);
  return url.search.slice(1);
}

/** Signs a client in with the local eID as a demo resident; throws unless it worked. */
export async function signInWithLocalEid(
  client: HttpClient,
  accountId = 'demo-maria-rossi',
): Promise<TestResponse<MeResponse>> {
  const query = await followLocalEidToCallback(client, accountId);
  const res = await client.post<MeResponse>('/api/auth/eid/callback', { query });
  if (res.status !== 200) throw new Error(`callback answered ${res.status}: ${res.text}`);
  return res;
}
