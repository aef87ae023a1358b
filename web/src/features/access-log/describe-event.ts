import { formatDatePart } from '../../lib/format';
import type { MessageKey } from '../../lib/messages.en';
import { isMessageKey, type Lang, type Translate } from '../../lib/translate';
import { categoryMessageKey, isCategory } from '../../lib/vault/categories';
import type { AccessEvent, ActorKind } from './access-event';

/** What the page knows besides the event: decrypted document names, when the vault is open. */
export interface DescribeContext {
  t: Translate;
  lang: Lang;
  /** Document id → decrypted name (empty while the vault is locked). */
  names: ReadonlyMap<string, string>;
}

/** The name of a kind of actor in a sentence: "a city service", "the vault"… */
export function actorKindLabel(t: Translate, kind: ActorKind): string {
  return t(`accessLog.actorKind.${kind}`);
}

/** The action's name for filters and lists ("Download", "Sign-in"), or the raw action. */
export function actionLabel(t: Translate, action: string): string {
  const key = `accessLog.actionName.${action}`;
  return isMessageKey(key) ? t(key) : action;
}

/** A GDPR Art. 6 legal basis in plain words ("to carry out a task in the public interest…"), else its code. */
export function legalBasisText(t: Translate, code: string): string {
  const key = `legalBasis.${code}`;
  return isMessageKey(key) ? t(key) : code;
}

/** "your document “Tax 2025.pdf”" when it can be read, else "your Tax document". */
export function documentPhrase(event: AccessEvent, { t, names }: DescribeContext): string {
  const doc = event.document;
  if (!doc) return t('accessLog.document.unknown');
  const name = names.get(doc.id);
  if (name !== undefined) return t('accessLog.document.named', { name });
  if (doc.category !== null && isCategory(doc.category)) {
    return t('accessLog.document.category', { category: t(categoryMessageKey(doc.category)) });
  }
  return t('accessLog.document.unknown');
}

/**
 * The entry in plain language: "You downloaded your Tax document on 3 March 2026 at 10:42." for
 * the resident's own actions; "Registry Office read your document “Residence certificate.pdf” on
 * 3 March 2026 at 10:42." for a city service, an operator or the vault.
 */
export function describeEvent(event: AccessEvent, context: DescribeContext): string {
  const { t, lang } = context;
  const what = describeWhat(event, context);
  return t('accessLog.sentence', {
    what,
    date: formatDatePart(event.at, lang, 'longDate'),
    time: formatDatePart(event.at, lang, 'time'),
  });
}

function describeWhat(event: AccessEvent, context: DescribeContext): string {
  const { t } = context;
  const document = documentPhrase(event, context);
  if (event.action === 'sign-in.failed') {
    return t('accessLog.failedSignIn', { method: methodLabel(t, event.detail['method']) });
  }
  if (event.actor.kind === 'resident' && event.actor.id === event.resident) {
    const key = `accessLog.you.${event.action}`;
    if (!isMessageKey(key)) {
      return t('accessLog.you.other', { action: actionLabel(t, event.action) });
    }
    return t(key as MessageKey, { document, method: methodLabel(t, event.detail['method']) });
  }
  const actor = event.actor.name ?? actorKindLabel(t, event.actor.kind);
  const key = `accessLog.other.${event.action}`;
  if (isMessageKey(key)) return t(key, { actor, document });
  return event.document
    ? t('accessLog.other.genericDocument', {
        actor,
        action: actionLabel(t, event.action),
        document,
      })
    : t('accessLog.other.generic', { actor, action: actionLabel(t, event.action) });
}

function methodLabel(t: Translate, method: unknown): string {
  if (method === 'eid') return t('accessLog.method.eid');
  if (method === 'passkey') return t('accessLog.method.passkey');
  return t('accessLog.method.other');
}
