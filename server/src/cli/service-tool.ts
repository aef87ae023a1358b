import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import { generateSealingKeyPair, sodiumReady, toBase64url } from '../../../crypto/src/index.js';
import { runServiceCommand } from './service-commands.js';
import {
  describeIssues,
  serviceRegistrationFile,
  type ServiceRegistrationFile,
} from './service-registration.js';
import { EX_CANTCREAT, EX_DATAERR, EX_USAGE } from './exit-codes.js';

/**
 * The city-service tool (`npm run service -- …`, DESIGN §6): what a city service's developers run
 * on their own machine. It makes the service's keys — the private halves never leave the folder it
 * writes — and the public files the vault's operator registers.
 */

const USAGE = `Usage: npm run service -- <command> [options]

Commands:
  init          Make this service's keys and the registration file for the vault's operator.
                  --id <client-id>             lowercase letters, digits, hyphens (e.g. registry-office)
                  --name-en <name> --name-it <name>
                  --purpose '<code>|<English text>|<Italian text>'   (repeat for each purpose)
                  --legal-basis <basis>        (repeat) consent, contract, legal-obligation,
                                               vital-interests, public-task, legitimate-interests
                  --dir <folder>               where to write (default ./service-keys)
                  --alg EdDSA|ES256            client-authentication algorithm (default EdDSA)
  rotate-keys   Make new keys: keys.json for the operator, service-secret.next.json for you.
                  --dir <folder>               the folder init wrote (default ./service-keys)
                  --alg EdDSA|ES256

Talking to a vault (every command takes --dir <folder> and --vault <origin>):
  token         Check that the vault issues this service a token (nothing secret is printed).
  request       File a request for a resident's documents; prints the request id.
                  --national-id <id> --category <c> (repeat) --purpose <code>
                  --legal-basis <basis> --retention-days <n> --answer-by <ISO 8601 time>
  wait          Wait until a request is answered; prints its status and grant id.
                  --request <id> [--timeout-s <n>]   (default 600; exit 75 if still pending)
  fetch         Read every document of a grant, decrypt it with this service's key, and write it
                under its own (sanitised) name; a document that does not decrypt writes nothing.
                  --grant <id> --purpose <code> --out <folder>
  deposit       Encrypt a file for a resident (with their public key) and put it in their vault;
                prints the new document's id.
                  --national-id <id> --category <c> --file <path>

Exit status: 0 done, 64 usage, 65 refused or not decryptable, 66 no input file, 69 vault
unreachable or failing, 73 cannot write, 75 still pending, 77 not authorised.

Files in the folder:
  service-secret.json       PRIVATE (mode 0600): the signing key and the X25519 secret key.
  registration.json         public: send it to the vault's operator
                            (npm run admin -- service register registration.json).
`;

export interface ServiceToolIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** What service-secret.json holds. */
export interface ServiceSecretFile {
  id: string;
  authAlgorithm: 'EdDSA' | 'ES256';
  /** Private JWK with its `kid` (the RFC 7638 thumbprint the vault registered). */
  authPrivateJwk: Record<string, string>;
  x25519PublicKey: string;
  x25519SecretKey: string;
}

export const SECRET_FILE = 'service-secret.json';
export const NEXT_SECRET_FILE = 'service-secret.next.json';
export const REGISTRATION_FILE = 'registration.json';
export const KEYS_FILE = 'keys.json';

/** Makes a signing key pair and an X25519 pair; returns the public and private halves. */
async function makeKeys(alg: 'EdDSA' | 'ES256') {
  const { publicKey, privateKey } = await generateKeyPair(alg, {
    extractable: true,
    ...(alg === 'EdDSA' ? { crv: 'Ed25519' } : {}),
  });
  const publicJwk = await exportJWK(publicKey);
  const privateJwk = await exportJWK(privateKey);
  await sodiumReady();
  const sealing = generateSealingKeyPair();
  return {
    authJwk: publicJwk as Record<string, string>,
    authPrivateJwk: privateJwk as Record<string, string>,
    x25519PublicKey: toBase64url(sealing.publicKey),
    x25519SecretKey: toBase64url(sealing.secretKey),
  };
}

/** Writes a file only if it does not exist yet; private ones readable by the owner only. */
function writeNew(file: string, value: unknown, secret: boolean): void {
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`, {
    flag: 'wx',
    mode: secret ? 0o600 : 0o644,
  });
}

/** The city-service tool. Resolves to the process exit status. */
export async function runServiceTool(argv: string[], io: ServiceToolIo): Promise<number> {
  const [command, ...rest] = argv;
  let values;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        id: { type: 'string' },
        'name-en': { type: 'string' },
        'name-it': { type: 'string' },
        purpose: { type: 'string', multiple: true },
        'legal-basis': { type: 'string', multiple: true },
        dir: { type: 'string', default: 'service-keys' },
        alg: { type: 'string', default: 'EdDSA' },
        vault: { type: 'string' },
        'national-id': { type: 'string' },
        category: { type: 'string', multiple: true },
        'retention-days': { type: 'string' },
        'answer-by': { type: 'string' },
        request: { type: 'string' },
        'timeout-s': { type: 'string' },
        grant: { type: 'string' },
        out: { type: 'string' },
        file: { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return EX_USAGE;
  }
  const alg = values.alg;
  if (alg !== 'EdDSA' && alg !== 'ES256') {
    io.err(`--alg must be EdDSA or ES256, not "${alg}".`);
    return EX_USAGE;
  }
  const dir = path.resolve(values.dir);

  if (
    command === 'token' ||
    command === 'request' ||
    command === 'wait' ||
    command === 'fetch' ||
    command === 'deposit'
  ) {
    return runServiceCommand(
      command,
      {
        dir,
        vault: values.vault,
        nationalId: values['national-id'],
        category: values.category,
        purpose: values.purpose,
        legalBasis: values['legal-basis'],
        retentionDays: values['retention-days'],
        answerBy: values['answer-by'],
        request: values.request,
        timeoutS: values['timeout-s'],
        grant: values.grant,
        out: values.out,
        file: values.file,
      },
      io,
    );
  }

  if (command === 'init') {
    const purposes = (values.purpose ?? []).map((p) => {
      const [code = '', en = '', it = ''] = p.split('|');
      return { code, text: { en, it } };
    });
    const draft: ServiceRegistrationFile = {
      id: values.id ?? '',
      name: { en: values['name-en'] ?? '', it: values['name-it'] ?? '' },
      purposes,
      legalBases: (values['legal-basis'] ?? []) as ServiceRegistrationFile['legalBases'],
      authJwk: { kty: 'OKP', crv: 'Ed25519', x: 'A'.repeat(43) }, // checked shape only; replaced
      x25519PublicKey: 'A'.repeat(43),
    };
    const checked = serviceRegistrationFile.safeParse(draft);
    if (!checked.success) {
      io.err(`The service description is not complete:\n${describeIssues(checked.error)}`);
      return EX_USAGE;
    }
    const keys = await makeKeys(alg);
    const registration = {
      ...draft,
      authJwk: keys.authJwk,
      x25519PublicKey: keys.x25519PublicKey,
    };
    try {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      writeNew(
        path.join(dir, SECRET_FILE),
        secretFile(draft.id, alg, keys, await thumbprintOf(keys.authJwk)),
        true,
      );
      writeNew(path.join(dir, REGISTRATION_FILE), registration, false);
    } catch (error) {
      io.err(`Cannot write into ${dir}: ${errorText(error)} (files are never overwritten).`);
      return EX_CANTCREAT;
    }
    io.out(`Keys for ${draft.id} are in ${dir}.`);
    io.out(`  ${SECRET_FILE}   PRIVATE: keep it on this service's machines only, with a backup.`);
    io.out(`  ${REGISTRATION_FILE}     send it to the vault's operator, who runs:`);
    io.out(`      npm run admin -- service register ${REGISTRATION_FILE}`);
    return 0;
  }

  if (command === 'rotate-keys') {
    let current: ServiceSecretFile;
    try {
      current = JSON.parse(
        fs.readFileSync(path.join(dir, SECRET_FILE), 'utf8'),
      ) as ServiceSecretFile;
    } catch (error) {
      io.err(`Cannot read ${path.join(dir, SECRET_FILE)}: ${errorText(error)}`);
      return EX_DATAERR;
    }
    const keys = await makeKeys(alg);
    try {
      writeNew(
        path.join(dir, NEXT_SECRET_FILE),
        secretFile(current.id, alg, keys, await thumbprintOf(keys.authJwk)),
        true,
      );
      writeNew(
        path.join(dir, KEYS_FILE),
        { authJwk: keys.authJwk, x25519PublicKey: keys.x25519PublicKey },
        false,
      );
    } catch (error) {
      io.err(`Cannot write into ${dir}: ${errorText(error)} (files are never overwritten).`);
      return EX_CANTCREAT;
    }
    io.out(`New keys for ${current.id} are in ${dir}.`);
    io.out(`  ${KEYS_FILE}   send it to the vault's operator, who runs:`);
    io.out(`      npm run admin -- service rotate-keys ${current.id} ${KEYS_FILE}`);
    io.out(`  Once they confirm, replace ${SECRET_FILE} with ${NEXT_SECRET_FILE}.`);
    io.out(
      '  Keep the old X25519 secret key until every document sealed to it has been read again.',
    );
    return 0;
  }

  io.err(USAGE);
  return command === undefined || command === 'help' ? 0 : EX_USAGE;
}

const thumbprintOf = (jwk: Record<string, string>): Promise<string> =>
  calculateJwkThumbprint(jwk, 'sha256');

function secretFile(
  id: string,
  alg: 'EdDSA' | 'ES256',
  keys: Awaited<ReturnType<typeof makeKeys>>,
  kid: string,
): ServiceSecretFile {
  return {
    id,
    authAlgorithm: alg,
    authPrivateJwk: { ...keys.authPrivateJwk, kid },
    x25519PublicKey: keys.x25519PublicKey,
    x25519SecretKey: keys.x25519SecretKey,
  };
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await runServiceTool(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
}
