import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type {
  ErrorBody,
  LogEntriesResponse,
  LogEntryView,
} from '../../server/src/contracts/index.js';
import {
  allEntries,
  download,
  eventOf,
  forgedPasskeySignIn,
  indexes,
  resident,
  useLogVaults,
  type AccessEvent,
} from '../helpers/access-log.js';
import { HttpClient, type TestResponse } from '../helpers/http-client.js';
import { ciphertext, uploadDocument } from '../helpers/vault-fixtures.js';

/**
 * A resident's access-log entries, filtered and paged (issue 4: "the resident's own entries
 * (paged, filterable by actor, action, document, time), each with its leaf index"), over real HTTP
 * against a real vault. Time moves through the vault's injected clock; the checkpointer's timer
 * stays out of the way (the longest interval).
 */

const { vaultWith, now, minutesLater } = useLogVaults({
  start: '2031-05-04T08:00:00.000Z',
  intervalMs: 60_000,
  seed: false,
});

/** The same instant, written in a +02:00 offset (e.g. 10:20+02:00 for 08:20Z). */
const plusTwoHours = (d: Date): string =>
  new Date(d.getTime() + 2 * 3_600_000).toISOString().replace('Z', '+02:00');

describe('filters and paging', () => {
  it('filters by actor, actor id, action, document and time, and pages backwards with before, limit and nextBefore', async () => {
    const vault = await vaultWith({ env: { VAULT_RATE_LIMIT_SIGN_IN: '10000' } });
    const maria = await resident(vault); // t0: sign-in, passkey.added, vault.enrolled
    const t0 = now();
    const t1 = minutesLater(10);
    const a = (await uploadDocument(maria.client, ciphertext(1, 100), { category: 'tax' })).document
      .id;
    const t2 = minutesLater(10);
    const b = (await uploadDocument(maria.client, ciphertext(1, 100), { category: 'work' }))
      .document.id;
    const t3 = minutesLater(10);
    expect((await download(maria.client, a, 1)).status).toBe(200);
    const t4 = minutesLater(10);
    expect((await download(maria.client, a, 1, '?purpose=preview')).status).toBe(200);
    minutesLater(10);
    expect((await download(maria.client, b, 1)).status).toBe(200);
    minutesLater(10);
    expect((await forgedPasskeySignIn(vault, maria)).status).toBe(401);
    // Luca's entries are interleaved with hers and never show up in her filters.
    await resident(vault, 'demo-luca-bianchi');

    const all = await allEntries(maria.client);
    expect(all.map((e) => eventOf(e).action)).toEqual([
      'sign-in.failed',
      'document.read',
      'document.previewed',
      'document.read',
      'document.uploaded',
      'document.uploaded',
      'vault.enrolled',
      'passkey.added',
      'sign-in',
    ]);
    const pick = (predicate: (e: AccessEvent) => boolean) =>
      all.filter((e) => predicate(eventOf(e)));
    const iso = (d: Date) => encodeURIComponent(d.toISOString());
    const cases: [string, LogEntryView[]][] = [
      ['action=document.read', pick((e) => e.action === 'document.read')],
      ['action=sign-in', pick((e) => e.action === 'sign-in')],
      ['action=passkey.removed', []],
      [`document=${a}`, pick((e) => e.document?.id === a)],
      [`document=${b}`, pick((e) => e.document?.id === b)],
      [`document=${randomUUID()}`, []],
      [
        `action=document.read&document=${a}`,
        pick((e) => e.action === 'document.read' && e.document?.id === a),
      ],
      ['actor=resident', all],
      ['actor=service', []],
      [`actorId=${maria.id}`, pick((e) => e.actor.id === maria.id)],
      [`actor=resident&actorId=${randomUUID()}`, []],
      [`from=${iso(t3)}`, pick((e) => e.at >= t3.toISOString())],
      [`to=${iso(t3)}`, pick((e) => e.at < t3.toISOString())],
      [
        `from=${iso(t1)}&to=${iso(t4)}`,
        pick((e) => e.at >= t1.toISOString() && e.at < t4.toISOString()),
      ],
      [`from=${iso(t0)}&to=${iso(t0)}`, []],
      // The same instant written with an offset.
      [`from=${encodeURIComponent(plusTwoHours(t2))}`, pick((e) => e.at >= t2.toISOString())],
    ];
    for (const [query, want] of cases) {
      expect(indexes(await allEntries(maria.client, query)), query).toEqual(indexes(want));
    }
    expect(pick((e) => e.actor.id === null).map((e) => eventOf(e).action)).toEqual([
      'sign-in.failed',
    ]);

    // Paging: every page newest first, nextBefore the last index of a full page, null at the end.
    for (const limit of [1, 2, 3, 4, 9, 10]) {
      const pages: LogEntriesResponse[] = [];
      let before: number | null = null;
      do {
        const res: TestResponse<LogEntriesResponse> = await maria.client.get<LogEntriesResponse>(
          `/api/log/entries?limit=${limit}${before === null ? '' : `&before=${before}`}`,
        );
        expect(res.status).toBe(200);
        pages.push(res.body);
        before = res.body.nextBefore;
      } while (before !== null);
      expect(
        pages.flatMap((p) => p.entries),
        `limit ${limit}`,
      ).toEqual(all);
      expect(pages.length, `limit ${limit}`).toBe(Math.max(1, Math.ceil(all.length / limit)));
      for (const page of pages.slice(0, -1)) {
        expect(page.entries).toHaveLength(limit);
        expect(page.nextBefore).toBe(page.entries.at(-1)!.index);
      }
    }
    const reads = await maria.client.get<LogEntriesResponse>(
      '/api/log/entries?action=document.read&limit=1',
    );
    expect(reads.body.entries.map((e) => eventOf(e).document?.id)).toEqual([b]);
    const older = await maria.client.get<LogEntriesResponse>(
      `/api/log/entries?action=document.read&limit=1&before=${reads.body.nextBefore}`,
    );
    expect(older.body).toEqual({
      entries: [expect.objectContaining({ index: all[3]!.index })],
      nextBefore: null,
    });
    expect((await maria.client.get<LogEntriesResponse>('/api/log/entries?before=0')).body).toEqual({
      entries: [],
      nextBefore: null,
    });

    // The default page is 50 entries.
    const extra = Array.from({ length: 45 }, () => download(maria.client, a, 1));
    expect((await Promise.all(extra)).every((r) => r.status === 200)).toBe(true);
    const first = await maria.client.get<LogEntriesResponse>('/api/log/entries');
    expect(first.body.entries).toHaveLength(50);
    expect(first.body.nextBefore).toBe(first.body.entries.at(-1)!.index);
  });

  it('refuses invalid queries → 400 ERR_VALIDATION; without a session → 401', async () => {
    const vault = await vaultWith();
    const maria = await resident(vault);
    const invalid = [
      'actor=robot',
      'actor=',
      'actorId=',
      `actorId=${'x'.repeat(201)}`,
      'action=document.stolen',
      'action=sign-in&action=document.read',
      'document=not-a-uuid',
      `document=${randomUUID().toUpperCase().replaceAll('-', '')}`,
      'from=yesterday',
      'from=2031-05-04',
      'from=2031-05-04T08:00:00',
      'to=2031-13-01T00:00:00Z',
      'before=-1',
      'before=1.5',
      'before=x',
      'before=9007199254740992',
      'limit=0',
      'limit=1001',
      'limit=ten',
      'limit=',
      'page=2',
      'resident=someone-else',
    ];
    for (const query of invalid) {
      const res = await maria.client.get<ErrorBody>(`/api/log/entries?${query}`);
      expect({ query, status: res.status, code: res.body.error?.code }).toEqual({
        query,
        status: 400,
        code: 'ERR_VALIDATION',
      });
    }
    expect((await maria.client.get('/api/log/entries?limit=1000')).status).toBe(200);

    const anonymous = new HttpClient(vault.origin);
    for (const path of [
      '/api/log',
      '/api/log/entries',
      '/api/log/proofs/inclusion?size=1&index=0',
      '/api/log/proofs/consistency?from=1&to=1',
    ]) {
      const res = await anonymous.get<ErrorBody>(path);
      expect({ path, status: res.status, code: res.body.error?.code }).toEqual({
        path,
        status: 401,
        code: 'ERR_UNAUTHENTICATED',
      });
    }
    const exported = await anonymous.post<ErrorBody>('/api/log/export');
    expect(exported.status).toBe(401);
  });
});
