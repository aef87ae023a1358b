import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A vault in its own process (bench/vault-process.mjs), so the load generator is not in its loop. */
export interface VaultChild {
  origin: string;
  pid: number;
  /** Resident set size of the vault process now, in bytes (from /proc). */
  rss(): number;
  /** CPU time the vault process has used so far (user + system, all threads), in ms. */
  cpuMs(): number;
  /** The SQLite adapter's group-commit and background-checkpoint counters so far. */
  storageStats(): Promise<StorageStats>;
  close(): Promise<void>;
}

export interface StorageStats {
  writes: { batches: number; writes: number; largestBatch: number; busyMs: number } | null;
  checkpoints: { checkpoints: number; framesCopied: number; error: string | null } | null;
}

/** Linux's USER_HZ, the unit of /proc/<pid>/stat times (100 on every mainstream build). */
const CLOCK_TICKS = 100;

/** Starts a vault child with extra VAULT_* settings; resolves when it listens. */
export async function startVaultChild(env: Record<string, string> = {}): Promise<VaultChild> {
  const script = fileURLToPath(new URL('../../../bench/vault-process.mjs', import.meta.url));
  const child: ChildProcess = fork(script, {
    // e.g. BENCH_VAULT_NODE_ARGS=--cpu-prof to profile the vault under load.
    execArgv: (process.env['BENCH_VAULT_NODE_ARGS'] ?? '').split(' ').filter(Boolean),
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    env: { ...process.env, ...env },
  });
  const origin = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const line = buffered.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { origin: string }).origin);
    });
    child.once('exit', (code) => reject(new Error(`vault exited with ${code}`)));
  });
  const pid = child.pid!;
  return {
    origin,
    pid,
    rss: () => {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
    },
    cpuMs: () => {
      // /proc/<pid>/stat fields 14 and 15 (utime, stime) in clock ticks; the name may hold spaces.
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
    },
    storageStats: () =>
      new Promise<StorageStats>((resolve) => {
        child.once('message', (m) => resolve(m as StorageStats));
        child.send('stats');
      }),
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
