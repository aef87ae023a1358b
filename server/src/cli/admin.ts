import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ConfigError, loadConfig } from '../config.js';
import type { z } from 'zod';
import { createLogger } from '../logger.js';
import { describeStorage, openStorage, type VaultStorage } from '../storage/index.js';
import { BACKUP_USAGE, backupCommand, restoreCommand } from './backup-commands.js';
import { MIGRATE_USAGE, migrateToPostgresCommand } from './migrate-to-postgres.js';
import {
  describeIssues,
  serviceKeysFile,
  serviceRegistrationFile,
  toCityService,
  toServiceKeys,
} from './service-registration.js';
import { EX_CONFIG, EX_DATAERR, EX_NOINPUT, EX_USAGE } from './exit-codes.js';

const USAGE = `Usage: npm run admin -- <command>

Commands:
  check-config   Validate the configuration from the environment and print what the vault would
                 run with (never secrets). Exit status 0 if it would start, 78 if it would refuse.

  service register <registration.json>
                 Register a city service from the file its developers made with
                 \`npm run service -- init\` (names, purposes, legal bases, public keys).
  service list   Every registered service: id, state, names, purposes, legal bases, key id.
  service disable <id>
                 Lock a service out at once: its access tokens stop working, it gets no new ones.
  service enable <id>
                 Let a disabled service authenticate again.
  service rotate-keys <id> <keys.json>
                 Replace a service's public keys (from \`npm run service -- rotate-keys\`); its
                 current access tokens end.

${BACKUP_USAGE}

${MIGRATE_USAGE}
`;

/** Output sinks, injected so tests read what the command printed. */
export interface AdminIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** The operator CLI (`npm run admin -- …`). Resolves to the process exit status. */
export async function runAdmin(
  argv: string[],
  env: NodeJS.ProcessEnv,
  io: AdminIo,
  now: () => Date = () => new Date(),
): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'check-config') return checkConfig(env, io);
  if (command === 'service') return serviceCommand(rest, env, io, now);
  if (command === 'backup') return backupCommand(rest, env, io);
  if (command === 'restore') return restoreCommand(rest, env, io);
  if (command === 'migrate-to-postgres') return migrateToPostgresCommand(rest, env, io);
  io.err(USAGE);
  return command === undefined || command === 'help' ? 0 : EX_USAGE;
}

function checkConfig(env: NodeJS.ProcessEnv, io: AdminIo): number {
  try {
    const config = loadConfig(env);
    io.out(`The configuration is valid: the vault would start in ${config.mode} mode.`);
    io.out(`  public origin     ${config.publicOrigin}`);
    io.out(`  listens on        ${config.host}:${config.port}`);
    const storage = describeStorage(config);
    io.out(
      `  database          ${storage.adapter === 'postgres' ? `PostgreSQL ${storage.location} (pool of ${storage.poolSize})` : `SQLite ${storage.location}`}`,
    );
    io.out(
      `  eID               ${config.eid.mode} ${config.eid.issuer} (client ${config.eid.clientId})`,
    );
    io.out(`  session cookie    ${config.cookieName}${config.cookieSecure ? ' (Secure)' : ''}`);
    io.out(`  passkeys          RP ID ${config.rpId}`);
    io.out(
      `  documents         quota ${config.quotaBytes} bytes, at most ${config.maxDocumentBytes} bytes each, uploads expire after ${config.uploadTtlMs / 60_000} idle minutes`,
    );
    for (const warning of config.warnings) io.out(`  WARNING           ${warning}`);
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(error.message);
      return EX_CONFIG;
    }
    throw error;
  }
}

async function serviceCommand(
  args: string[],
  env: NodeJS.ProcessEnv,
  io: AdminIo,
  now: () => Date,
): Promise<number> {
  const [sub, ...operands] = args;
  const arity: Record<string, number> = {
    register: 1,
    list: 0,
    disable: 1,
    enable: 1,
    'rotate-keys': 2,
  };
  if (sub === undefined || arity[sub] !== operands.length) {
    io.err(USAGE);
    return EX_USAGE;
  }
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(error.message);
    return EX_CONFIG;
  }
  // The vault may be running: SQLite in WAL mode lets this process write beside it; on PostgreSQL
  // (VAULT_DATABASE_URL) the change is in every node's next request, as they read the registry
  // from the database on each one.
  const storage = await openStorage(
    { ...config, postgres: config.postgres && { ...config.postgres, poolSize: 1 } },
    createLogger('silent'),
    'citizen-vault-admin',
  );
  try {
    switch (sub) {
      case 'register':
        return await register(storage, operands[0]!, io, now());
      case 'list':
        return await list(storage, io);
      case 'disable':
      case 'enable': {
        const id = operands[0]!;
        if (!(await storage.setCityServiceEnabled(id, sub === 'enable', now()))) {
          io.err(`No city service has the id "${id}" (see: npm run admin -- service list).`);
          return EX_DATAERR;
        }
        io.out(
          sub === 'disable'
            ? `Disabled ${id}: its access tokens no longer work and it cannot get new ones.`
            : `Enabled ${id}: it can authenticate again.`,
        );
        return 0;
      }
      default:
        return await rotateKeys(storage, operands[0]!, operands[1]!, io, now());
    }
  } finally {
    await storage.close();
  }
}

/** Reads and parses a JSON file; prints why not and returns null when it cannot. */
/**
 * Reads a JSON file the service sent, checks it against `schema` and turns it into what storage
 * takes; on any failure prints why (in an operator's words) and returns the exit status instead.
 */
async function loadServiceFile<S extends z.ZodType, T>(
  file: string,
  schema: S,
  kind: string,
  convert: (parsed: z.output<S>) => Promise<T>,
  io: AdminIo,
): Promise<{ value: T } | { status: number }> {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    io.err(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return { status: EX_NOINPUT };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    io.err(`${file} is not a valid ${kind} file:\n${describeIssues(parsed.error)}`);
    return { status: EX_DATAERR };
  }
  try {
    return { value: await convert(parsed.data) };
  } catch (error) {
    io.err(`${file}: the authentication key is not usable (${String(error)}).`);
    return { status: EX_DATAERR };
  }
}

async function register(
  storage: VaultStorage,
  file: string,
  io: AdminIo,
  now: Date,
): Promise<number> {
  const loaded = await loadServiceFile(
    file,
    serviceRegistrationFile,
    'registration',
    (parsed) => toCityService(parsed, now),
    io,
  );
  if ('status' in loaded) return loaded.status;
  const service = loaded.value;
  if ((await storage.registerCityService(service)) === 'exists') {
    io.err(
      `A city service with the id "${service.id}" is already registered; nothing changed. To give it new keys: npm run admin -- service rotate-keys ${service.id} <keys.json>.`,
    );
    return EX_DATAERR;
  }
  io.out(`Registered ${service.id} (${service.name.en} / ${service.name.it}).`);
  io.out(`  client id        ${service.id}`);
  io.out(`  signs with       ${service.authAlgorithm}, key id ${service.authKeyId}`);
  io.out(`  purposes         ${service.purposes.map((p) => p.code).join(', ')}`);
  io.out(`  legal bases      ${service.legalBases.join(', ')}`);
  return 0;
}

async function list(storage: VaultStorage, io: AdminIo): Promise<number> {
  const services = await storage.listCityServices();
  if (services.length === 0) {
    io.out('No city service is registered yet (npm run admin -- service register <file>).');
    return 0;
  }
  for (const s of services) {
    io.out(`${s.id}  ${s.enabled ? 'enabled' : 'DISABLED'}`);
    io.out(`  name             ${s.name.en} / ${s.name.it}`);
    io.out(`  purposes         ${s.purposes.map((p) => p.code).join(', ')}`);
    io.out(`  legal bases      ${s.legalBases.join(', ')}`);
    io.out(`  signs with       ${s.authAlgorithm}, key id ${s.authKeyId}`);
    io.out(`  updated          ${s.updatedAt.toISOString()}`);
  }
  return 0;
}

async function rotateKeys(
  storage: VaultStorage,
  id: string,
  file: string,
  io: AdminIo,
  now: Date,
): Promise<number> {
  const loaded = await loadServiceFile(file, serviceKeysFile, 'keys', toServiceKeys, io);
  if ('status' in loaded) return loaded.status;
  const keys = loaded.value;
  if (!(await storage.rotateCityServiceKeys(id, keys, now))) {
    io.err(`No city service has the id "${id}" (see: npm run admin -- service list).`);
    return EX_DATAERR;
  }
  io.out(`New keys for ${id}: signs with ${keys.authAlgorithm}, key id ${keys.authKeyId}.`);
  io.out('Its current access tokens have ended; it must authenticate with the new key.');
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await runAdmin(process.argv.slice(2), process.env, {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
}
