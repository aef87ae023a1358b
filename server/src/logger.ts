import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * Paths pino replaces with "[redacted]": credentials, cookies, tokens and codes must never reach a
 * log line, whoever logs the object.
 */
const SECRET_FIELDS = [
  'password',
  'secret',
  'clientSecret',
  'sessionSecret',
  'token',
  'access_token',
  'id_token',
  'refresh_token',
  'code_verifier',
  'codeVerifier',
  'nonce',
  'state',
  'query',
  'prf',
  // A PostgreSQL URL may carry its password (issue 7): log redactDatabaseUrl() of it instead.
  'connectionString',
  'databaseUrl',
];

export const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  // pino's wildcard matches one level: name the field at the top and one level down.
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((f) => `*.${f}`),
];

/** Creates the vault's logger. Tests pass a destination to read what was logged. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { service: 'citizen-vault' },
    },
    destination,
  );
}
