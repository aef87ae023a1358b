import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VaultAddress } from './start-vault.js';

/** The built server's entry point (`npm run build:server`). */
export const BUILT_MAIN = fileURLToPath(new URL('../../dist/server/src/main.js', import.meta.url));

/** The built vault (`node dist/server/src/main.js`) running in its own process. */
export interface VaultProcess extends VaultAddress {
  pid: number;
  dataDir: string;
  /** The last lines it wrote (stdout and stderr), to explain a failure. */
  tail(): string;
  /** Sends SIGKILL and resolves once the process is gone (no shutdown code runs). */
  kill(): Promise<void>;
  /** Sends SIGTERM (the graceful shutdown) and resolves with its exit code. */
  stop(): Promise<number | null>;
}

/** Options for {@link startVaultProcess}. */
export interface VaultProcessOptions {
  /** A data directory that survives the process: a restart on it finds the same vault. */
  dataDir: string;
  /** A fixed port (see freePort), so that a restart keeps its origin and its residents' cookies. */
  port: number;
  /** More VAULT_* settings. */
  env?: Record<string, string>;
  /** How long to wait for "listening" (default 30 s; the machine may be busy). */
  startTimeoutMs?: number;
}

const TAIL_LINES = 40;

/**
 * Starts the built vault as a separate process on `port` with `dataDir` and resolves once it has
 * logged that it listens (pino's JSON line on stdout): a condition, not a timer. A missing build is
 * a clear failure that says what to run.
 */
export async function startVaultProcess(options: VaultProcessOptions): Promise<VaultProcess> {
  if (!fs.existsSync(BUILT_MAIN)) {
    throw new Error(`${BUILT_MAIN} is missing: run \`npm run build:server\` first.`);
  }
  const child: ChildProcess = spawn(process.execPath, [BUILT_MAIN], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env['PATH'] ?? '',
      VAULT_DATA_DIR: options.dataDir,
      VAULT_PORT: String(options.port),
      VAULT_LOG_LEVEL: 'info',
      ...options.env,
    },
  });
  const lines: string[] = [];
  const keep = (text: string) => {
    lines.push(...text.split('\n').filter(Boolean));
    if (lines.length > TAIL_LINES) lines.splice(0, lines.length - TAIL_LINES);
  };
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  child.stderr!.on('data', (chunk: Buffer) => keep(chunk.toString('utf8')));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the vault did not listen within the time allowed:\n${lines.join('\n')}`));
    }, options.startTimeoutMs ?? 30_000);
    let recent = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      keep(text);
      // A line may arrive in two pieces: look at the end of the previous piece too.
      recent = (recent + text).slice(-4096);
      if (recent.includes('Citizen Vault is listening')) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(
        new Error(`the vault exited (${code ?? signal}) before listening:\n${lines.join('\n')}`),
      );
    });
  });
  const origin = `http://localhost:${options.port}`;
  return {
    origin,
    config: { port: options.port, databaseFile: path.join(options.dataDir, 'vault.sqlite') },
    pid: child.pid!,
    dataDir: options.dataDir,
    tail: () => lines.join('\n'),
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      return (await exited).code;
    },
  };
}
