import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { Logger } from 'pino';
import { MAX_SUBSCRIBERS, type ResidentEvent, type ResidentNotifier } from './index.js';

/**
 * The channel every node of one vault listens on. PostgreSQL scopes channels to a database, so two
 * vaults on one server never hear each other.
 */
export const NOTIFY_CHANNEL = 'citizen_vault_resident_events';

/**
 * PostgreSQL refuses a NOTIFY payload of 8000 bytes or more. Events are a few hundred bytes (ids,
 * a service's names); a larger one reaches this node's pages only (see {@link PgNotifier.publish}).
 */
export const MAX_NOTIFY_BYTES = 7999;

/** What travels on the channel: the sending node, the resident, the event. */
interface Notice {
  n: string;
  r: string;
  e: ResidentEvent;
}

export interface PgNotifierOptions {
  /** The vault's database: the listening connection is this node's own, outside the pool. */
  connectionString: string;
  /** Runs publish's `pg_notify` (the storage's pool: publishing takes no connection of its own). */
  pool: Pick<pg.Pool, 'query'>;
  logger: Logger;
  /** Pause before the first reconnection attempt, doubled after each failure up to `maxMs`. */
  reconnect?: { minMs: number; maxMs: number };
}

/**
 * Live notices across vault nodes (issue 7, DESIGN §8) through PostgreSQL LISTEN/NOTIFY, behind
 * the same {@link ResidentNotifier} as the in-process one. `publish` delivers to this node's
 * subscribers at once and sends the event to the others with `pg_notify`; one connection per node
 * listens and hands what the other nodes sent to its subscribers. Created by
 * {@link createPgNotifier}, which resolves once the node listens.
 *
 * Delivery is at most once, like the in-process notifier's: an event is a hint that makes an open
 * page fetch again, never the data itself. While a node's listening connection is down (the
 * database restarted, a failover) its pages miss what other nodes publish; the node reconnects
 * with a growing pause (100 ms to 5 s), listens again and says so in the log.
 */
export class PgNotifier implements ResidentNotifier {
  readonly #options: PgNotifierOptions;
  readonly #reconnect: { minMs: number; maxMs: number };
  readonly #emitter = new EventEmitter();
  /** Tells this node's own notices apart when they come back on the channel. */
  readonly #nodeId = randomBytes(8).toString('hex');
  #subscribers = 0;
  #client: pg.Client | null = null;
  #pid: number | null = null;
  #connecting: Promise<void> | null = null;
  #timer: NodeJS.Timeout | undefined;
  #delayMs: number;
  #closed = false;

  constructor(options: PgNotifierOptions) {
    this.#options = options;
    this.#reconnect = options.reconnect ?? { minMs: 100, maxMs: 5_000 };
    this.#delayMs = this.#reconnect.minMs;
    this.#emitter.setMaxListeners(MAX_SUBSCRIBERS);
  }

  /** Whether the listening connection is up now. */
  get listening(): boolean {
    return this.#client !== null;
  }

  /** The server process id of the listening connection while it is up (pg_stat_activity, tests). */
  get listenerPid(): number | null {
    return this.#pid;
  }

  /** Connects and listens; rejects if the database cannot be reached now. */
  async start(): Promise<void> {
    await this.#connect();
  }

  /**
   * Delivers `event` to this node's subscribers, then sends it to the other nodes. Never throws and
   * never waits: a failed `pg_notify` is logged (the change it tells of has committed regardless).
   * An event whose notice would be {@link MAX_NOTIFY_BYTES} or more is not sent (PostgreSQL would
   * refuse it): it reaches this node's pages only, and a warning names its type and size.
   */
  publish(residentId: string, event: ResidentEvent): void {
    this.#dispatch(residentId, event);
    if (this.#closed) return;
    const { logger, pool } = this.#options;
    const notice: Notice = { n: this.#nodeId, r: residentId, e: event };
    const payload = JSON.stringify(notice);
    const bytes = Buffer.byteLength(payload, 'utf8');
    if (bytes > MAX_NOTIFY_BYTES) {
      logger.warn(
        { type: event.type, bytes, limit: MAX_NOTIFY_BYTES },
        'live event too large for NOTIFY: delivered on this node only',
      );
      return;
    }
    pool.query('SELECT pg_notify($1, $2)', [NOTIFY_CHANNEL, payload]).catch((error: unknown) => {
      logger.warn({ err: error, type: event.type }, 'live event not sent to the other nodes');
    });
  }

  subscribe(residentId: string, listener: (event: ResidentEvent) => void): () => void {
    this.#emitter.on(residentId, listener);
    this.#subscribers += 1;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.#subscribers -= 1;
      this.#emitter.off(residentId, listener);
    };
  }

  subscriberCount(): number {
    return this.#subscribers;
  }

  /** Stops listening for good; later `publish` calls reach this node's subscribers only. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    await this.#connecting?.catch(() => undefined);
    const client = this.#client;
    this.#client = null;
    this.#pid = null;
    await client?.end().catch(() => undefined);
  }

  /** A subscriber that throws must not break the publisher nor the listening connection. */
  #dispatch(residentId: string, event: ResidentEvent): void {
    try {
      this.#emitter.emit(residentId, event);
    } catch (error) {
      this.#options.logger.error({ err: error, type: event.type }, 'live event subscriber failed');
    }
  }

  #receive(message: pg.Notification): void {
    if (message.channel !== NOTIFY_CHANNEL || message.payload === undefined) return;
    let notice: Partial<Notice>;
    try {
      notice = JSON.parse(message.payload) as Partial<Notice>;
    } catch {
      this.#options.logger.warn('a live event on the channel is not JSON: ignored');
      return;
    }
    if (notice.n === this.#nodeId) return; // delivered locally when it was published
    if (typeof notice.r !== 'string' || typeof notice.e?.type !== 'string') return;
    this.#dispatch(notice.r, notice.e);
  }

  #connect(): Promise<void> {
    this.#connecting ??= this.#open().finally(() => {
      this.#connecting = null;
    });
    return this.#connecting;
  }

  async #open(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.#options.connectionString,
      application_name: 'citizen-vault-notifier',
      // A connection cut without a FIN (a failed-over primary) is noticed by TCP keepalive.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    client.on('notification', (message) => this.#receive(message));
    client.on('error', (error) => {
      if (client === this.#client) {
        this.#options.logger.warn({ err: error }, 'live events: listening connection failed');
      }
      this.#lost(client);
    });
    client.on('end', () => this.#lost(client));
    try {
      await client.connect();
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
      if (this.#closed) throw new Error('notifier closed');
      this.#client = client;
      this.#pid = rows[0]!.pid;
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
  }

  /** The listening connection is gone: reconnect unless closing. */
  #lost(client: pg.Client): void {
    if (client !== this.#client) return;
    this.#client = null;
    this.#pid = null;
    client.end().catch(() => undefined);
    if (this.#closed) return;
    this.#options.logger.warn(
      'live events: the listening connection dropped; pages on this node miss other nodes’ ' +
        'events until it is back',
    );
    this.#schedule();
  }

  #schedule(): void {
    if (this.#closed) return;
    const delay = this.#delayMs;
    this.#timer = setTimeout(() => {
      this.#connect().then(
        () => {
          this.#delayMs = this.#reconnect.minMs;
          this.#options.logger.info('live events: listening again');
        },
        (error: unknown) => {
          if (this.#closed) return;
          this.#delayMs = Math.min(this.#delayMs * 2, this.#reconnect.maxMs);
          this.#options.logger.warn(
            { err: error, retryInMs: this.#delayMs },
            'live events: reconnection failed',
          );
          this.#schedule();
        },
      );
    }, delay);
    this.#timer.unref();
  }
}

/** A {@link PgNotifier} that listens already. */
export async function createPgNotifier(options: PgNotifierOptions): Promise<PgNotifier> {
  const notifier = new PgNotifier(options);
  await notifier.start();
  return notifier;
}
