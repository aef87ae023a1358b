import { useSyncExternalStore } from 'react';
import type { ResidentRequestView } from './consent-types';

/**
 * Which requests the resident has opened in this browser, for the "unread" count in the
 * navigation and the "New" mark in the inbox. Only request ids are kept (localStorage), per
 * resident; when storage is off, it lasts as long as the page.
 */

const PREFIX = 'cv.seenRequests.';
/** Enough for years of requests; the oldest ids are forgotten first. */
const MAX_KEPT = 500;

const memory = new Map<string, string[]>();
const listeners = new Set<() => void>();
let version = 0;

function read(residentId: string): string[] {
  const cached = memory.get(residentId);
  if (cached) return cached;
  let ids: string[] = [];
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(PREFIX + residentId) ?? '[]');
    if (Array.isArray(parsed)) ids = parsed.filter((v): v is string => typeof v === 'string');
  } catch {
    ids = [];
  }
  memory.set(residentId, ids);
  return ids;
}

/** Records that the resident opened request `requestId`. */
export function markRequestSeen(residentId: string, requestId: string): void {
  const ids = read(residentId);
  if (ids.includes(requestId)) return;
  const next = [...ids, requestId].slice(-MAX_KEPT);
  memory.set(residentId, next);
  try {
    localStorage.setItem(PREFIX + residentId, JSON.stringify(next));
  } catch {
    // Not remembered across visits; fine.
  }
  version += 1;
  for (const listener of listeners) listener();
}

/** True when the request waits for an answer and was never opened here. */
export function isUnread(request: ResidentRequestView, seen: readonly string[]): boolean {
  return request.status === 'pending' && !seen.includes(request.id);
}

/** How many of `requests` are unread. */
export function countUnread(requests: readonly ResidentRequestView[], seen: readonly string[]) {
  return requests.filter((r) => isUnread(r, seen)).length;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** React: the ids of the requests this resident opened in this browser. */
export function useSeenRequests(residentId: string | undefined): readonly string[] {
  useSyncExternalStore(
    subscribe,
    () => version,
    () => 0,
  );
  return residentId ? read(residentId) : [];
}
