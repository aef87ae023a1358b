import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSecretFileOnce } from './durable-files.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-durable-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('createSecretFileOnce', () => {
  it('writes the whole file with mode 0600, creating its directory, and leaves nothing beside it', () => {
    const file = path.join(dir, 'keys', 'log.key');
    expect(createSecretFileOnce(file, 'PRIVATE+KEY+example\n')).toBe(true);
    expect(fs.readFileSync(file, 'utf8')).toBe('PRIVATE+KEY+example\n');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['log.key']);
  });

  it('never replaces a file that exists: the second of two creations gets false and the first key stays', () => {
    const file = path.join(dir, 'log.key');
    expect(createSecretFileOnce(file, 'first node’s key\n')).toBe(true);
    expect(createSecretFileOnce(file, 'second node’s key\n')).toBe(false);
    expect(fs.readFileSync(file, 'utf8')).toBe('first node’s key\n');
    expect(fs.readdirSync(dir)).toEqual(['log.key']);
  });

  it('leaves whatever holds the name as it was, and removes its temporary file', () => {
    const file = path.join(dir, 'taken');
    fs.mkdirSync(file);
    fs.writeFileSync(path.join(file, 'inside'), 'kept');
    expect(createSecretFileOnce(file, 'secret')).toBe(false);
    expect(fs.readdirSync(dir)).toEqual(['taken']);
    expect(fs.readFileSync(path.join(file, 'inside'), 'utf8')).toBe('kept');
  });

  it('when its directory cannot be made, throws and creates nothing', () => {
    const blocker = path.join(dir, 'not-a-dir');
    fs.writeFileSync(blocker, 'a file where the directory should be');
    expect(() => createSecretFileOnce(path.join(blocker, 'log.key'), 'secret')).toThrow();
    expect(fs.readdirSync(dir)).toEqual(['not-a-dir']);
  });
});
