import type { MessageKey } from '../../lib/messages.en';
import type { MessageParams } from '../../lib/translate';

/** A confirmation to announce, kept as a key so it follows a language switch. */
export type Status = { key: MessageKey; params?: MessageParams } | null;
