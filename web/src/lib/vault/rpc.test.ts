import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../api';
import { createRpcClient, isAbortError, serveRpc, type Endpoint } from './rpc';
import { VaultError } from './vault-error';

interface TestMethods {
  echo: { params: { text: string }; result: string };
  count: { params: { to: number }; result: number; progress: { at: number } };
  wait: { params: void; result: string };
  fail: { params: { kind: 'api' | 'vault' | 'other' }; result: void };
  bytes: { params: { data: Uint8Array<ArrayBuffer> }; result: number };
}

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

/** A client and a server joined by a real MessageChannel (structured clone, transfer). */
function connect() {
  const channel = new MessageChannel();
  channels.push(channel);
  const aborted: string[] = [];
  serveRpc<TestMethods>(channel.port2 as unknown as Endpoint, {
    echo: ({ text }) => text.toUpperCase(),
    async count({ to }, { progress }) {
      for (let at = 1; at <= to; at++) progress({ at });
      return to;
    },
    wait: (_params, { signal }) =>
      new Promise((_resolve, reject) => {
        signal.addEventListener('abort', () => {
          aborted.push('wait');
          reject(signal.reason as Error);
        });
      }),
    fail({ kind }) {
      if (kind === 'api') throw new ApiError(404, 'ERR_DOCUMENT_NOT_FOUND', 'not found');
      if (kind === 'vault') throw new VaultError('ERR_SLOT_OPEN_FAILED', 'detail stays here');
      throw new TypeError('a bug, with detail');
    },
    bytes: ({ data }) => data.reduce((a, b) => a + b, 0),
  });
  const client = createRpcClient<TestMethods>(channel.port1 as unknown as Endpoint);
  return { client, aborted };
}

describe('vault RPC', () => {
  it('answers calls, in any order, with their own results', async () => {
    const { client } = connect();
    const [a, b] = await Promise.all([
      client.call('echo', { text: 'a' }),
      client.call('echo', { text: 'b' }),
    ]);
    expect([a, b]).toEqual(['A', 'B']);
    expect(client.pending).toBe(0);
  });

  it('delivers progress events before the result', async () => {
    const { client } = connect();
    const seen: number[] = [];
    const result = await client.call('count', { to: 3 }, { onProgress: (p) => seen.push(p.at) });
    expect(result).toBe(3);
    expect(seen).toEqual([1, 2, 3]);
  });

  it('rebuilds API and vault errors by code, and hides anything else', async () => {
    const { client } = connect();
    const api = await client.call('fail', { kind: 'api' }).catch((e: unknown) => e);
    expect(api).toBeInstanceOf(ApiError);
    expect(api).toMatchObject({ status: 404, code: 'ERR_DOCUMENT_NOT_FOUND' });

    const vault = await client.call('fail', { kind: 'vault' }).catch((e: unknown) => e);
    expect(vault).toBeInstanceOf(VaultError);
    expect(vault).toMatchObject({ code: 'ERR_SLOT_OPEN_FAILED' });
    expect((vault as Error).message).not.toContain('detail');

    const other = await client.call('fail', { kind: 'other' }).catch((e: unknown) => e);
    expect(other).toBeInstanceOf(Error);
    expect((other as Error).message).not.toContain('detail');
  });

  it('cancels: the call rejects with AbortError and the handler sees its signal abort', async () => {
    const { client, aborted } = connect();
    const controller = new AbortController();
    const call = client.call('wait', undefined, { signal: controller.signal });
    controller.abort();
    const error = await call.catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    await expect.poll(() => aborted).toEqual(['wait']);
    expect(client.pending).toBe(0);
  });

  it('moves transferred buffers: the sender keeps nothing', async () => {
    const { client } = connect();
    const data = new Uint8Array([1, 2, 3]);
    const sum = await client.call('bytes', { data }, { transfer: [data.buffer] });
    expect(sum).toBe(6);
    expect(data.byteLength).toBe(0);
  });

  it('close() rejects what is pending and every later call', async () => {
    const { client } = connect();
    const call = client.call('wait', undefined);
    client.close(new VaultError('ERR_VAULT_LOCKED'));
    await expect(call).rejects.toMatchObject({ code: 'ERR_VAULT_LOCKED' });
    await expect(client.call('echo', { text: 'x' })).rejects.toMatchObject({
      code: 'ERR_VAULT_LOCKED',
    });
  });
});
