import fs from 'node:fs';
import path from 'node:path';

/** Flushes a file's bytes to the disk (a rename only moves a name: the bytes must be there first). */
export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Flushes a directory, so that a rename or link in it survives a power cut. */
export function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Writes a new secret file (a key) so that a crash never leaves half of it: a temporary file beside
 * it, created exclusively with mode 0600, written and fsynced, then renamed into place and the
 * directory fsynced. The rename replaces `file` if it exists: callers make a key only when there is
 * none. On a failure before the rename, the temporary file is removed and `file` is untouched.
 */
export function writeSecretFile(file: string, contents: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = partialNameFor(file, 'new');
  const fd = fs.openSync(temporary, 'wx', 0o600);
  try {
    try {
      fs.writeSync(fd, contents);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  fsyncDir(path.dirname(file));
}

/** A hidden name beside `file`, on the same file system (so that a rename is atomic). */
export function partialNameFor(file: string, what: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${what}-${process.pid}.partial`);
}

/** Removes `file` and the journals SQLite may have left beside it; absent files are fine. */
export function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm'])
    fs.rmSync(`${file}${suffix}`, { force: true });
}
