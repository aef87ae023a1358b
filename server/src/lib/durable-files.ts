import { randomBytes } from 'node:crypto';
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
 * Creates a secret file (a key) only if there is none, atomically: for keys that every vault node
 * must share, which several nodes on one shared volume may try to make at the same moment on their
 * first start (issue 7). The bytes go to a temporary file of this process's own (created
 * exclusively, mode 0600, fsynced), which is then hard-linked to `file`: link(2) never replaces an
 * existing name, so of racing creators exactly one wins and the others get EEXIST. The temporary
 * name is removed either way and the directory fsynced. Returns true if this call made `file`,
 * false if it existed (another node's key: load it). A crash leaves either no `file` or a whole one.
 *
 * A file system without hard links (some network shares) gets an exclusive create (O_EXCL) of
 * `file` itself instead: still one winner, but a crash mid-write could leave a short key, which
 * the loader then refuses with a clear error.
 */
export function createSecretFileOnce(file: string, contents: string): boolean {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Not partialNameFor: nodes in containers on one volume may all be process 1.
  const temporary = path.join(
    path.dirname(file),
    `.${path.basename(file)}.new-${process.pid}-${randomBytes(6).toString('hex')}.partial`,
  );
  writeWhole(temporary, contents);
  let created: boolean;
  try {
    fs.linkSync(temporary, file);
    created = true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') created = false;
    else if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS' || code === 'EOPNOTSUPP') {
      created = createExclusively(file, contents);
    } else {
      fs.rmSync(temporary, { force: true });
      throw error;
    }
  }
  fs.rmSync(temporary, { force: true });
  fsyncDir(path.dirname(file));
  return created;
}

/** Writes `contents` to a new file (exclusive, 0600) and fsyncs it; removes it on failure. */
function writeWhole(file: string, contents: string): void {
  const fd = fs.openSync(file, 'wx', 0o600);
  try {
    try {
      fs.writeSync(fd, contents);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    fs.rmSync(file, { force: true });
    throw error;
  }
}

/** `createSecretFileOnce` without hard links: O_EXCL on the file itself; false if it exists. */
function createExclusively(file: string, contents: string): boolean {
  try {
    writeWhole(file, contents);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
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
