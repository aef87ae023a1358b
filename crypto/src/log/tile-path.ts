import { CryptoError } from '../errors.js';
import { isTreeNumber } from './tree-math.js';

/** Merkle tree levels per tile (C2SP tlog-tiles: a tile is a subtree of height 8). */
export const TILE_HEIGHT = 8;
/** Hashes in a full tile, 2^{@link TILE_HEIGHT}; a full tile is 256 × 32 = 8,192 bytes. */
export const TILE_WIDTH = 256;
/** The highest tile level a path may name (C2SP tlog-tiles: `<L>` is between 0 and 63). */
export const MAX_TILE_LEVEL = 63;

/** A tile of hashes, or an entry bundle, as a path names it. */
export type TilePathTarget =
  | {
      readonly kind: 'hashes';
      /** Tile level L: its hashes are Merkle tree nodes of level 8·L (0: leaf hashes). */
      readonly level: number;
      /** Position of the tile in its level. */
      readonly index: number;
      /** Number of hashes: 256 for a full tile, 1–255 for a partial one. */
      readonly width: number;
    }
  | {
      readonly kind: 'entries';
      readonly index: number;
      /** Number of entries: 256 for a full bundle, 1–255 for a partial one. */
      readonly width: number;
    };

/**
 * The path of tile `index` at tile level `level`, relative to the log's prefix (C2SP tlog-tiles,
 * "Merkle Tree"): `tile/<L>/<N>[.p/<W>]`, N in zero-padded 3-digit elements, all but the last
 * prefixed with `x` (1234067 → `x001/x234/067`), and `.p/<W>` only for a partial tile
 * (1 ≤ width ≤ 255). Throws `TypeError` for a level outside 0–63, an index that is not a safe
 * integer ≥ 0, or a width outside 1–256.
 */
export function tilePath(level: number, index: number, width: number = TILE_WIDTH): string {
  if (!Number.isInteger(level) || level < 0 || level > MAX_TILE_LEVEL) {
    throw new TypeError('tile level must be an integer in 0–63');
  }
  return `tile/${level}/${indexAndWidth(index, width)}`;
}

/**
 * The path of entry bundle `index` (C2SP tlog-tiles, "Log entries"): `tile/entries/<N>[.p/<W>]`,
 * with N and W as in {@link tilePath}. Throws `TypeError` as {@link tilePath} does.
 */
export function entryBundlePath(index: number, width: number = TILE_WIDTH): string {
  return `tile/entries/${indexAndWidth(index, width)}`;
}

const PATH =
  /^tile\/(entries|0|[1-9][0-9]?)\/((?:x[0-9]{3}\/)*[0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/;

/**
 * Reads a tile or entry bundle path relative to the log's prefix, accepting only the one canonical
 * path of each resource: level 0–63 without leading zeros; N in 3-digit elements with no leading
 * all-zero element (`x000/…`) and at most 2^53 − 1; W 1–255 without leading zeros. Anything else
 * throws {@link CryptoError} `ERR_TILE_PATH_MALFORMED` (a server answers it with 404).
 */
export function parseTilePath(path: string): TilePathTarget {
  const malformed = () => new CryptoError('ERR_TILE_PATH_MALFORMED', 'not a canonical tile path');
  const match = PATH.exec(path);
  if (match === null) throw malformed();
  const [, levelText, indexText, widthText] = match as unknown as [string, string, string, string?];
  const elements = indexText.split('/');
  if (elements.length > 1 && elements[0] === 'x000') throw malformed();
  const index = Number(elements.map((e) => e.replace('x', '')).join(''));
  if (!Number.isSafeInteger(index)) throw malformed();
  const width = widthText === undefined ? TILE_WIDTH : Number(widthText);
  if (widthText !== undefined && width >= TILE_WIDTH) throw malformed();
  if (levelText === 'entries') return { kind: 'entries', index, width };
  const level = Number(levelText);
  if (level > MAX_TILE_LEVEL) throw malformed();
  return { kind: 'hashes', level, index, width };
}

function indexAndWidth(index: number, width: number): string {
  if (!isTreeNumber(index)) throw new TypeError('tile index must be a safe integer ≥ 0');
  if (!Number.isInteger(width) || width < 1 || width > TILE_WIDTH) {
    throw new TypeError('tile width must be an integer in 1–256');
  }
  let digits = String(index);
  digits = digits.padStart(Math.ceil(digits.length / 3) * 3, '0');
  const elements = digits.match(/.../g)!;
  const n = elements.map((e, i) => (i < elements.length - 1 ? `x${e}` : e)).join('/');
  return width === TILE_WIDTH ? n : `${n}.p/${width}`;
}
