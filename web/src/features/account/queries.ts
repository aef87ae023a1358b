import { queryOptions } from '@tanstack/react-query';
import type { MessageKey } from '../../lib/messages.en';
import type { MessageParams } from '../../lib/translate';
import { listPasskeys } from './api/list-passkeys';
import { listSessions } from './api/list-sessions';

/** The resident's passkeys. */
export const passkeysQuery = queryOptions({
  queryKey: ['passkeys'] as const,
  queryFn: listPasskeys,
});

/** The resident's sessions. */
export const sessionsQuery = queryOptions({
  queryKey: ['sessions'] as const,
  queryFn: listSessions,
});

/** A confirmation to announce, kept as a key so it follows a language switch. */
export interface Status {
  key: MessageKey;
  params?: MessageParams;
}
