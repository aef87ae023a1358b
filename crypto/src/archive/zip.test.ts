/**
 * The export's ZIP writer and reader (issue 6): round trips with odd names and empty files, the
 * CRC-32 against a table-less reference and the standard check value, archives made by other
 * tools (Info-ZIP, Python's zipfile), and every refusal with its code.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isCryptoError } from '../errors.js';
import { crc32 } from './crc32.js';
import { createZipWriter, type ZipFileInput } from './create-zip-writer.js';
import { bytesSource, openZip } from './open-zip.js';

/** CRC-32 bit by bit, straight from the definition (no table): the independent reference. */
function referenceCrc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

async function zipOf(files: ZipFileInput[]): Promise<Uint8Array> {
  const writer = createZipWriter();
  for (const file of files) await writer.add(file);
  return new Uint8Array(await writer.finish().arrayBuffer());
}

/** The error a call throws (sync or async), for asserting its code. */
async function thrown(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

/** A Blob that says it is `size` bytes long and must never be read (the refusal comes first). */
function hugeBlob(size: number): Blob {
  return {
    size,
    stream() {
      throw new Error('read a file that should have been refused unread');
    },
  } as unknown as Blob;
}

// Local-time constructor: the DOS date and time fields do not depend on the machine's zone.
const AT = new Date(2026, 10, 28, 12, 30, 46);

describe('crc32', () => {
  it('gives the standard check value and agrees with a table-less reference', () => {
    expect(crc32(utf8('123456789'))).toBe(0xcbf43926); // the CRC catalogue's "check"
    expect(crc32(new Uint8Array(0))).toBe(0);
    for (const length of [1, 2, 3, 7, 64, 1000, 65_537]) {
      const bytes = randomBytes(length);
      expect(crc32(bytes), `length ${length}`).toBe(referenceCrc32(bytes));
    }
  });

  it('continues across pieces: crc32(b, crc32(a)) = crc32(a ‖ b)', () => {
    const bytes = randomBytes(10_000);
    const whole = crc32(bytes);
    for (const cut of [0, 1, 4096, 9_999, 10_000]) {
      expect(crc32(bytes.subarray(cut), crc32(bytes.subarray(0, cut)))).toBe(whole);
    }
  });
});

describe('ZIP writer and reader', () => {
  it('round-trips odd names, empty files, Blobs and bytes, with the right CRCs and dates', async () => {
    const big = randomBytes(200_000);
    const files: { name: string; bytes: Uint8Array; asBlob: boolean }[] = [
      { name: 'README.txt', bytes: utf8('Hello\r\n'), asBlob: false },
      { name: 'documents/Carta identità.pdf', bytes: big, asBlob: true },
      { name: 'documents/empty file', bytes: new Uint8Array(0), asBlob: true },
      { name: 'documents/nothing.bin', bytes: new Uint8Array(0), asBlob: false },
      { name: 'documents/日本語 ファイル 😀.txt', bytes: utf8('ok'), asBlob: true },
      { name: "documents/ spaces  and #%&+=;,{}[]~`@!$^'.txt", bytes: utf8('x'), asBlob: false },
      { name: 'deep/a/b/c/d/e/f/g/h/file.json', bytes: utf8('{}'), asBlob: true },
      { name: 'Dup.txt', bytes: utf8('upper'), asBlob: false },
      { name: 'dup.txt', bytes: utf8('lower'), asBlob: false }, // exact comparison: allowed
    ];
    const bytes = await zipOf(
      files.map((f) => ({
        name: f.name,
        data: f.asBlob ? new Blob([new Uint8Array(f.bytes)]) : f.bytes,
        modifiedAt: AT,
      })),
    );
    const archive = openZip(bytesSource(bytes));
    expect(archive.entries.map((e) => e.name)).toEqual(files.map((f) => f.name));
    for (const f of files) {
      const entry = archive.find(f.name)!;
      expect(entry.size).toBe(f.bytes.length);
      expect(entry.crc32).toBe(referenceCrc32(f.bytes));
      expect(entry.modifiedAt.getTime()).toBe(AT.getTime()); // an even second: exact
      expect(Buffer.from(archive.read(entry)).equals(Buffer.from(f.bytes))).toBe(true);
    }
    expect(archive.find('nope')).toBeUndefined();
  });

  it('writes an empty archive that reads as empty', async () => {
    const bytes = await zipOf([]);
    expect(bytes.length).toBe(22);
    expect(openZip(bytesSource(bytes)).entries).toEqual([]);
  });

  it('writes exactly the bytes Info-ZIP `unzip -t` and Python zipfile accepted when this was written', async () => {
    const bytes = await zipOf([
      { name: 'a.txt', data: utf8('hello\n'), modifiedAt: AT },
      { name: 'dir/è.txt', data: new Blob([]), modifiedAt: AT },
    ]);
    expect(Buffer.from(bytes).toString('base64')).toBe(GOLDEN);
  });

  it('reads stored archives made by Info-ZIP and by Python (with a data descriptor)', () => {
    const infoZip = openZip(bytesSource(Buffer.from(INFO_ZIP_STORED, 'base64')));
    expect(infoZip.entries.map((e) => [e.name, e.size])).toEqual([
      ['Carta identità.txt', 6],
      ['sub/empty.txt', 0],
    ]);
    expect(Buffer.from(infoZip.read(infoZip.entries[0]!)).toString()).toBe('hello\n');
    expect(infoZip.read(infoZip.entries[1]!).length).toBe(0);

    const python = openZip(bytesSource(Buffer.from(PYTHON_DATA_DESCRIPTOR, 'base64')));
    const entry = python.find('dati/ricevuta €.json')!;
    expect(Buffer.from(python.read(entry)).toString()).toBe('{"ok":true}\n');
    expect(entry.modifiedAt.getTime()).toBe(new Date(2026, 10, 28, 12, 0, 0).getTime());
  });

  it('refuses unsafe and duplicate names with a TypeError, and stays usable', async () => {
    const writer = createZipWriter();
    await writer.add({ name: 'ok.txt', data: utf8('1') });
    for (const name of [
      '',
      '/abs.txt',
      'a//b.txt',
      'dir/',
      '../up.txt',
      'a/./b.txt',
      'a\\b.txt',
      'nul\u0000.txt',
      'line\nfeed.txt',
      'lone \ud800 surrogate',
      'ok.txt',
    ]) {
      const error = await thrown(() => writer.add({ name, data: utf8('x') }));
      expect(error, JSON.stringify(name)).toBeInstanceOf(TypeError);
    }
    const archive = openZip(bytesSource(new Uint8Array(await writer.finish().arrayBuffer())));
    expect(archive.entries.map((e) => e.name)).toEqual(['ok.txt']);
  });

  it('refuses what would need Zip64 before reading it: a 4 GiB file, a 4 GiB archive', async () => {
    const writer = createZipWriter();
    await writer.add({ name: 'small.txt', data: utf8('small') });
    const one = await thrown(() => writer.add({ name: 'huge.bin', data: hugeBlob(2 ** 32) }));
    expect(isCryptoError(one, 'ERR_ARCHIVE_TOO_LARGE')).toBe(true);
    expect((one as Error).message).toContain('huge.bin');
    expect((one as Error).message).toContain('Zip64');
    // Fits on its own (0xFFFFFFFE bytes), not after what is already there.
    const total = await thrown(() => writer.add({ name: 'big.bin', data: hugeBlob(0xfffffffe) }));
    expect(isCryptoError(total, 'ERR_ARCHIVE_TOO_LARGE')).toBe(true);
    const archive = openZip(bytesSource(new Uint8Array(await writer.finish().arrayBuffer())));
    expect(archive.entries.map((e) => e.name)).toEqual(['small.txt']);
  });

  it('refuses the 65,535th file (the entry count would need Zip64)', async () => {
    const writer = createZipWriter();
    const empty = new Uint8Array(0);
    for (let i = 0; i < 0xfffe; i++) await writer.add({ name: `${i}`, data: empty });
    const error = await thrown(() => writer.add({ name: 'one-too-many', data: empty }));
    expect(isCryptoError(error, 'ERR_ARCHIVE_TOO_LARGE')).toBe(true);
    const archive = openZip(bytesSource(new Uint8Array(await writer.finish().arrayBuffer())));
    expect(archive.entries).toHaveLength(0xfffe);
  }, 60_000);

  it('the reader refuses a changed byte (CRC-32), naming the entry', async () => {
    const bytes = await zipOf([
      { name: 'a.txt', data: utf8('first') },
      { name: 'access-log.json', data: utf8('{"entries":[1,2,3]}') },
    ]);
    const at = Buffer.from(bytes).indexOf('[1,2,3]');
    bytes[at + 1] = '9'.charCodeAt(0);
    const archive = openZip(bytesSource(bytes));
    expect(Buffer.from(archive.read(archive.find('a.txt')!)).toString()).toBe('first');
    const error = await thrown(() => archive.read(archive.find('access-log.json')!));
    expect(isCryptoError(error, 'ERR_ARCHIVE_CHECKSUM')).toBe(true);
    expect((error as Error).message).toMatch(/^access-log\.json: CRC-32 mismatch/);
  });

  it('the reader refuses compressed entries, Zip64, duplicates, damage and non-archives', async () => {
    const codeOf = async (bytes: Uint8Array) => {
      const error = await thrown(() => {
        const archive = openZip(bytesSource(bytes));
        for (const entry of archive.entries) archive.read(entry);
      });
      return isCryptoError(error) ? `${error.code}: ${error.message}` : String(error);
    };
    expect(await codeOf(Buffer.from(INFO_ZIP_DEFLATED, 'base64'))).toMatch(
      /ERR_ARCHIVE_INVALID: rep\.txt: compressed entries are not supported/,
    );
    expect(await codeOf(utf8('{"format":"citizen-vault.access-log-export.v1"}'))).toMatch(
      /ERR_ARCHIVE_INVALID: no end of central directory/,
    );
    const good = await zipOf([
      { name: 'x.txt', data: utf8('one') },
      { name: 'y.txt', data: utf8('two') },
    ]);
    expect(await codeOf(good.subarray(0, good.length - 5))).toMatch(/ERR_ARCHIVE_INVALID/);

    const zip64 = good.slice();
    new DataView(zip64.buffer).setUint32(zip64.length - 6, 0xffffffff, true); // directory offset
    expect(await codeOf(zip64)).toMatch(/ERR_ARCHIVE_INVALID: a Zip64 archive/);

    const twice = good.slice(); // rename y.txt to x.txt in the central directory
    const dir = Buffer.from(twice).lastIndexOf('y.txt');
    twice[dir] = 'x'.charCodeAt(0);
    expect(await codeOf(twice)).toMatch(/ERR_ARCHIVE_INVALID: x\.txt appears twice/);

    const localName = good.slice(); // the local header says another name than the directory
    localName[Buffer.from(localName).indexOf('y.txt')] = 'z'.charCodeAt(0);
    expect(await codeOf(localName)).toMatch(/y\.txt: its local header disagrees/);
  });
});

// Made by this writer (the second test's input) and checked when this test was written with
// Info-ZIP `unzip -t` ("No errors detected") and Python's `zipfile.ZipFile(...).testzip()`.
const GOLDEN =
  'UEsDBBQAAAgAANdjfF0gMDo2BgAAAAYAAAAFAAAAYS50eHRoZWxsbwpQSwMEFAAACAAA12N8XQAAAAAAAAAAAAAAAAoAAABkaXIvw6gudHh0UEsBAhQDFAAACAAA12N8XSAwOjYGAAAABgAAAAUAAAAAAAAAAAAAAKSBAAAAAGEudHh0UEsBAhQDFAAACAAA12N8XQAAAAAAAAAAAAAAAAoAAAAAAAAAAAAAAKSBKQAAAGRpci/DqC50eHRQSwUGAAAAAAIAAgBrAAAAUQAAAAAA';
// `zip -0 -X foreign-stored.zip 'Carta identità.txt' sub/empty.txt` (Info-ZIP 3.0).
const INFO_ZIP_STORED =
  'UEsDBAoAAAAAAL2SfF0gMDo2BgAAAAYAAAATAAAAQ2FydGEgaWRlbnRpdMOgLnR4dGhlbGxvClBLAwQKAAAAAAC9knxdAAAAAAAAAAAAAAAADQAAAHN1Yi9lbXB0eS50eHRQSwECHgMKAAAAAAC9knxdIDA6NgYAAAAGAAAAEwAAAAAAAAAAAAAApIEAAAAAQ2FydGEgaWRlbnRpdMOgLnR4dFBLAQIeAwoAAAAAAL2SfF0AAAAAAAAAAAAAAAANAAAAAAAAAAAAAACkgTcAAABzdWIvZW1wdHkudHh0UEsFBgAAAAACAAIAfAAAAGIAAAAAAA==';
// `zip -X foreign-deflated.zip rep.txt` ("abc" × 200 and a newline, deflated).
const INFO_ZIP_DEFLATED =
  'UEsDBBQAAAAIAMKSfF2pLh4BDAAAAFkCAAAHAAAAcmVwLnR4dEtMSk4cRaOI2ogLAFBLAQIeAxQAAAAIAMKSfF2pLh4BDAAAAFkCAAAHAAAAAAAAAAEAAACkgQAAAAByZXAudHh0UEsFBgAAAAABAAEANQAAADEAAAAAAA==';
// Python 3 zipfile writing to a non-seekable stream: stored, UTF-8 flag, a data descriptor.
const PYTHON_DATA_DESCRIPTOR =
  'UEsDBBQACAgAAABgfF0AAAAAAAAAAAAAAAAWAAAAZGF0aS9yaWNldnV0YSDigqwuanNvbnsib2siOnRydWV9ClBLBwiIQX/CDAAAAAwAAABQSwECFAMUAAgIAAAAYHxdiEF/wgwAAAAMAAAAFgAAAAAAAAAAAAAAgAEAAAAAZGF0aS9yaWNldnV0YSDigqwuanNvblBLBQYAAAAAAQABAEQAAABQAAAAAAA=';
