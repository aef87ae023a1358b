import { describe, expect, it } from 'vitest';
import { createTranslate } from '../../lib/translate';
import { parseAccessEvent } from './access-event';
import { describeEvent, legalBasisText } from './describe-event';

const RESIDENT = '3f7c2a9e-0000-4000-8000-000000000001';
const DOC = '9b1d0c2e-0000-4000-8000-000000000002';
const AT = new Date(2026, 2, 3, 10, 42).toISOString();

/** An event's leaf as the server writes it (canonical JSON: keys sorted). */
function leaf(fields: Record<string, unknown>): string {
  const event = {
    action: 'document.read',
    actor: { id: RESIDENT, kind: 'resident', name: null },
    at: AT,
    document: { category: 'tax', id: DOC, version: 1 },
    grant: null,
    legalBasis: null,
    outcome: 'ok',
    purpose: null,
    resident: RESIDENT,
    salt: 'AAAAAAAAAAAAAAAAAAAAAA',
    v: 1,
    ...fields,
  };
  return JSON.stringify(event);
}

const en = { t: createTranslate('en'), lang: 'en' as const, names: new Map<string, string>() };
const it_ = { t: createTranslate('it'), lang: 'it' as const, names: new Map<string, string>() };

describe('parseAccessEvent', () => {
  it('reads an event and refuses what is not one', () => {
    const event = parseAccessEvent(leaf({ detail: { method: 'eid', extra: { no: 1 } } }));
    expect(event?.actor.kind).toBe('resident');
    expect(event?.document).toEqual({ id: DOC, category: 'tax', version: 1 });
    expect(event?.detail).toEqual({ method: 'eid' });
    expect(parseAccessEvent('not json')).toBeNull();
    expect(parseAccessEvent('[]')).toBeNull();
    expect(parseAccessEvent(leaf({ at: 'yesterday' }))).toBeNull();
    expect(parseAccessEvent(leaf({ actor: { kind: 'alien', id: null, name: null } }))).toBeNull();
  });
});

describe('describeEvent', () => {
  it('says what the resident did, with the category while the vault is locked', () => {
    const event = parseAccessEvent(leaf({}))!;
    expect(describeEvent(event, en)).toBe(
      'You downloaded your Tax document on 3 March 2026 at 10:42.',
    );
    expect(describeEvent(event, it_)).toBe(
      'Hai scaricato il tuo documento della categoria Tasse il 3 marzo 2026 alle 10:42.',
    );
  });

  it('names the document when the vault is unlocked', () => {
    const event = parseAccessEvent(leaf({ action: 'document.uploaded' }))!;
    const names = new Map([[DOC, 'Tax return 2025.pdf']]);
    expect(describeEvent(event, { ...en, names })).toBe(
      'You uploaded your document “Tax return 2025.pdf” on 3 March 2026 at 10:42.',
    );
  });

  it('describes sign-ins, failed sign-ins and unknown actions', () => {
    const signIn = parseAccessEvent(
      leaf({ action: 'sign-in', document: null, detail: { method: 'passkey' } }),
    )!;
    expect(describeEvent(signIn, en)).toBe(
      'You signed in with a passkey on 3 March 2026 at 10:42.',
    );
    const failed = parseAccessEvent(
      leaf({
        action: 'sign-in.failed',
        actor: { kind: 'resident', id: null, name: null },
        document: null,
        outcome: 'failed',
        detail: { method: 'passkey' },
      }),
    )!;
    expect(describeEvent(failed, en)).toBe(
      'Someone tried to sign in to your account with a passkey and was refused on 3 March 2026 at 10:42.',
    );
    const unknown = parseAccessEvent(leaf({ action: 'future.thing', document: null }))!;
    expect(describeEvent(unknown, en)).toBe('You: future.thing on 3 March 2026 at 10:42.');
  });

  it('says which city service read what', () => {
    const event = parseAccessEvent(
      leaf({
        actor: { kind: 'service', id: 'registry', name: 'Registry Office' },
        document: { category: 'residence', id: DOC },
        purpose: { code: 'id-card', text: 'to issue your ID card' },
      }),
    )!;
    const names = new Map([[DOC, 'Residence certificate']]);
    expect(describeEvent(event, { ...en, names })).toBe(
      'Registry Office read your document “Residence certificate” on 3 March 2026 at 10:42.',
    );
    const nameless = parseAccessEvent(
      leaf({
        actor: { kind: 'system', id: null, name: null },
        action: 'grant.expired',
        document: null,
      }),
    )!;
    expect(describeEvent(nameless, en)).toBe(
      'A consent you gave reached its end date and ended on 3 March 2026 at 10:42.',
    );
  });
});

describe('city services in the access log (issue 5)', () => {
  const service = { id: 'registry-office', kind: 'service', name: 'Registry office' };

  it('says who read what, and what the resident did about consent, in both languages', () => {
    const read = parseAccessEvent(
      leaf({ actor: service, grant: 'g-1', purpose: { code: 'residence-certificate', text: 'x' } }),
    )!;
    expect(describeEvent(read, en)).toBe(
      'Registry office read your Tax document on 3 March 2026 at 10:42.',
    );
    const denied = parseAccessEvent(leaf({ actor: service, action: 'access.denied' }))!;
    expect(describeEvent(denied, en)).toMatch(/^Registry office tried to read your Tax document/);
    const given = parseAccessEvent(leaf({ action: 'grant.created', document: null }))!;
    expect(describeEvent(given, en)).toMatch(/^You gave a city service your consent/);
    expect(describeEvent(given, it_)).toMatch(/^Hai dato a un servizio del Comune il consenso/);
  });

  it('explains a legal basis in plain words, and keeps an unknown code as it is', () => {
    expect(legalBasisText(en.t, 'public-task')).toMatch(/public interest/);
    expect(legalBasisText(it_.t, 'legal-obligation')).toMatch(/legge/);
    expect(legalBasisText(en.t, 'something-else')).toBe('something-else');
  });
});
