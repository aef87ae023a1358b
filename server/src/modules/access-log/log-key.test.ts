import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sodiumReady } from '../../../../crypto/src/sodium.js';
import { loadOrCreateLogKey } from './log-key.js';

const dirs: string[] = [];
const keyFile = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-log-key-'));
  dirs.push(dir);
  return path.join(dir, 'log-signer.key');
};

afterEach(() => {
  vi.restoreAllMocks();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('loadOrCreateLogKey', () => {
  it('creates a 0600 key on first start and loads the same one afterwards', async () => {
    await sodiumReady();
    const file = keyFile();
    const first = loadOrCreateLogKey(file, 'vault.example.city/log');
    expect(first.created).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const again = loadOrCreateLogKey(file, 'vault.example.city/log');
    expect(again.created).toBe(false);
    expect(again.key.verifierKey).toBe(first.key.verifierKey);
  });

  it('two nodes starting at once on one volume: both see no key, one creates it, both load that one', async () => {
    await sodiumReady();
    const file = keyFile();
    // The race: each node checks for the key before either has written it.
    const exists = vi.spyOn(fs, 'existsSync').mockReturnValue(false);
    const a = loadOrCreateLogKey(file, 'vault.example.city/log');
    const b = loadOrCreateLogKey(file, 'vault.example.city/log');
    expect(exists).toHaveBeenCalledTimes(2);
    expect([a.created, b.created]).toEqual([true, false]);
    expect(b.key.verifierKey).toBe(a.key.verifierKey);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['log-signer.key']);
  });
});
