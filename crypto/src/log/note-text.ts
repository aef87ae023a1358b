/**
 * The character rules of C2SP signed-note, internal to crypto/src/log: "Signed notes MUST be
 * valid UTF-8 and MUST NOT contain any ASCII control characters (those below U+0020) other than
 * newline", and "Key names MUST be non-empty and MUST NOT contain any Unicode spaces or plus
 * (U+002B) characters".
 */

/**
 * A control character other than newline, or a lone UTF-16 surrogate (which has no UTF-8
 * encoding; with the `u` flag a surrogate pair is one code point and does not match).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN = /[\u0000-\u0009\u000b-\u001f\ud800-\udfff]/u;

/** True if `text` may be in a note: valid once UTF-8 encoded, no control character but newline. */
export function isNoteSafe(text: string): boolean {
  return !FORBIDDEN.test(text);
}

/** "Unicode spaces": the characters with the Unicode White_Space property. */
const SPACE_OR_PLUS = /[\p{White_Space}+]/u;

/** True for a valid key name: non-empty, note-safe, no Unicode space, no plus. */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && isNoteSafe(name) && !SPACE_OR_PLUS.test(name);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(text);
}

/** Decodes strict UTF-8 (a byte-order mark is kept as text); `undefined` if not valid UTF-8. */
export function fromUtf8(bytes: Uint8Array): string | undefined {
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}
