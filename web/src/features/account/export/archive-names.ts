/**
 * File names inside the export archive (issue 6). A document's name is whatever the resident or
 * a city service gave it, so it is made safe for every common system before it becomes a path:
 * no folder separators or characters Windows refuses, no control characters, no names Windows
 * reserves, no leading or trailing dots and spaces, a bounded length. Names are made unique
 * ignoring case, as Windows and macOS compare them, by adding " (2)", " (3)"… before the extension.
 */

/** Characters Windows refuses in a name, folder separators, and control characters. */
// eslint-disable-next-line no-control-regex -- control characters are what this replaces
const UNSAFE = /[\u0000-\u001f\u007f-\u009f<>:"/\\|?*]/g;
/** Names Windows reserves whatever the extension (CON, CON.txt…). */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
/** Long enough for any real name; short enough for every file system once a folder is added. */
const MAX_NAME_CHARS = 120;
/** An extension worth keeping when a long name is cut: a dot and 1 to 10 letters or digits. */
const EXTENSION = /\.[\p{L}\p{N}]{1,10}$/u;

/** Cuts to at most `max` code points (never half of an emoji). */
function cut(text: string, max: number): string {
  const points = Array.from(text);
  return points.length <= max ? text : points.slice(0, max).join('');
}

/** `name` made safe as one path segment; `fallback` when nothing is left of it. */
export function safeFileName(name: string, fallback = 'document'): string {
  // Code point by code point: a lone half of a UTF-16 pair (no UTF-8 form) becomes '_'.
  let safe = Array.from(name.normalize('NFC'), (c) => (/^[\uD800-\uDFFF]$/.test(c) ? '_' : c))
    .join('')
    .replace(UNSAFE, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (Array.from(safe).length > MAX_NAME_CHARS) {
    const extension = EXTENSION.exec(safe)?.[0] ?? '';
    safe =
      cut(
        safe.slice(0, safe.length - extension.length),
        MAX_NAME_CHARS - extension.length,
      ).trimEnd() + extension;
  }
  if (safe === '') safe = fallback;
  if (RESERVED.test(safe)) safe = `_${safe}`;
  return safe;
}

/** Splits `name` into its stem and extension (`"a.tar.gz"` → `"a.tar"`, `".gz"`). */
export function splitExtension(name: string): { stem: string; extension: string } {
  const match = EXTENSION.exec(name);
  if (!match || match.index === 0) return { stem: name, extension: '' };
  return { stem: name.slice(0, match.index), extension: match[0] };
}

/** Hands out unique names within one folder, comparing them as Windows and macOS do. */
export function createNameRegistry(): (name: string) => string {
  const taken = new Set<string>();
  const key = (name: string) => name.normalize('NFC').toLocaleLowerCase('en');
  return (name) => {
    let candidate = name;
    const { stem, extension } = splitExtension(name);
    for (let n = 2; taken.has(key(candidate)); n++) candidate = `${stem} (${n})${extension}`;
    taken.add(key(candidate));
    return candidate;
  };
}
