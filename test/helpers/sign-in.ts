import type { MeResponse } from '../../server/src/contracts/index.js';
import { HttpClient, type TestResponse } from './http-client.js';

/**
 * Drives an eID sign-in through the vault and its local eID provider over real HTTP, as a browser
 * would: start → provider → choose a demo resident → callback query → POST to the vault.
 * Returns the callback query, so a test can replay it.
 *
 * The provider is the vault's own stand-in (on the vault's origin) or the same stand-in on a server
 * of its own, as a city's external eID (test/helpers/vault-nodes.ts): the browser then keeps the
 * provider's cookies apart from the vault's, as here a second client does. `headers` go with the
 * vault's requests (e.g. to pin them to one node behind the test proxy).
 */
export async function followLocalEidToCallback(
  client: HttpClient,
  accountId = 'demo-maria-rossi',
  headers: Record<string, string> = {},
): Promise<string> {
  const start = await client.get('/auth/eid/start', { accept: 'text/html', ...headers });
  if (start.status !== 303 || !start.location) throw new Error(`start answered ${start.status}`);
  const providerOrigin = new URL(start.location, client.origin).origin;
  const eid = providerOrigin === client.origin ? client : new HttpClient(providerOrigin);
  eid.userAgent = client.userAgent;
  const auth = await eid.get(start.location, { accept: 'text/html' });
  if (!auth.location)
    throw new Error(`provider answered ${auth.status}: ${auth.text.slice(0, 200)}`);
  const page = await eid.get(auth.location, { accept: 'text/html' });
  const action = /action="([^"]+\/login)"/.exec(page.text)?.[1];
  if (!action) throw new Error('no login form on the eID page');
  const login = await eid.request('POST', action, {
    body: new URLSearchParams({ accountId }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
  });
  if (!login.location) throw new Error(`login answered ${login.status}`);
  const back = await eid.get(login.location, { accept: 'text/html' });
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
  headers: Record<string, string> = {},
): Promise<TestResponse<MeResponse>> {
  const query = await followLocalEidToCallback(client, accountId, headers);
  const res = await client.post<MeResponse>('/api/auth/eid/callback', { query }, headers);
  if (res.status !== 200) throw new Error(`callback answered ${res.status}: ${res.text}`);
  return res;
}
