/**
 * A ZIP writer for the resident's export (issue 6): stored entries (no compression: documents
 * are mostly PDFs and images that do not shrink), UTF-8 names, CRC-32 per entry. The archive is a
 * Blob made of parts: the headers this writer makes and the caller's Blobs as they are, so the
 * documents are never copied into one large buffer (a browser may keep big Blobs on disk). Each
 * entry's CRC is computed by streaming its Blob once, piece by piece.
 *
 * Anything that would need Zip64 (an entry or the archive reaching 4 GiB, 65,535 entries) is
 * refused with ERR_ARCHIVE_TOO_LARGE before anything of that entry is written; the writer stays
 * usable and the archive so far stays valid.
 */
import { crc32 } from './crc32.js';
import { dosDateTime, tooLarge, ZIP } from './zip-format.js';

/** One file to add. */
export interface ZipFileInput {
  /**
   * The path inside the archive: UTF-8, `/`-separated, relative, no empty, `.` or `..`
   * segment, no backslash or control character, unique (compared exactly).
   */
  name: string;
  data: Blob | Uint8Array;
  /** Shown as the file's date by unzip tools (local time, two-second resolution). Default: now. */
  modifiedAt?: Date;
}

/** What {@link createZipWriter} returns. */
export interface ZipWriter {
  /** Adds a file (reads `data` once for its CRC). Throws CryptoError ERR_ARCHIVE_TOO_LARGE. */
  add(file: ZipFileInput): Promise<void>;
  /** Bytes of the archive so far, without the central directory still to come. */
  readonly size: number;
  /** Writes the central directory and returns the archive. The writer is done after this. */
  finish(): Blob;
}

interface CentralRecord {
  name: Uint8Array;
  crc: number;
  size: number;
  offset: number;
  date: number;
  time: number;
}

const encoder = new TextEncoder();
/** Half of a UTF-16 pair without its other half: it has no UTF-8 form. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Throws a TypeError for a name that is not a safe, relative, `/`-separated path. */
function checkName(name: string): Uint8Array {
  const bytes = encoder.encode(name);
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses
  const unsafe = /[\u0000-\u001f\u007f\\]/.test(name) || name.startsWith('/');
  const segments = name.split('/');
  if (
    unsafe ||
    name.length === 0 ||
    bytes.length > ZIP.MAX_NAME_BYTES ||
    segments.some((s) => s === '' || s === '.' || s === '..') ||
    LONE_SURROGATE.test(name)
  ) {
    throw new TypeError(`unsafe name in a ZIP archive: ${JSON.stringify(name)}`);
  }
  return bytes;
}

/** Little-endian fields into a fresh buffer. */
function fields(length: number, write: (view: DataView) => void): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length);
  write(new DataView(out.buffer));
  return out;
}

/** The CRC-32 of a Blob, read as a stream (bounded memory), or of bytes at hand. */
async function checksum(data: Blob | Uint8Array): Promise<{ crc: number; size: number }> {
  if (data instanceof Uint8Array) return { crc: crc32(data), size: data.length };
  let crc = 0;
  let size = 0;
  const reader = data.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    crc = crc32(value, crc);
    size += value.length;
  }
  return { crc, size };
}

/** Starts an empty archive. */
export function createZipWriter(): ZipWriter {
  const parts: (Blob | Uint8Array<ArrayBuffer>)[] = [];
  const central: CentralRecord[] = [];
  const names = new Set<string>();
  let offset = 0;
  let finished = false;
  let busy = false;

  async function add({ name, data, modifiedAt = new Date() }: ZipFileInput): Promise<void> {
    if (finished) throw new TypeError('the archive is already finished');
    if (busy) throw new TypeError('add one file at a time (await each add)');
    const nameBytes = checkName(name);
    if (names.has(name)) throw new TypeError(`duplicate name in a ZIP archive: ${name}`);
    // Refuse before reading anything (finish() checks the central directory on top).
    const headerBytes = ZIP.LOCAL_HEADER_BYTES + nameBytes.length;
    const declared = data instanceof Uint8Array ? data.length : data.size;
    if (central.length + 1 > ZIP.MAX_ENTRIES) throw tooLarge(`${central.length + 1} files`);
    if (declared > ZIP.MAX_32) throw tooLarge(`${name} (${declared} bytes)`);
    if (offset + headerBytes + declared > ZIP.MAX_32) {
      throw tooLarge(`the archive with ${name} (${offset + headerBytes + declared} bytes)`);
    }
    busy = true;
    let sum;
    try {
      sum = await checksum(data);
    } finally {
      busy = false;
    }
    if (sum.size !== declared) throw new TypeError(`${name} changed while it was read`);
    const { date, time } = dosDateTime(modifiedAt);
    const local = fields(headerBytes, (v) => {
      v.setUint32(0, ZIP.LOCAL_SIGNATURE, true);
      v.setUint16(4, ZIP.VERSION_NEEDED, true);
      v.setUint16(6, ZIP.FLAG_UTF8, true);
      v.setUint16(8, ZIP.METHOD_STORED, true);
      v.setUint16(10, time, true);
      v.setUint16(12, date, true);
      v.setUint32(14, sum.crc, true);
      v.setUint32(18, sum.size, true); // compressed size = size: stored
      v.setUint32(22, sum.size, true);
      v.setUint16(26, nameBytes.length, true);
      v.setUint16(28, 0, true); // no extra field
    });
    local.set(nameBytes, ZIP.LOCAL_HEADER_BYTES);
    names.add(name);
    central.push({ name: nameBytes, crc: sum.crc, size: sum.size, offset, date, time });
    parts.push(local, data instanceof Uint8Array ? new Uint8Array(data) : data);
    offset += headerBytes + sum.size;
  }

  function finish(): Blob {
    if (finished) throw new TypeError('the archive is already finished');
    const directoryBytes = central.reduce(
      (n, r) => n + ZIP.CENTRAL_HEADER_BYTES + r.name.length,
      0,
    );
    if (offset + directoryBytes + ZIP.END_BYTES > ZIP.MAX_32) {
      throw tooLarge(`the archive (${offset + directoryBytes + ZIP.END_BYTES} bytes)`);
    }
    finished = true;
    for (const r of central) {
      const record = fields(ZIP.CENTRAL_HEADER_BYTES + r.name.length, (v) => {
        v.setUint32(0, ZIP.CENTRAL_SIGNATURE, true);
        v.setUint16(4, ZIP.VERSION_MADE_BY, true);
        v.setUint16(6, ZIP.VERSION_NEEDED, true);
        v.setUint16(8, ZIP.FLAG_UTF8, true);
        v.setUint16(10, ZIP.METHOD_STORED, true);
        v.setUint16(12, r.time, true);
        v.setUint16(14, r.date, true);
        v.setUint32(16, r.crc, true);
        v.setUint32(20, r.size, true);
        v.setUint32(24, r.size, true);
        v.setUint16(28, r.name.length, true);
        // extra length, comment length, disk number, internal attributes: all 0
        v.setUint32(38, ZIP.EXTERNAL_ATTRIBUTES, true);
        v.setUint32(42, r.offset, true);
      });
      record.set(r.name, ZIP.CENTRAL_HEADER_BYTES);
      parts.push(record);
    }
    parts.push(
      fields(ZIP.END_BYTES, (v) => {
        v.setUint32(0, ZIP.END_SIGNATURE, true);
        // this disk, the directory's disk: 0
        v.setUint16(8, central.length, true);
        v.setUint16(10, central.length, true);
        v.setUint32(12, directoryBytes, true);
        v.setUint32(16, offset, true);
        // no comment
      }),
    );
    return new Blob(parts, { type: 'application/zip' });
  }

  return {
    add,
    finish,
    get size() {
      return offset;
    },
  };
}
