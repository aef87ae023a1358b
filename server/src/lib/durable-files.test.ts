import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeSecretFile } from './durable-files.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-durable-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('writeSecretFile', () => {
  it('writes the whole file with mode 0600, creating its directory, and leaves nothing beside it', () => {
    const file = path.join(dir, 'keys', 'log.key');
    writeSecretFile(file, 'PRIVATE+KEY+example\n');
    expect(fs.readFileSync(file, 'utf8')).toBe('PRIVATE+KEY+example\n');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['log.key']);
  });

  it('when the file cannot be put in place, removes its temporary file and leaves the target as it was', () => {
    // A directory where the file should go: the rename fails after the bytes were written.
    const file = path.join(dir, 'taken');
    fs.mkdirSync(file);
    fs.writeFileSync(path.join(file, 'inside'), 'kept');
    expect(() => writeSecretFile(file, 'secret')).toThrow();
    expect(fs.readdirSync(dir)).toEqual(['taken']);
    expect(fs.readFileSync(path.join(file, 'inside'), 'utf8')).toBe('kept');
  });
});
