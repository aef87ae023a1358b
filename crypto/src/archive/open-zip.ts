/**
 * A small ZIP reader for checking an export offline (`npm run verify-log`, tests): it reads the
 * central directory, then only the entries asked for, each checked against its CRC-32. It reads
 * what the export's writer makes and what common tools make with stored entries; it refuses what
 * it cannot check rather than guess: compressed or encrypted entries, Zip64, multi-disk
 * archives, names that are not UTF-8, and the same name twice (which copy would be "the" log?).
 *
 * It reads through a {@link ZipSource} (random access), so a large archive is never loaded whole.
 * It never writes entries to disk, so names are returned as they are, unchecked as paths.
 */
import { CryptoError } from '../errors.js';
import { crc32 } from './crc32.js';
import { fromDosDateTime, ZIP } from './zip-format.js';

/** Random access to the archive's bytes: a file descriptor, or bytes in memory. */
export interface ZipSource {
  readonly size: number;
  /** Exactly `length` bytes from `offset` (both inside `size`). */
  read(offset: number, length: number): Uint8Array;
}

/** One entry of the central directory. */
export interface ZipEntry {
  name: string;
  size: number;
  crc32: number;
  modifiedAt: Date;
  /** Where its local header starts. */
  offset: number;
}

/** What {@link openZip} returns. */
export interface ZipArchive {
  /** In the order of the central directory. */
  entries: ZipEntry[];
  /** The entry named `name`, or undefined. */
  find(name: string): ZipEntry | undefined;
  /** The entry's bytes, after checking its local header and its CRC-32. */
  read(entry: ZipEntry): Uint8Array;
}

/** Refuses a central directory larger than this (65,534 entries with long names fit easily). */
const MAX_DIRECTORY_BYTES = 64 * 1024 * 1024;

const decoder = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function invalid(message: string): CryptoError {
  return new CryptoError('ERR_ARCHIVE_INVALID', message);
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A {@link ZipSource} over bytes in memory. */
export function bytesSource(bytes: Uint8Array): ZipSource {
  return { size: bytes.length, read: (offset, length) => bytes.subarray(offset, offset + length) };
}

/** Finds the end-of-central-directory record: the last one whose comment ends the file. */
function findEnd(source: ZipSource): { at: number; record: DataView } {
  if (source.size < ZIP.END_BYTES) throw invalid('too short to be a ZIP archive');
  const tailLength = Math.min(source.size, ZIP.END_BYTES + 0xffff);
  const tailStart = source.size - tailLength;
  const tail = source.read(tailStart, tailLength);
  const v = view(tail);
  for (let i = tail.length - ZIP.END_BYTES; i >= 0; i--) {
    if (v.getUint32(i, true) !== ZIP.END_SIGNATURE) continue;
    if (i + ZIP.END_BYTES + v.getUint16(i + 20, true) !== tail.length) continue;
    return {
      at: tailStart + i,
      record: new DataView(tail.buffer, tail.byteOffset + i, ZIP.END_BYTES),
    };
  }
  throw invalid('no end of central directory: not a ZIP archive, or cut short');
}

/** Reads the central directory of the archive in `source`. */
export function openZip(source: ZipSource): ZipArchive {
  const { at: endAt, record: end } = findEnd(source);
  const disk = end.getUint16(4, true);
  const directoryDisk = end.getUint16(6, true);
  const onDisk = end.getUint16(8, true);
  const count = end.getUint16(10, true);
  const directoryBytes = end.getUint32(12, true);
  const directoryAt = end.getUint32(16, true);
  if (count === 0xffff || directoryBytes === 0xffffffff || directoryAt === 0xffffffff) {
    throw invalid('a Zip64 archive: not supported');
  }
  if (disk !== 0 || directoryDisk !== 0 || onDisk !== count) {
    throw invalid('a multi-disk archive: not supported');
  }
  if (directoryAt + directoryBytes > endAt || directoryBytes > MAX_DIRECTORY_BYTES) {
    throw invalid('the central directory lies outside the archive');
  }
  const directory = source.read(directoryAt, directoryBytes);
  const d = view(directory);
  const entries: ZipEntry[] = [];
  const byName = new Map<string, ZipEntry>();
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (
      p + ZIP.CENTRAL_HEADER_BYTES > directory.length ||
      d.getUint32(p, true) !== ZIP.CENTRAL_SIGNATURE
    ) {
      throw invalid(`central directory record ${i + 1} is damaged`);
    }
    const flags = d.getUint16(p + 8, true);
    const method = d.getUint16(p + 10, true);
    const compressed = d.getUint32(p + 20, true);
    const size = d.getUint32(p + 24, true);
    const nameLength = d.getUint16(p + 28, true);
    const extraLength = d.getUint16(p + 30, true);
    const commentLength = d.getUint16(p + 32, true);
    const next = p + ZIP.CENTRAL_HEADER_BYTES + nameLength + extraLength + commentLength;
    if (next > directory.length) throw invalid(`central directory record ${i + 1} is damaged`);
    let name: string;
    try {
      name = decoder.decode(
        directory.subarray(p + ZIP.CENTRAL_HEADER_BYTES, p + ZIP.CENTRAL_HEADER_BYTES + nameLength),
      );
    } catch {
      throw invalid(`entry ${i + 1}: its name is not UTF-8`);
    }
    if (flags & ZIP.FLAG_ENCRYPTED) throw invalid(`${name}: encrypted entries are not supported`);
    if (method !== ZIP.METHOD_STORED || compressed !== size) {
      throw invalid(`${name}: compressed entries are not supported (only stored ones)`);
    }
    if (size === 0xffffffff) throw invalid(`${name}: a Zip64 entry: not supported`);
    if (byName.has(name)) throw invalid(`${name} appears twice`);
    const entry: ZipEntry = {
      name,
      size,
      crc32: d.getUint32(p + 16, true),
      modifiedAt: fromDosDateTime(d.getUint16(p + 14, true), d.getUint16(p + 12, true)),
      offset: d.getUint32(p + 42, true),
    };
    entries.push(entry);
    byName.set(name, entry);
    p = next;
  }

  function read(entry: ZipEntry): Uint8Array {
    if (byName.get(entry.name) !== entry) throw new TypeError('not an entry of this archive');
    if (entry.offset + ZIP.LOCAL_HEADER_BYTES > directoryAt) {
      throw invalid(`${entry.name}: its local header lies outside the archive`);
    }
    const header = view(source.read(entry.offset, ZIP.LOCAL_HEADER_BYTES));
    if (header.getUint32(0, true) !== ZIP.LOCAL_SIGNATURE) {
      throw invalid(`${entry.name}: its local header is damaged`);
    }
    const flags = header.getUint16(6, true);
    const nameLength = header.getUint16(26, true);
    const dataAt = entry.offset + ZIP.LOCAL_HEADER_BYTES + nameLength + header.getUint16(28, true);
    if (dataAt + entry.size > directoryAt)
      throw invalid(`${entry.name}: its data lies outside the archive`);
    const localName = source.read(entry.offset + ZIP.LOCAL_HEADER_BYTES, nameLength);
    const sameHeader =
      header.getUint16(8, true) === ZIP.METHOD_STORED &&
      sameBytes(localName, encoder.encode(entry.name)) &&
      // With a data descriptor (bit 3) the local CRC and sizes may be 0; the directory's count.
      ((flags & ZIP.FLAG_DATA_DESCRIPTOR) !== 0 ||
        (header.getUint32(14, true) === entry.crc32 &&
          header.getUint32(18, true) === entry.size &&
          header.getUint32(22, true) === entry.size));
    if (!sameHeader) throw invalid(`${entry.name}: its local header disagrees with the directory`);
    const data = source.read(dataAt, entry.size);
    if (crc32(data) !== entry.crc32) {
      throw new CryptoError(
        'ERR_ARCHIVE_CHECKSUM',
        `${entry.name}: CRC-32 mismatch (the file was changed or damaged after the archive was made)`,
      );
    }
    return data;
  }

  return { entries, find: (name) => byName.get(name), read };
}
