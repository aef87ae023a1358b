/**
 * Seeding for the benchmarks that need many residents at once (bench/service-reads.ts,
 * bench/mixed-load.ts): residents, their documents (really encrypted with crypto/) and grants (the
 * document keys really sealed to the service), written through a connection of our own to the
 * vault's SQLite file — signing a hundred residents in through the eID would only time the eID.
 * Also a city service with a key pair, and its access tokens through the vault's token endpoint.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT } from 'jose';
import {
  createDocumentEncryptor,
  encryptMetadata,
  generateDocumentKey,
  generateSealingKeyPair,
  sealDocumentKey,
  type DocumentKey,
  type SealingKeyPair,
} from '../../crypto/src/index.js';
import {
  CLIENT_ASSERTION_TYPE,
  type DocumentCategory,
  type ServiceTokenResponse,
} from '../../server/src/contracts/index.js';
import type {
  CityServiceRecord,
  GrantKeyRecord,
  VaultStorage,
} from '../../server/src/storage/index.js';

export interface BenchService {
  id: string;
  purpose: string;
  /** The X25519 key pair document keys are sealed to. */
  sealing: SealingKeyPair;
  /** What BENCH_CITY_SERVICES takes (bench/vault-process.mjs): the public parts, key base64url. */
  registration: Omit<
    CityServiceRecord,
    'x25519PublicKey' | 'enabled' | 'createdAt' | 'updatedAt'
  > & {
    x25519PublicKey: string;
  };
  /** The registry record, to register it through a connection of our own. */
  record(now: Date): CityServiceRecord;
  /** A fresh access token from the vault at `origin` (client_credentials, a signed assertion). */
  token(origin: string): Promise<string>;
}

/** A city service with an Ed25519 client key and one purpose, under the legal basis public-task. */
export async function createBenchService(id: string, purpose = 'bench'): Promise<BenchService> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const authJwk = (await exportJWK(publicKey)) as Record<string, string>;
  const kid = await calculateJwkThumbprint(authJwk);
  const sealing = generateSealingKeyPair();
  const common = {
    id,
    name: { en: 'Bench service', it: 'Servizio di benchmark' },
    purposes: [{ code: purpose, text: { en: 'Benchmark', it: 'Benchmark' } }],
    legalBases: ['public-task' as const],
    authJwk,
    authAlgorithm: 'EdDSA' as const,
    authKeyId: kid,
  };
  return {
    id,
    purpose,
    sealing,
    registration: {
      ...common,
      x25519PublicKey: Buffer.from(sealing.publicKey).toString('base64url'),
    },
    record: (now) => ({
      ...common,
      x25519PublicKey: sealing.publicKey,
      enabled: true,
      createdAt: now,
      updatedAt: now,
    }),
    token: async (origin) => {
      const assertion = await new SignJWT({ jti: randomUUID() })
        .setProtectedHeader({ alg: 'EdDSA', kid })
        .setIssuer(id)
        .setSubject(id)
        .setAudience(origin)
        .setIssuedAt()
        .setExpirationTime('4m')
        .sign(privateKey);
      const res = await fetch(`${origin}/api/v1/service/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_assertion_type: CLIENT_ASSERTION_TYPE,
          client_assertion: assertion,
        }).toString(),
      });
      if (res.status !== 200) throw new Error(`token answered ${res.status}`);
      return ((await res.json()) as ServiceTokenResponse).access_token;
    },
  };
}

export interface SeededResident {
  id: string;
  nationalId: string;
  keys: SealingKeyPair;
}

/** An enrolled resident (eID identity, X25519 key pair, recovery and passphrase slots). */
export async function seedResident(
  storage: VaultStorage,
  index: number,
  now: Date,
): Promise<SeededResident> {
  const nationalId = `TINIT-BENCH${index}`;
  const resident = await storage.upsertResidentFromEid(
    {
      issuer: 'https://eid.bench',
      subject: `bench-${index}`,
      nationalId,
      displayName: `Bench ${index}`,
      birthdate: null,
      acr: null,
    },
    now,
  );
  const keys = generateSealingKeyPair();
  const enrolled = await storage.enrol(
    {
      residentId: resident.id,
      x25519PublicKey: keys.publicKey,
      ed25519PublicKey: new Uint8Array(randomBytes(32)),
      secretKeysEnvelope: new Uint8Array(randomBytes(130)),
      createdAt: now,
    },
    (['recovery', 'passphrase'] as const).map((kind) => ({
      id: randomUUID(),
      residentId: resident.id,
      kind,
      credentialId: null,
      envelope: new Uint8Array(randomBytes(150)),
      createdAt: now,
    })),
  );
  if (enrolled !== 'enrolled') throw new Error(`enrol: ${enrolled}`);
  return { id: resident.id, nationalId, keys };
}

export interface SeededDocument {
  documentId: string;
  dk: DocumentKey;
  /** The stored ciphertext's length: what a download of the content streams. */
  ciphertextBytes: number;
}

/** Encrypts `bytes` random bytes as version 1 of a new document of the resident's and stores it. */
export async function seedDocument(
  storage: VaultStorage,
  resident: SeededResident,
  options: { category: DocumentCategory; bytes: number; name: string; now: Date },
): Promise<SeededDocument> {
  const documentId = randomUUID();
  const ctx = { documentId, version: 1, ownerId: resident.id };
  const dk = generateDocumentKey();
  const encryptor = createDocumentEncryptor(dk, ctx, options.bytes);
  const chunks = [...encryptor.push(randomBytes(options.bytes)), ...encryptor.finish()];
  const stored = await storage.putVersion({
    residentId: resident.id,
    documentId,
    version: 1,
    category: options.category,
    chunks,
    header: encryptor.header,
    wrappedKey: sealDocumentKey(dk, resident.keys.publicKey),
    metadata: encryptMetadata(dk, ctx, {
      name: options.name,
      type: 'application/pdf',
      size: options.bytes,
    }),
    now: options.now,
    limits: { quotaBytes: 2 ** 40, maxDocumentBytes: 2 ** 40 },
  });
  if (!stored.ok) throw new Error(`putVersion: ${stored.reason}`);
  return { documentId, dk, ciphertextBytes: chunks.reduce((sum, c) => sum + c.length, 0) };
}

/**
 * An approved request of the service's for the resident's documents of `category`, and the grant
 * that answered it, with each document's key sealed to the service. Valid for a day.
 */
export async function seedGrant(
  storage: VaultStorage,
  service: BenchService,
  resident: SeededResident,
  documents: SeededDocument[],
  options: { category: DocumentCategory; now: Date },
): Promise<{ grantId: string; requestId: string }> {
  const { now, category } = options;
  const sealed: GrantKeyRecord[] = documents.map((d) => ({
    documentId: d.documentId,
    version: 1,
    wrappedKey: sealDocumentKey(d.dk, service.sealing.publicKey),
  }));
  const request = await storage.createServiceRequest({
    id: randomUUID(),
    serviceId: service.id,
    residentId: resident.id,
    categories: [category],
    purposeCode: service.purpose,
    legalBasis: 'public-task',
    retentionDays: 30,
    answerBy: new Date(now.getTime() + 7 * 86_400_000),
    status: 'pending',
    createdAt: now,
    answeredAt: null,
  });
  const grantId = randomUUID();
  const granted = await storage.createGrant(
    {
      id: grantId,
      requestId: request.id,
      serviceId: service.id,
      residentId: resident.id,
      purposeCode: service.purpose,
      legalBasis: 'public-task',
      categories: [category],
      standing: false,
      expiresAt: new Date(now.getTime() + 86_400_000),
      createdAt: now,
      receipt: 'eyJhbGciOiJFZERTQSJ9.bench.c2ln',
      countersignature: 'eyJhbGciOiJFZERTQSJ9.bench.c2ln',
      endedAt: null,
      endReason: null,
    },
    sealed,
    now,
  );
  if (!granted.ok) throw new Error(`createGrant: ${granted.reason}`);
  return { grantId, requestId: request.id };
}
