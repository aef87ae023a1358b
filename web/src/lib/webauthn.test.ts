import { afterEach, describe, expect, it } from 'vitest';
import {
  forgetPrfOutputs,
  latestPrfOutput,
  rememberPrfOutput,
  stripPrf,
  withPrf,
} from './webauthn';

const salt = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8'; // bytes 0..31

afterEach(() => forgetPrfOutputs());

describe('withPrf', () => {
  it('adds the salt as bytes and keeps other extensions and the original untouched', () => {
    const options = { challenge: 'abc', extensions: { credProps: true } };
    const out = withPrf(options, salt);
    const first = out.extensions?.prf?.eval?.first;
    expect(first).toBeInstanceOf(Uint8Array);
    expect(Array.from(first as Uint8Array)).toEqual(Array.from({ length: 32 }, (_, i) => i));
    expect(out.extensions?.credProps).toBe(true);
    expect(out.challenge).toBe('abc');
    expect(options.extensions).toEqual({ credProps: true });
  });

  it('refuses a salt that is not 32 bytes of base64url', () => {
    expect(() => withPrf({}, 'AAEC')).toThrow(TypeError);
    expect(() => withPrf({}, 'not base64!')).toThrow(TypeError);
  });
});

describe('stripPrf', () => {
  it('removes the PRF output from the response and returns a copy', () => {
    const secret = new Uint8Array([1, 2, 3, 4]).buffer;
    const response = {
      id: 'cred',
      clientExtensionResults: {
        credProps: { rk: true },
        prf: { enabled: true, results: { first: secret } },
      },
    };
    const out = stripPrf(response);
    expect(Array.from(out ?? [])).toEqual([1, 2, 3, 4]);
    expect(response.clientExtensionResults).toEqual({ credProps: { rk: true } });
    expect(JSON.stringify(response)).not.toContain('prf');
    // The browser's buffer is wiped; our copy is independent of it.
    expect(Array.from(new Uint8Array(secret))).toEqual([0, 0, 0, 0]);
  });

  it('accepts a typed-array view and returns null without results', () => {
    const bytes = new Uint8Array([9, 9, 7, 8]).subarray(2);
    const withView = { clientExtensionResults: { prf: { results: { first: bytes } } } };
    expect(Array.from(stripPrf(withView) ?? [])).toEqual([7, 8]);

    const enabledOnly = { clientExtensionResults: { prf: { enabled: true } } };
    expect(stripPrf(enabledOnly)).toBeNull();
    expect(enabledOnly.clientExtensionResults).toEqual({});

    expect(stripPrf({ clientExtensionResults: {} })).toBeNull();
  });
});

describe('PRF memory', () => {
  it('remembers the latest output and wipes it on forget', () => {
    const output = new Uint8Array([5, 6]);
    rememberPrfOutput('cred-1', output);
    expect(latestPrfOutput()).toEqual({ credentialId: 'cred-1', output });
    forgetPrfOutputs();
    expect(latestPrfOutput()).toBeNull();
    expect(Array.from(output)).toEqual([0, 0]);
  });
});
