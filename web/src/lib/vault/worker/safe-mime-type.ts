/** What a MIME type may look like (RFC 6838 names, no parameters). */
const MIME_TYPE = /^[a-z0-9!#$&^_.+-]{1,64}\/[a-z0-9!#$&^_.+-]{1,64}$/i;

/**
 * The MIME type to record or hand to `Blob`: a well-formed type in lower case, else
 * `application/octet-stream`. What the page may preview is decided separately, on a short list.
 */
export function safeMimeType(type: string): string {
  return MIME_TYPE.test(type) ? type.toLowerCase() : 'application/octet-stream';
}
