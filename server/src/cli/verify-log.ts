import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  canonicalJson,
  isCryptoError,
  keyIdHex,
  leafHash,
  openCheckpoint,
  parseVerifierKey,
  sodiumReady,
  verifyInclusion,
} from '../../../crypto/src/index.js';
import type { LogExport } from '../contracts/index.js';

const USAGE = `Usage: npm run verify-log -- <export.json> [--key <verifier key>]

Checks a resident's access-log export (from the web app's Export button) without the server:
the checkpoint's signature, and that every entry is in the log the checkpoint commits to.
Give the city's published verifier key with --key (docs/access-log.md); without it, the key
written in the export is used, which proves only that the export is self-consistent.
Exit status 0 if everything checks, 1 if something does not, 64 for a usage error.`;

/** Output sinks, injected so tests read what the command printed. */
export interface VerifyIo {
  out: (line: string) => void;
  err: (line: string) => void;
  readFile: (file: string) => string;
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
    data = JSON.parse(io.readFile(file)) as LogExport;
  } catch (error) {
    io.err(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
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
    readFile: (file) => fs.readFileSync(path.resolve(process.env['INIT_CWD'] ?? '.', file), 'utf8'),
  });
}
