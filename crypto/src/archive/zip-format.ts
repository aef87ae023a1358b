/**
 * The parts of the ZIP format (PKWARE APPNOTE.TXT 6.3.10) that the vault's export writes and
 * reads: stored entries (method 0), UTF-8 names (general purpose flag bit 11), no Zip64, no
 * encryption, no data descriptors written. One frozen table, shared by the writer and the reader.
 */
import { CryptoError } from '../errors.js';

export const ZIP = Object.freeze({
  /** §4.3.7 local file header, §4.3.12 central directory header, §4.3.16 end of central directory. */
  LOCAL_SIGNATURE: 0x04034b50,
  CENTRAL_SIGNATURE: 0x02014b50,
  END_SIGNATURE: 0x06054b50,
  LOCAL_HEADER_BYTES: 30,
  CENTRAL_HEADER_BYTES: 46,
  END_BYTES: 22,
  /** 2.0: the lowest version that every unzip tool reads; stored entries need no more. */
  VERSION_NEEDED: 20,
  /** Made by: upper byte 3 = UNIX (so that the external attributes carry permissions), 2.0. */
  VERSION_MADE_BY: (3 << 8) | 20,
  /** §4.4.4 bit 11: the name is UTF-8. */
  FLAG_UTF8: 0x0800,
  /** §4.4.4 bit 3: sizes and CRC follow the data (a data descriptor); bit 0: encrypted. */
  FLAG_DATA_DESCRIPTOR: 0x0008,
  FLAG_ENCRYPTED: 0x0001,
  METHOD_STORED: 0,
  /** A regular file, rw-r--r--, in the upper 16 bits of the external attributes (UNIX). */
  EXTERNAL_ATTRIBUTES: (0o100644 << 16) >>> 0,
  /**
   * The largest size or offset a 32-bit field can hold without Zip64 (0xFFFFFFFF itself means
   * "see the Zip64 record", §4.4.8), and likewise the largest entry count (§4.4.21).
   */
  MAX_32: 0xfffffffe,
  MAX_ENTRIES: 0xfffe,
  MAX_NAME_BYTES: 0xffff,
});

/** An archive that would need Zip64 (a file or the whole archive of 4 GiB or more, 65,535 files). */
export function tooLarge(what: string): CryptoError {
  return new CryptoError(
    'ERR_ARCHIVE_TOO_LARGE',
    `${what}: this needs Zip64, which the export does not write`,
  );
}

/**
 * MS-DOS date and time (§4.4.6) of `at` in local time, as unzip tools read them: two-second
 * resolution, years 1980 to 2107 (earlier dates are written as 1980-01-01 00:00).
 */
export function dosDateTime(at: Date): { date: number; time: number } {
  const year = at.getFullYear();
  if (Number.isNaN(year) || year < 1980) return { date: (1 << 5) | 1, time: 0 };
  const clamped = Math.min(year, 2107);
  return {
    date: ((clamped - 1980) << 9) | ((at.getMonth() + 1) << 5) | at.getDate(),
    time: (at.getHours() << 11) | (at.getMinutes() << 5) | (at.getSeconds() >> 1),
  };
}

/** The local time a DOS date and time stand for. */
export function fromDosDateTime(date: number, time: number): Date {
  return new Date(
    (date >> 9) + 1980,
    ((date >> 5) & 0x0f) - 1,
    date & 0x1f,
    time >> 11,
    (time >> 5) & 0x3f,
    (time & 0x1f) * 2,
  );
}
