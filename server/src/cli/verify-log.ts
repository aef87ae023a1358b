import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  canonicalJson,
  isCryptoError,
  openZip,
  keyIdHex,
  leafHash,
  openCheckpoint,
  parseVerifierKey,
  sodiumReady,
  verifyInclusion,
  type ZipSource,
} from '../../../crypto/src/index.js';
import type { LogExport } from '../contracts/index.js';

const USAGE = `Usage: npm run verify-log -- <export.json | export.zip> [--key <verifier key>]

Checks a resident's access-log export without the server: the checkpoint's signature, and that
every entry is in the log the checkpoint commits to. Give it the access log's file (the access-log
page's Export button) or the whole archive of "Export everything" (Settings), whose
access-log.json it reads after checking its CRC-32.
Give the city's published verifier key with --key (docs/access-log.md); without it, the key
written in the export is used, which proves only that the export is self-consistent.
Exit status 0 if everything checks, 1 if something does not, 64 for a usage error.`;

/** The log's file inside an "Export everything" archive (docs/access-log.md, "Export"). */
export const ARCHIVE_LOG_NAME = 'access-log.json';

/** Output sinks and file access, injected so tests read what the command printed. */
export interface VerifyIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Random access to a file (an archive is not read whole); throws if it cannot be opened. */
  openFile: (file: string) => ZipSource & { close(): void };
}

/** A ZIP archive starts with a local file header, or (empty) with the end record. */
function looksLikeZip(source: ZipSource): boolean {
  if (source.size < 4) return false;
  const magic = Buffer.from(source.read(0, 4)).toString('latin1');
  return magic === 'PK\x03\x04' || magic === 'PK\x05\x06';
}

/** The export's JSON text: the file itself, or the archive's access-log.json (CRC-32 checked). */
function readExportText(file: string, io: VerifyIo): string {
  const source = io.openFile(file);
  try {
    if (!looksLikeZip(source)) {
      return new TextDecoder('utf-8', { fatal: true }).decode(source.read(0, source.size));
    }
    const archive = openZip(source);
    const entry = archive.find(ARCHIVE_LOG_NAME);
    if (entry === undefined) {
      throw new Error(
        `it is a ZIP archive without ${ARCHIVE_LOG_NAME}: is it a Citizen Vault export?`,
      );
    }
    const text = new TextDecoder('utf-8', { fatal: true }).decode(archive.read(entry));
    io.out(`Archive        ${ARCHIVE_LOG_NAME} read from ${file}: CRC-32 OK`);
    return text;
  } finally {
    source.close();
  }
}

/** Random access to a file on disk, one read at a time. */
function openFileSource(file: string): ZipSource & { close(): void } {
  const fd = fs.openSync(file, 'r');
  const size = fs.fstatSync(fd).size;
  return {
    size,
    read(offset, length) {
      const out = Buffer.alloc(length);
      let done = 0;
      while (done < length) {
        const n = fs.readSync(fd, out, done, length - done, offset + done);
        if (n === 0) throw new Error(`${file} ended early (was it changed while being read?)`);
        done += n;
      }
      return out;
    },
    close: () => fs.closeSync(fd),
  };
}

/** The offline verifier. Returns the process exit status. */
export async function runVerifyLog(argv: string[], io: VerifyIo): Promise<number> {
  const args = [...argv];
  let key: string | undefined;
  const keyAt = args.indexOf('--key');
  if (keyAt !== -1) {
    key = args[keyAt + 1];
    args.splice(keyAt, 2);
  }
  const [file, ...rest] = args;
  if (file === undefined || rest.length > 0 || (keyAt !== -1 && key === undefined)) {
    io.err(USAGE);
    return file === undefined && keyAt === -1 ? 0 : 64;
  }
  await sodiumReady();

  let data: LogExport;
  try {
    data = JSON.parse(readExportText(file, io)) as LogExport;
  } catch (error) {
    const reason = isCryptoError(error)
      ? `${error.message} (${error.code})`
      : error instanceof Error
        ? error.message
        : String(error);
    io.err(`Cannot read ${file}: ${reason}`);
    return 1;
  }
  if (data.format !== 'citizen-vault.access-log-export.v1' || !Array.isArray(data.entries)) {
    io.err(`${file} is not a Citizen Vault access-log export (format v1).`);
    return 1;
  }
  const failures: string[] = [];
  const verifierKey = key ?? data.verifierKey;
  try {
    const verifier = parseVerifierKey(verifierKey);
    const checkpoint = openCheckpoint(data.checkpoint, {
      origin: data.origin,
      verifiers: [verifier],
    });
    io.out(`Log            ${checkpoint.origin}`);
    io.out(
      `Key            ${verifier.name} ${keyIdHex(verifier.keyId)}` +
        (key === undefined
          ? '  (from the export itself: pass --key to check against the published key)'
          : '  (given with --key)'),
    );
    io.out(
      `Checkpoint     ${checkpoint.size} entries, root ${Buffer.from(checkpoint.rootHash).toString('base64')}: signature OK`,
    );
    let included = 0;
    for (const entry of data.entries) {
      const where = `entry #${entry.index}`;
      try {
        if (canonicalJson(JSON.parse(entry.leaf)) !== entry.leaf) {
          failures.push(`${where}: not in canonical JSON form`);
          continue;
        }
        verifyInclusion(
          entry.index,
          checkpoint.size,
          leafHash(new TextEncoder().encode(entry.leaf)),
          entry.proof.map((h) => new Uint8Array(Buffer.from(h, 'base64'))),
          checkpoint.rootHash,
        );
        included += 1;
      } catch (error) {
        failures.push(`${where}: ${isCryptoError(error) ? error.code : String(error)}`);
      }
    }
    io.out(
      `Entries        ${included} of ${data.entries.length} are in the log (inclusion proofs OK)`,
    );
    if (data.pending.length > 0) {
      io.out(
        `Pending        ${data.pending.length} newer entries were not yet covered by a checkpoint`,
      );
    }
  } catch (error) {
    failures.push(`checkpoint: ${isCryptoError(error) ? error.code : String(error)}`);
  }
  if (failures.length > 0) {
    io.err('NOT VERIFIED:');
    for (const failure of failures) io.err(`  ${failure}`);
    return 1;
  }
  io.out('Verified.');
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await runVerifyLog(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    // `npm run` starts in the package's folder: read paths from where the command was typed.
    openFile: (file) => openFileSource(path.resolve(process.env['INIT_CWD'] ?? '.', file)),
  });
}
