import { useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { CONSENTS_KEY, consentsQuery, REQUESTS_KEY, requestsQuery } from './consent-queries';
import type { PurposeView, ResidentEvent, ServiceSummaryView } from './consent-types';
import { meQuery, useMe } from './me-query';
import { sealForStandingConsents } from './standing-consents';
import type { DocumentSummary } from './vault/protocol';
import { listDocuments, onVaultLock, useVaultUnlocked } from './vault/vault-client';
import { UNLOCKED_KEY, vaultStateQuery } from './vault/vault-queries';

/**
 * The live side of consent (DESIGN §6: "the resident sees it in an inbox, live"; every read by a
 * service shows at once): one `EventSource('/api/events')` while the resident is signed in and
 * the vault unlocked. Events invalidate the queries they concern; reads, deposits and new
 * requests also become a short polite notice. A dropped stream is reopened with backoff; signing
 * out or locking closes it and forgets the notices (they may name decrypted documents).
 */

/** The named events of the stream. */
export const RESIDENT_EVENT_TYPES = [
  'request.created',
  'request.updated',
  'consent.updated',
  'document.read',
  'document.deposited',
] as const satisfies readonly ResidentEvent['type'][];

/** A notice shown (and announced politely) until dismissed. */
export type LiveNotice = { id: number } & (
  | {
      kind: 'read';
      service: ServiceSummaryView;
      at: string;
      documentName: string | null;
      purpose: PurposeView | null;
    }
  | { kind: 'deposited'; service: ServiceSummaryView; documentName: string | null }
  | { kind: 'request'; service: ServiceSummaryView }
  | { kind: 'standing'; service: ServiceSummaryView; count: number }
  | { kind: 'standing-failed' }
);

/** Distributes `Omit` over the notice union. */
type NoticeInput = LiveNotice extends infer N
  ? N extends LiveNotice
    ? Omit<N, 'id'>
    : never
  : never;

/** The most notices kept on screen; older ones go first. */
const MAX_NOTICES = 5;
/** First reconnection delay, and the longest. */
const RECONNECT_BASE_MS = 1000;
const RECONNECT_MAX_MS = 30_000;

/** The documents with decrypted names: the documents page's cache entry (same key, same call). */
const documentNamesQuery = {
  queryKey: [UNLOCKED_KEY, 'documents'] as const,
  queryFn: listDocuments,
  staleTime: 30_000,
};

/** How long to wait before reopening the stream after `attempt` failures in a row (jittered). */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** The query keys an event makes stale. */
export function queriesToInvalidate(event: ResidentEvent): QueryKey[] {
  switch (event.type) {
    case 'request.created':
    case 'request.updated':
      return [[REQUESTS_KEY]];
    case 'consent.updated':
      return [[CONSENTS_KEY], [REQUESTS_KEY]];
    case 'document.read':
      return [['access-log'], [CONSENTS_KEY]];
    case 'document.deposited':
      return [[UNLOCKED_KEY, 'documents'], vaultStateQuery.queryKey, ['access-log']];
  }
}

/** Reads one server-sent event into a {@link ResidentEvent}; null for anything else. */
export function parseResidentEvent(type: string, data: string): ResidentEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  const name = type === 'message' ? record['type'] : type;
  if (!(RESIDENT_EVENT_TYPES as readonly unknown[]).includes(name)) return null;
  return { ...record, type: name } as ResidentEvent;
}

// Standing consents are served once per unlock (DESIGN §6); a lock makes the next unlock try again.
let standingSynced = false;
let standingHookInstalled = false;

async function documentName(queryClient: QueryClient, id: string): Promise<string | null> {
  try {
    const documents = await queryClient.fetchQuery(documentNamesQuery);
    return documents.find((d: DocumentSummary) => d.id === id)?.details?.name ?? null;
  } catch {
    return null;
  }
}

async function noticeFor(
  queryClient: QueryClient,
  event: ResidentEvent,
): Promise<NoticeInput | null> {
  switch (event.type) {
    case 'request.created': {
      const { requests } = await queryClient.fetchQuery(requestsQuery);
      const request = requests.find((r) => r.id === event.requestId);
      return request ? { kind: 'request', service: request.service } : null;
    }
    case 'document.read': {
      const [name, consents] = await Promise.all([
        documentName(queryClient, event.documentId),
        queryClient.fetchQuery(consentsQuery).catch(() => null),
      ]);
      const consent = consents?.consents.find((c) => c.id === event.consentId);
      return {
        kind: 'read',
        service: event.service,
        at: event.at,
        documentName: name,
        purpose: consent?.purpose ?? null,
      };
    }
    case 'document.deposited':
      return {
        kind: 'deposited',
        service: event.service,
        documentName: await documentName(queryClient, event.documentId),
      };
    default:
      return null;
  }
}

/**
 * Opens the resident's event stream while signed in and unlocked; returns the notices to show
 * and a way to dismiss one. Mounted once, by the page shell.
 */
export function useResidentEvents(): { notices: LiveNotice[]; dismiss: (id: number) => void } {
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const unlocked = useVaultUnlocked();
  const residentId = me?.id;
  const [notices, setNotices] = useState<LiveNotice[]>([]);

  useEffect(() => {
    if (!residentId || !unlocked) return;
    if (!standingHookInstalled) {
      standingHookInstalled = true;
      onVaultLock(() => {
        standingSynced = false;
      });
    }
    let nextId = Date.now();
    let closed = false;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let missedSome = false;
    const controller = new AbortController();

    const push = (notice: NoticeInput | null) => {
      if (!notice || closed) return;
      nextId += 1;
      const withId = { ...notice, id: nextId } as LiveNotice;
      setNotices((old) => [...old, withId].slice(-MAX_NOTICES));
    };

    const handle = (event: ResidentEvent) => {
      for (const queryKey of queriesToInvalidate(event)) {
        void queryClient.invalidateQueries({ queryKey });
      }
      noticeFor(queryClient, event).then(push, () => undefined);
    };

    const connect = () => {
      if (closed) return;
      const current = new EventSource('/api/events');
      source = current;
      current.addEventListener('open', () => {
        failures = 0;
        if (missedSome) {
          // Events sent while the stream was down are lost: read the lists again.
          missedSome = false;
          void queryClient.invalidateQueries({ queryKey: [REQUESTS_KEY] });
          void queryClient.invalidateQueries({ queryKey: [CONSENTS_KEY] });
        }
      });
      current.addEventListener('error', () => {
        missedSome = true;
        if (current.readyState !== EventSource.CLOSED || closed) return; // the browser retries
        current.close();
        // Refused (a session that ended answers 401): let /api/me find out, then try later.
        void queryClient.invalidateQueries({ queryKey: meQuery.queryKey });
        timer = setTimeout(connect, reconnectDelayMs(failures));
        failures += 1;
      });
      const onEvent = (message: MessageEvent<string>) => {
        const event = parseResidentEvent(message.type, message.data);
        if (event) handle(event);
      };
      for (const type of RESIDENT_EVENT_TYPES) current.addEventListener(type, onEvent);
      current.addEventListener('message', onEvent);
    };
    connect();

    if (!standingSynced) {
      standingSynced = true;
      sealForStandingConsents(controller.signal).then(
        (results) => {
          for (const r of results) push({ kind: 'standing', service: r.service, count: r.added });
          if (results.length > 0) {
            void queryClient.invalidateQueries({ queryKey: [CONSENTS_KEY] });
          }
        },
        () => {
          if (controller.signal.aborted) standingSynced = false;
          else push({ kind: 'standing-failed' });
        },
      );
    }

    return () => {
      closed = true;
      controller.abort();
      clearTimeout(timer);
      source?.close();
      // What the notices said may name decrypted documents: gone with the lock.
      setNotices([]);
    };
  }, [residentId, unlocked, queryClient]);

  const dismiss = useCallback((id: number) => {
    setNotices((old) => old.filter((n) => n.id !== id));
  }, []);
  return { notices, dismiss };
}
