import { describe, expect, it } from 'vitest';
import { parseResidentEvent, queriesToInvalidate, reconnectDelayMs } from './resident-events';

describe('reconnectDelayMs', () => {
  it('doubles from one second up to thirty, with jitter in the upper half', () => {
    expect(reconnectDelayMs(0, () => 0)).toBe(500);
    expect(reconnectDelayMs(0, () => 1)).toBe(1000);
    expect(reconnectDelayMs(3, () => 1)).toBe(8000);
    expect(reconnectDelayMs(20, () => 1)).toBe(30_000);
    expect(reconnectDelayMs(20, () => 0)).toBe(15_000);
  });
});

describe('parseResidentEvent', () => {
  it('takes the type from the event name, or from the data of an unnamed event', () => {
    expect(parseResidentEvent('request.created', '{"requestId":"r1"}')).toEqual({
      type: 'request.created',
      requestId: 'r1',
    });
    expect(parseResidentEvent('message', '{"type":"consent.updated","consentId":"c"}')).toEqual({
      type: 'consent.updated',
      consentId: 'c',
    });
  });

  it('ignores unknown types and data that is not a JSON object', () => {
    expect(parseResidentEvent('ping', '{}')).toBeNull();
    expect(parseResidentEvent('request.created', 'not json')).toBeNull();
    expect(parseResidentEvent('request.created', '42')).toBeNull();
    expect(parseResidentEvent('message', '{"type":"other"}')).toBeNull();
  });
});

describe('queriesToInvalidate', () => {
  it('refreshes the lists each event concerns', () => {
    expect(queriesToInvalidate({ type: 'request.created', requestId: 'r' })).toEqual([
      ['requests'],
    ]);
    expect(queriesToInvalidate({ type: 'consent.updated', consentId: 'c' })).toEqual([
      ['consents'],
      ['requests'],
    ]);
    const service = { id: 's', name: { en: 'S', it: 'S' } };
    expect(
      queriesToInvalidate({ type: 'document.deposited', documentId: 'd', service }),
    ).toContainEqual(['unlocked', 'documents']);
  });
});
