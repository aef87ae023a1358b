import { calculateJwkThumbprint, importJWK, type JWK } from 'jose';
import { z } from 'zod';
import {
  LEGAL_BASES,
  type CityServiceRecord,
  type ServiceAuthAlgorithm,
  type ServiceKeys,
} from '../storage/index.js';

/**
 * The files an operator receives from a city service (DESIGN §6): `registration.json` to register
 * it, `keys.json` to rotate its keys. `npm run service -- init` writes both; `npm run admin --
 * service register|rotate-keys` reads them. Only public keys travel in them.
 */

// No control characters (CR/LF included) in anything a resident will read.
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !/[\p{Cc}]/u.test(s), 'must not contain control characters');

const localized = (max: number) => z.strictObject({ en: text(max), it: text(max) });

const publicJwk = z.union([
  z.strictObject({
    kty: z.literal('OKP'),
    crv: z.literal('Ed25519'),
    x: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
    kid: z.string().optional(),
    alg: z.literal('EdDSA').optional(),
    use: z.literal('sig').optional(),
  }),
  z.strictObject({
    kty: z.literal('EC'),
    crv: z.literal('P-256'),
    x: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
    y: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
    kid: z.string().optional(),
    alg: z.literal('ES256').optional(),
    use: z.literal('sig').optional(),
  }),
]);

const x25519Key = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, 'must be 32 bytes in base64url')
  .transform((s) => new Uint8Array(Buffer.from(s, 'base64url')));

export const serviceKeysFile = z.strictObject({
  /** The public JWK the service signs its client assertions with (no private member). */
  authJwk: publicJwk,
  /** Base64url of the service's 32-byte X25519 public key: document keys are sealed to it. */
  x25519PublicKey: x25519Key,
});

export const serviceRegistrationFile = serviceKeysFile.extend({
  id: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9-]{2,63}$/,
      'lowercase letters, digits and hyphens, 3–64 characters, not starting with a hyphen',
    ),
  name: localized(120),
  purposes: z
    .array(
      z.strictObject({
        code: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/),
        text: localized(300),
      }),
    )
    .min(1)
    .max(50)
    .refine((ps) => new Set(ps.map((p) => p.code)).size === ps.length, 'purpose codes repeat'),
  legalBases: z
    .array(z.enum(LEGAL_BASES))
    .min(1)
    .refine((bs) => new Set(bs).size === bs.length, 'legal bases repeat'),
});

export type ServiceRegistrationFile = z.input<typeof serviceRegistrationFile>;

/** Explains the first problems of a file that does not parse, in an operator's words. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `  ${i.path.join('.') || '(file)'}: ${i.message}`)
    .join('\n');
}

/** Algorithm, key id (RFC 7638 thumbprint) and checked key material from a keys file. */
export async function toServiceKeys(file: z.output<typeof serviceKeysFile>): Promise<ServiceKeys> {
  const { kid: _kid, alg: _alg, use: _use, ...material } = file.authJwk;
  const authAlgorithm: ServiceAuthAlgorithm = material.kty === 'OKP' ? 'EdDSA' : 'ES256';
  // Importing proves the key is a valid point (jose refuses a malformed one).
  await importJWK(material as JWK, authAlgorithm);
  return {
    authJwk: material as Record<string, string>,
    authAlgorithm,
    authKeyId: await calculateJwkThumbprint(material as JWK, 'sha256'),
    x25519PublicKey: file.x25519PublicKey,
  };
}

/** The record to store for a parsed registration file (enabled, dated `now`). */
export async function toCityService(
  file: z.output<typeof serviceRegistrationFile>,
  now: Date,
): Promise<CityServiceRecord> {
  return {
    id: file.id,
    name: file.name,
    purposes: file.purposes,
    legalBases: file.legalBases,
    ...(await toServiceKeys(file)),
    enabled: true,
    createdAt: now,
    updatedAt: now,
  };
}
