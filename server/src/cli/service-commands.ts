import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  fromBase64url,
  sodiumReady,
  type X25519PublicKey,
  type X25519SecretKey,
} from '../../../crypto/src/index.js';
import {
  createServiceRequestBody,
  DOCUMENT_CATEGORIES,
  type DocumentCategory,
} from '../contracts/index.js';
import { ServiceClient, ServiceApiError } from './service-client.js';
import { sealDeposit, TamperedDocumentError, writeGrantedDocument } from './service-documents.js';
import type { ServiceSecretFile, ServiceToolIo } from './service-tool.js';

/**
 * The city-service tool's commands that talk to a vault (issue 5): token, request, wait, fetch,
 * deposit. Each resolves to an exit status (sysexits.h, as the rest of the tool).
 */

export const EXIT = {
  ok: 0,
  usage: 64,
  dataErr: 65,
  noInput: 66,
  unavailable: 69,
  cantCreate: 73,
  tempFail: 75,
  noPerm: 77,
} as const;

/** What the commands read from the command line (already parsed). */
export interface ServiceCommandArgs {
  dir: string;
  vault?: string | undefined;
  nationalId?: string | undefined;
  category?: string[] | undefined;
  purpose?: string[] | undefined;
  legalBasis?: string[] | undefined;
  retentionDays?: string | undefined;
  answerBy?: string | undefined;
  request?: string | undefined;
  timeoutS?: string | undefined;
  grant?: string | undefined;
  out?: string | undefined;
  file?: string | undefined;
}

/** Thrown for a bad or missing option: the tool prints it and exits 64. */
class UsageError extends Error {}

const required = (value: string | undefined, option: string): string => {
  if (value === undefined || value === '') throw new UsageError(`${option} is required.`);
  return value;
};
const single = (values: string[] | undefined, option: string): string => {
  if (values === undefined || values.length !== 1) {
    throw new UsageError(`Give ${option} exactly once.`);
  }
  return values[0]!;
};

function readSecret(dir: string): ServiceSecretFile {
  const file = path.join(dir, 'service-secret.json');
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as ServiceSecretFile;
  } catch (error) {
    throw new UsageError(
      `Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

const client = (args: ServiceCommandArgs, secret: ServiceSecretFile) =>
  new ServiceClient({ vault: required(args.vault, '--vault'), secret });

const MIME_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.txt': 'text/plain',
  '.json': 'application/json',
  '.xml': 'application/xml',
};

/** Runs one vault command; resolves to its exit status. */
export async function runServiceCommand(
  command: 'token' | 'request' | 'wait' | 'fetch' | 'deposit',
  args: ServiceCommandArgs,
  io: ServiceToolIo,
): Promise<number> {
  try {
    const secret = readSecret(args.dir);
    switch (command) {
      case 'token':
        // Proves the keys and the registration work; the token itself is never printed.
        await client(args, secret).token();
        io.out(`The vault issued a token to ${secret.id}.`);
        return EXIT.ok;
      case 'request':
        return await request(args, secret, io);
      case 'wait':
        return await wait(args, secret, io);
      case 'fetch':
        return await fetchGrant(args, secret, io);
      case 'deposit':
        return await deposit(args, secret, io);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(error.message);
      return EXIT.usage;
    }
    if (error instanceof ServiceApiError) {
      io.err(`The vault refused: ${error.status} ${error.code ?? ''} ${error.message}`.trim());
      if (error.status === 401 || error.status === 403) return EXIT.noPerm;
      if (error.status >= 500) return EXIT.unavailable;
      return EXIT.dataErr;
    }
    if (error instanceof TamperedDocumentError) {
      io.err(`${error.message}: nothing was written for it.`);
      return EXIT.dataErr;
    }
    if (error instanceof TypeError && /fetch failed/.test(error.message)) {
      io.err(`Cannot reach the vault at ${args.vault}.`);
      return EXIT.unavailable;
    }
    throw error;
  }
}

async function request(args: ServiceCommandArgs, secret: ServiceSecretFile, io: ServiceToolIo) {
  const body = createServiceRequestBody.safeParse({
    nationalId: required(args.nationalId, '--national-id'),
    categories: args.category ?? [],
    purpose: single(args.purpose, '--purpose'),
    legalBasis: single(args.legalBasis, '--legal-basis'),
    retentionDays: Number(required(args.retentionDays, '--retention-days')),
    answerBy: required(args.answerBy, '--answer-by'),
  });
  if (!body.success) {
    throw new UsageError(
      `The request is not valid: ${body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const filed = await client(args, secret).createRequest(body.data);
  io.out(filed.id);
  return EXIT.ok;
}

async function wait(args: ServiceCommandArgs, secret: ServiceSecretFile, io: ServiceToolIo) {
  const id = required(args.request, '--request');
  const timeoutS = Number(args.timeoutS ?? '600');
  if (!Number.isFinite(timeoutS) || timeoutS < 0) {
    throw new UsageError('--timeout-s is a number of seconds.');
  }
  const answered = await client(args, secret).waitForAnswer(id, { timeoutMs: timeoutS * 1000 });
  if (answered === null) {
    io.err(`Request ${id} is still pending after ${timeoutS} s.`);
    return EXIT.tempFail;
  }
  io.out(`${answered.status}${answered.grantId ? ` ${answered.grantId}` : ''}`);
  return answered.status === 'approved' ? EXIT.ok : EXIT.dataErr;
}

function sealingKeys(secret: ServiceSecretFile) {
  return {
    publicKey: fromBase64url(secret.x25519PublicKey) as X25519PublicKey,
    secretKey: fromBase64url(secret.x25519SecretKey) as X25519SecretKey,
  };
}

async function fetchGrant(args: ServiceCommandArgs, secret: ServiceSecretFile, io: ServiceToolIo) {
  const grantId = required(args.grant, '--grant');
  const purpose = single(args.purpose, '--purpose');
  const out = path.resolve(required(args.out, '--out'));
  try {
    fs.mkdirSync(out, { recursive: true, mode: 0o700 });
  } catch (error) {
    io.err(`Cannot create ${out}: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.cantCreate;
  }
  await sodiumReady();
  const vault = client(args, secret);
  const grant = await vault.getGrant(grantId);
  const keys = sealingKeys(secret);
  let failed = 0;
  for (const document of grant.documents) {
    const read = await vault.readGrantedDocument(grantId, document.id, purpose);
    try {
      const { file, metadata } = await writeGrantedDocument(
        read.prelude,
        read.ciphertext,
        keys,
        out,
      );
      io.out(`${document.id} ${metadata.size} bytes -> ${file}`);
    } catch (error) {
      if (!(error instanceof TamperedDocumentError)) throw error;
      io.err(`${error.message}: nothing was written for it.`);
      failed += 1;
    }
  }
  if (grant.documents.length === 0) io.out(`Grant ${grantId} has no document to read.`);
  return failed === 0 ? EXIT.ok : EXIT.dataErr;
}

async function deposit(args: ServiceCommandArgs, secret: ServiceSecretFile, io: ServiceToolIo) {
  const nationalId = required(args.nationalId, '--national-id');
  const category = single(args.category, '--category');
  if (!(DOCUMENT_CATEGORIES as readonly string[]).includes(category)) {
    throw new UsageError(`--category must be one of ${DOCUMENT_CATEGORIES.join(', ')}.`);
  }
  const file = required(args.file, '--file');
  let content: Buffer;
  try {
    content = fs.readFileSync(file);
  } catch (error) {
    io.err(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.noInput;
  }
  await sodiumReady();
  const vault = client(args, secret);
  const resident = await vault.prepareDeposit(nationalId);
  const documentId = randomUUID();
  const body = sealDeposit({
    documentId,
    ownerId: resident.ownerId,
    residentKey: fromBase64url(resident.x25519PublicKey) as X25519PublicKey,
    nationalId,
    category: category as DocumentCategory,
    name: path.basename(file),
    type: MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    content,
    issuer: { service: secret.id },
  });
  await vault.deposit(documentId, body);
  io.out(documentId);
  return EXIT.ok;
}
