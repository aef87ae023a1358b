import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  EnrolRequest,
  ErrorBody,
  ErrorCode,
  KeySlotInput,
  VaultStateResponse,
} from '../../server/src/contracts/index.js';
import { HttpClient, type TestResponse } from '../helpers/http-client.js';
import { signInWithLocalEid } from '../helpers/sign-in.js';
import { SoftAuthenticator, type SoftCredential } from '../helpers/soft-authenticator.js';
import { startVault, type TestVault } from '../helpers/start-vault.js';
import {
  b64,
  enrol,
  fakeKeys,
  fakeSlot,
  foundIn,
  registerPasskey,
} from '../helpers/vault-fixtures.js';

/**
 * The vault's keys and ways to unlock over real HTTP against a real vault (issue 3: enrolment, key
 * slots, recovery kit, deletion of slots). Random bytes stand in for envelopes and public keys:
 * the server stores them without being able to read them.
 */

let vault: TestVault;
let authenticator: SoftAuthenticator;

beforeEach(async () => {
  vault = await startVault();
  authenticator = new SoftAuthenticator({ origin: vault.origin });
});

afterEach(async () => {
  await vault.close();
});

async function signedIn(accountId = 'demo-maria-rossi'): Promise<HttpClient> {
  const client = new HttpClient(vault.origin);
  await signInWithLocalEid(client, accountId);
  return client;
}

const state = async (client: HttpClient): Promise<VaultStateResponse> => {
  const res = await client.get<VaultStateResponse>('/api/vault');
  expect(res.status).toBe(200);
  return res.body;
};

/** The refusal's status and code, and not a key or slot row more or less than before. */
async function expectRefused(
  act: () => Promise<TestResponse>,
  status: number,
  code: ErrorCode,
): Promise<TestResponse<ErrorBody>> {
  const before = [vault.countRows('resident_keys'), vault.countRows('key_slots')];
  const res = (await act()) as TestResponse<ErrorBody>;
  expect({ status: res.status, code: res.body.error?.code }).toEqual({ status, code });
  expect([vault.countRows('resident_keys'), vault.countRows('key_slots')]).toEqual(before);
  return res;
}

/** Envelope bytes of these slots that the raw database files still hold, after a checkpoint. */
function envelopesOnDisk(slots: KeySlotInput[]): string[] {
  vault.checkpoint();
  const files = vault.rawDatabaseFiles();
  return slots
    .filter((s) => foundIn(files, [Buffer.from(s.envelope, 'base64url')]).length > 0)
    .map((s) => s.id);
}

const view = (slot: KeySlotInput) => ({
  id: slot.id,
  kind: slot.kind,
  credentialId: slot.credentialId ?? null,
  envelope: slot.envelope,
  createdAt: expect.any(String),
});

describe('enrolment', () => {
  it('a resident who has not enrolled sees enrolled: false, no keys, no slots, and the quota', async () => {
    const client = await signedIn();
    expect(await state(client)).toEqual({
      enrolled: false,
      keys: null,
      slots: [],
      quota: { usedBytes: 0, limitBytes: 5 * 1024 ** 3, maxDocumentBytes: 1024 ** 3 },
    });
    const anonymous = await new HttpClient(vault.origin).get('/api/vault');
    expect(anonymous.status).toBe(401);
  });

  it('enrols with a passkey slot for a registered passkey and a recovery slot', async () => {
    const client = await signedIn();
    const { request, state: answered } = await enrol(client, authenticator);
    const expected = {
      enrolled: true,
      keys: request.keys,
      slots: request.slots.map(view),
      quota: { usedBytes: 0, limitBytes: 5 * 1024 ** 3, maxDocumentBytes: 1024 ** 3 },
    };
    expect(answered).toEqual(expected);
    expect(await state(client)).toEqual(expected);
    expect(vault.countRows('resident_keys')).toBe(1);
    expect(vault.countRows('key_slots')).toBe(2);
  });

  it('enrolling twice → 409 ERR_ALREADY_ENROLLED, the first keys stay', async () => {
    const client = await signedIn();
    const { credential, request } = await enrol(client, authenticator);
    await expectRefused(
      () =>
        client.post('/api/vault/enrol', {
          keys: fakeKeys(),
          slots: [fakeSlot('passkey', credential.credentialIdB64), fakeSlot('recovery')],
        }),
      409,
      'ERR_ALREADY_ENROLLED',
    );
    expect((await state(client)).keys).toEqual(request.keys);
  });

  it('refuses enrolments without the slots a vault must have → 400 ERR_VALIDATION, nothing stored', async () => {
    const client = await signedIn();
    const credential = await registerPasskey(client, authenticator);
    const luca = await signedIn('demo-luca-bianchi');
    const lucasPasskey = await registerPasskey(luca, authenticator);
    const passkeySlot = () => fakeSlot('passkey', credential.credentialIdB64);
    const refusals: [string, EnrolRequest['slots']][] = [
      ['no recovery kit', [passkeySlot(), fakeSlot('passphrase')]],
      ['a recovery kit alone, twice', [fakeSlot('recovery'), fakeSlot('recovery')]],
      ['a passkey slot without its credential', [fakeSlot('passkey'), fakeSlot('recovery')]],
      [
        'a recovery slot with a credential',
        [passkeySlot(), fakeSlot('recovery', credential.credentialIdB64)],
      ],
      ['an unknown credential', [fakeSlot('passkey', b64(randomBytes(32))), fakeSlot('recovery')]],
      [
        'another resident’s credential',
        [fakeSlot('passkey', lucasPasskey.credentialIdB64), fakeSlot('recovery')],
      ],
      ['one slot', [passkeySlot()]],
    ];
    const twice = passkeySlot();
    refusals.push(['the same slot id twice', [twice, { ...fakeSlot('recovery'), id: twice.id }]]);
    for (const [why, slots] of refusals) {
      const res = await expectRefused(
        () => client.post('/api/vault/enrol', { keys: fakeKeys(), slots }),
        400,
        'ERR_VALIDATION',
      );
      expect(res.status, why).toBe(400);
    }
    expect((await state(client)).enrolled).toBe(false);
  });

  it('accepts a recovery kit and a passphrase when the authenticator gives no PRF output', async () => {
    const client = await signedIn();
    const res = await client.post<VaultStateResponse>('/api/vault/enrol', {
      keys: fakeKeys(),
      slots: [fakeSlot('recovery'), fakeSlot('passphrase')],
    });
    expect(res.status).toBe(201);
    expect(res.body.slots.map((s) => s.kind).sort()).toEqual(['passphrase', 'recovery']);
  });

  it('refuses keys of the wrong length or non-canonical base64url → 400 ERR_VALIDATION', async () => {
    const client = await signedIn();
    const credential = await registerPasskey(client, authenticator);
    const slots = [fakeSlot('passkey', credential.credentialIdB64), fakeSlot('recovery')];
    // 43 characters carry 258 bits: the last character must leave the spare 2 bits zero.
    const nonCanonical = `${b64(randomBytes(32)).slice(0, 42)}B`;
    for (const keys of [
      { ...fakeKeys(), x25519PublicKey: b64(randomBytes(31)) },
      { ...fakeKeys(), ed25519PublicKey: b64(randomBytes(33)) },
      { ...fakeKeys(), x25519PublicKey: nonCanonical },
      { ...fakeKeys(), secretKeysEnvelope: 'has padding==' },
      { ...fakeKeys(), extra: 'field' },
    ]) {
      await expectRefused(
        () => client.post('/api/vault/enrol', { keys, slots }),
        400,
        'ERR_VALIDATION',
      );
    }
  });
});

describe('key slots', () => {
  it('adds a passphrase slot, then removes it', async () => {
    const client = await signedIn();
    const { request } = await enrol(client, authenticator);
    const phrase = fakeSlot('passphrase');
    const added = await client.post<VaultStateResponse>('/api/vault/slots', { slot: phrase });
    expect(added.status).toBe(201);
    expect(added.body.slots).toEqual([...request.slots, phrase].map(view));

    const removed = await client.request('DELETE', `/api/vault/slots/${phrase.id}`);
    expect(removed.status).toBe(204);
    expect((await state(client)).slots).toEqual(request.slots.map(view));
    await expectRefused(
      () => client.request('DELETE', `/api/vault/slots/${phrase.id}`),
      404,
      'ERR_SLOT_NOT_FOUND',
    );
  });

  it('adds a slot for a second passkey, but not for an unknown one', async () => {
    const client = await signedIn();
    await enrol(client, authenticator);
    const second: SoftCredential = await registerPasskey(client, authenticator);
    const ok = await client.post('/api/vault/slots', {
      slot: fakeSlot('passkey', second.credentialIdB64),
    });
    expect(ok.status).toBe(201);
    await expectRefused(
      () =>
        client.post('/api/vault/slots', {
          slot: fakeSlot('passkey', b64(randomBytes(32))),
        }),
      400,
      'ERR_VALIDATION',
    );
  });

  it('a slot id already in use → 409 ERR_CONFLICT; more than 16 slots → 409 ERR_CONFLICT', async () => {
    const client = await signedIn();
    const { request } = await enrol(client, authenticator);
    await expectRefused(
      () =>
        client.post('/api/vault/slots', {
          slot: { ...fakeSlot('passphrase'), id: request.slots[1]!.id },
        }),
      409,
      'ERR_CONFLICT',
    );
    for (let i = 2; i < 16; i += 1) {
      expect((await client.post('/api/vault/slots', { slot: fakeSlot('passphrase') })).status).toBe(
        201,
      );
    }
    await expectRefused(
      () => client.post('/api/vault/slots', { slot: fakeSlot('passphrase') }),
      409,
      'ERR_CONFLICT',
    );
  });

  it('adding a slot or replacing the kit before enrolment → 409 ERR_NOT_ENROLLED', async () => {
    const client = await signedIn();
    await expectRefused(
      () => client.post('/api/vault/slots', { slot: fakeSlot('passphrase') }),
      409,
      'ERR_NOT_ENROLLED',
    );
    await expectRefused(
      () => client.request('PUT', '/api/vault/recovery', { json: { slot: fakeSlot('recovery') } }),
      409,
      'ERR_NOT_ENROLLED',
    );
  });

  it('refuses to remove the last slot → 409 ERR_LAST_KEY_SLOT', async () => {
    const client = await signedIn();
    const { request } = await enrol(client, authenticator);
    const [passkeySlot, recoverySlot] = request.slots;
    expect((await client.request('DELETE', `/api/vault/slots/${passkeySlot!.id}`)).status).toBe(
      204,
    );
    await expectRefused(
      () => client.request('DELETE', `/api/vault/slots/${recoverySlot!.id}`),
      409,
      'ERR_LAST_KEY_SLOT',
    );
    expect((await state(client)).slots).toEqual([view(recoverySlot!)]);
  });

  it('removing a passkey removes its key slot, unless that slot is the last way in', async () => {
    const client = await signedIn();
    const { request } = await enrol(client, authenticator);
    const [passkeySlot, recoverySlot] = request.slots;
    const passkeyId = async () =>
      ((await client.get('/api/passkeys')).body as { passkeys: { id: string }[] }).passkeys[0]!.id;

    // With the recovery slot gone, the passkey's slot is the last way to unlock: refused.
    expect((await client.request('DELETE', `/api/vault/slots/${recoverySlot!.id}`)).status).toBe(
      204,
    );
    const passkeysBefore = vault.countRows('passkeys');
    const id = await passkeyId();
    await expectRefused(
      () => client.request('DELETE', `/api/passkeys/${id}`),
      409,
      'ERR_LAST_KEY_SLOT',
    );
    expect(vault.countRows('passkeys')).toBe(passkeysBefore);

    // With another way in, the passkey and its slot go together.
    const other = fakeSlot('passphrase');
    expect((await client.post('/api/vault/slots', { slot: other })).status).toBe(201);
    expect((await client.request('DELETE', `/api/passkeys/${id}`)).status).toBe(204);
    const slots = (await state(client)).slots.map((s) => s.id);
    expect(slots).toEqual([other.id]);
    expect(slots).not.toContain(passkeySlot!.id);
  });

  it('another resident’s slot → 404 ERR_SLOT_NOT_FOUND, exactly like a missing one', async () => {
    const maria = await signedIn();
    const { request } = await enrol(maria, authenticator);
    const luca = await signedIn('demo-luca-bianchi');
    await enrol(luca, authenticator);
    const theirs = await expectRefused(
      () => luca.request('DELETE', `/api/vault/slots/${request.slots[0]!.id}`),
      404,
      'ERR_SLOT_NOT_FOUND',
    );
    for (const id of [randomUUID(), 'not-an-id']) {
      const missing = await luca.request('DELETE', `/api/vault/slots/${id}`);
      expect(missing.status).toBe(404);
      expect(missing.text).toBe(theirs.text);
    }
    expect((await state(maria)).slots).toEqual(request.slots.map(view));
  });

  it('a removed slot’s envelope is gone from the raw database files after a checkpoint', async () => {
    const client = await signedIn();
    const { request } = await enrol(client, authenticator);
    const phrase = fakeSlot('passphrase');
    await client.post('/api/vault/slots', { slot: phrase });
    expect(envelopesOnDisk([...request.slots, phrase])).toEqual(
      [...request.slots, phrase].map((s) => s.id),
    );

    expect((await client.request('DELETE', `/api/vault/slots/${phrase.id}`)).status).toBe(204);
    expect(envelopesOnDisk([...request.slots, phrase])).toEqual(request.slots.map((s) => s.id));
    expect(vault.rawDatabaseFiles().find((f) => f.name.endsWith('-wal'))?.bytes.length).toBe(0);
  });
});

describe('the recovery kit', () => {
  it('replacing it removes every old recovery slot, from the state and from the raw files', async () => {
    const client = await signedIn();
    const { request } = await enrol(client, authenticator);
    const [passkeySlot, oldKit] = request.slots;
    const secondOldKit = fakeSlot('recovery');
    await client.post('/api/vault/slots', { slot: secondOldKit });
    expect(envelopesOnDisk([oldKit!, secondOldKit])).toHaveLength(2);

    const newKit = fakeSlot('recovery');
    const replaced = await client.request<VaultStateResponse>('PUT', '/api/vault/recovery', {
      json: { slot: newKit },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body.slots).toEqual([view(passkeySlot!), view(newKit)]);
    expect(await state(client)).toEqual(replaced.body);
    expect(envelopesOnDisk([passkeySlot!, oldKit!, secondOldKit, newKit])).toEqual([
      passkeySlot!.id,
      newKit.id,
    ]);
  });

  it('a replacement that is not a recovery slot → 400 ERR_VALIDATION, the old kit stays', async () => {
    const client = await signedIn();
    const { request } = await enrol(client, authenticator);
    await expectRefused(
      () =>
        client.request('PUT', '/api/vault/recovery', { json: { slot: fakeSlot('passphrase') } }),
      400,
      'ERR_VALIDATION',
    );
    expect((await state(client)).slots).toEqual(request.slots.map(view));
  });
});

describe('the log', () => {
  it('holds slot ids and kinds, never keys or envelopes', async () => {
    const client = await signedIn();
    const { request } = await enrol(client, authenticator);
    const phrase = fakeSlot('passphrase');
    await client.post('/api/vault/slots', { slot: phrase });
    await client.request('PUT', '/api/vault/recovery', { json: { slot: fakeSlot('recovery') } });
    await client.request('DELETE', `/api/vault/slots/${phrase.id}`);

    const log = vault.logText();
    expect(log).toContain(phrase.id);
    const secrets = [
      request.keys.x25519PublicKey,
      request.keys.ed25519PublicKey,
      request.keys.secretKeysEnvelope,
      ...[...request.slots, phrase].map((s) => s.envelope),
    ].map((s) => Buffer.from(s, 'base64url'));
    for (const secret of secrets) {
      for (const spelling of ['base64url', 'base64', 'hex'] as const) {
        expect(log).not.toContain(secret.toString(spelling).slice(0, 24));
      }
    }
  });
});
