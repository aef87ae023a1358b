import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sodiumReady } from '../../crypto/src/index.js';
import {
  codeOf,
  daysAfter,
  keyedResident,
  PURPOSE,
  registerSealingService,
  serviceApi,
  serviceToken,
  type KeyedResident,
  type SealingService,
  type ServiceApi,
} from '../helpers/service-api.js';
import { startVault, type TestVault } from '../helpers/start-vault.js';

/**
 * The per-service quota (issue 6): each city service may make VAULT_SERVICE_QUOTA authenticated
 * calls to the service API per VAULT_SERVICE_QUOTA_WINDOW_SECONDS, whatever the route; one more is
 * 429 ERR_SERVICE_QUOTA_EXCEEDED with Retry-After, and does nothing. Another service keeps its own
 * allowance, and the quota comes back when the window ends (on the vault's injected clock).
 */

const QUOTA = 5;
const WINDOW_S = 60;

describe('per-service quota on the service API', () => {
  let vault: TestVault;
  let clock: Date;
  let s1: ServiceApi;
  let s2: ServiceApi;
  let maria: KeyedResident;
  let one: SealingService;

  const requestBody = () => ({
    nationalId: maria.nationalId,
    categories: ['identity'],
    purpose: PURPOSE,
    legalBasis: 'public-task',
    retentionDays: 30,
    answerBy: daysAfter(clock, 7),
  });
  const requestRows = () => vault.countRows('service_requests');

  beforeAll(async () => {
    await sodiumReady();
    clock = new Date();
    vault = await startVault({
      now: () => clock,
      env: {
        VAULT_SERVICE_QUOTA: String(QUOTA),
        VAULT_SERVICE_QUOTA_WINDOW_SECONDS: String(WINDOW_S),
      },
    });
    maria = await keyedResident(vault);
    one = await registerSealingService(vault);
    const two = await registerSealingService(vault);
    s1 = serviceApi(vault, await serviceToken(vault, one, clock));
    s2 = serviceApi(vault, await serviceToken(vault, two, clock));
  });

  afterAll(async () => {
    await vault?.close();
  });

  it('answers S1 past its quota 429 with Retry-After on every route, does nothing, while S2 gets 200', async () => {
    // S1 uses its quota on several routes: the quota is the service's, not a route's.
    expect((await s1.post('/requests', requestBody())).status).toBe(201);
    for (const path of ['/profile', '/grants', '/profile', '/grants']) {
      expect((await s1.get(path)).status).toBe(200);
    }
    const rows = requestRows();
    const refused = [
      await s1.get('/profile'),
      await s1.get('/grants'),
      await s1.post('/requests', requestBody()),
    ];
    for (const res of refused) {
      expect([res.status, codeOf(res)]).toEqual([429, 'ERR_SERVICE_QUOTA_EXCEEDED']);
      expect(res.headers.get('retry-after')).toBe(String(WINDOW_S));
    }
    // The refused request filed nothing.
    expect(requestRows()).toBe(rows);

    // S2 has its own quota, untouched by S1's.
    for (let i = 0; i < QUOTA; i++) expect((await s2.get('/profile')).status).toBe(200);
    expect((await s2.get('/profile')).status).toBe(429);

    // Retry-After counts down with the window.
    clock = new Date(clock.getTime() + 20_000);
    expect((await s1.get('/profile')).headers.get('retry-after')).toBe(String(WINDOW_S - 20));
  });

  it('resets when the window ends', async () => {
    clock = new Date(clock.getTime() + WINDOW_S * 1000);
    expect((await s1.get('/profile')).status).toBe(200);
    expect((await s1.post('/requests', requestBody())).status).toBe(201);
    expect((await s2.get('/profile')).status).toBe(200);
  });

  it('is the service’s, not its token’s: a fresh token (the token endpoint is not counted) does not reset it', async () => {
    for (let i = 0; i < QUOTA; i++) await s1.get('/profile');
    expect((await s1.get('/profile')).status).toBe(429);
    // serviceToken throws unless the token endpoint answers 200.
    const renewed = serviceApi(vault, await serviceToken(vault, one, clock));
    const res = await renewed.get('/profile');
    expect([res.status, codeOf(res)]).toEqual([429, 'ERR_SERVICE_QUOTA_EXCEEDED']);
  });
});
