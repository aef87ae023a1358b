import { pathToFileURL } from 'node:url';
import { ConfigError, loadConfig } from '../config.js';

const USAGE = `Usage: npm run admin -- <command>

Commands:
  check-config   Validate the configuration from the environment and print what the vault would
                 run with (never secrets). Exit status 0 if it would start, 78 if it would refuse.
`;

/** Output sinks, injected so tests read what the command printed. */
export interface AdminIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** The operator CLI (`npm run admin -- …`). Returns the process exit status. */
export function runAdmin(argv: string[], env: NodeJS.ProcessEnv, io: AdminIo): number {
  const [command] = argv;
  if (command !== 'check-config') {
    io.err(USAGE);
    return command === undefined || command === 'help' ? 0 : 64; // EX_USAGE
  }
  try {
    const config = loadConfig(env);
    io.out(`The configuration is valid: the vault would start in ${config.mode} mode.`);
    io.out(`  public origin     ${config.publicOrigin}`);
    io.out(`  listens on        ${config.host}:${config.port}`);
    io.out(`  database          ${config.databaseFile}`);
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
      return 78; // EX_CONFIG
    }
    throw error;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = runAdmin(process.argv.slice(2), process.env, {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
}
