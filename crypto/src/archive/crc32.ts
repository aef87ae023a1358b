/**
 * CRC-32 as ZIP uses it (APPNOTE.TXT §4.4.7; the same CRC as ISO 3309, ITU-T V.42 and PNG):
 * reflected polynomial 0xEDB88320, initial value and final XOR 0xFFFFFFFF. Table-driven, one byte
 * at a time, incremental, so a large file is checked piece by piece.
 */

let table: Uint32Array | null = null;

/** The 256 remainders, made on first use (1 KiB). */
function crcTable(): Uint32Array {
  if (table) return table;
  table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/**
 * The CRC-32 of `bytes`, continuing from `previous` (the CRC of what came before, 0 to start):
 * `crc32(b, crc32(a))` equals the CRC of `a` followed by `b`. Unsigned.
 */
export function crc32(bytes: Uint8Array, previous = 0): number {
  const t = crcTable();
  let c = ~previous;
  for (let i = 0; i < bytes.length; i++) c = t[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}
