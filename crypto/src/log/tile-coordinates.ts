import { TILE_HEIGHT, TILE_WIDTH } from './tile-path.js';
import { isTreeNumber } from './tree-math.js';

/** A tile of hashes of the tree at some size: `tile/<level>/<index>[.p/<width>]`. */
export interface TileRef {
  /** Tile level L: the tile's hashes are Merkle tree nodes of level 8·L. */
  readonly level: number;
  readonly index: number;
  /** 256 for a full tile, 1–255 for a partial one. */
  readonly width: number;
}

/** Where a complete subtree's hash is found in the tiles of a tree. */
export interface NodeInTile {
  /** The tile to fetch, at the width it has in the tree size asked about. */
  readonly tile: TileRef;
  /** The node is MTH of the `count` hashes of the tile starting at `offset`. */
  readonly offset: number;
  /** 2^(node level − 8·tile level): 1 when the node is itself one of the tile's hashes. */
  readonly count: number;
}

/**
 * How many hashes tile `index` of tile level `level` holds in the tree of `size` leaves (C2SP
 * tlog-tiles): the level has ⌊size / 256^level⌋ hashes (the complete subtrees of 256^level
 * leaves); the tile holds the ones from 256·index on, at most 256. 0 means the tile does not exist
 * yet (and MUST NOT be served). Throws `TypeError` for arguments that are not safe integers ≥ 0.
 */
export function tileWidth(level: number, index: number, size: number): number {
  if (!isTreeNumber(level) || !isTreeNumber(index) || !isTreeNumber(size)) {
    throw new TypeError('tile level, index and tree size must be safe integers ≥ 0');
  }
  const hashes = Math.floor(size / TILE_WIDTH ** level);
  return Math.max(0, Math.min(TILE_WIDTH, hashes - index * TILE_WIDTH));
}

/**
 * The partial tiles of the tree of `size` leaves, lowest level first: at each level with
 * ⌊size / 256^L⌋ mod 256 ≠ 0, the last tile, of that width. Every other tile that exists is full.
 * (C2SP tlog-tiles example: size 70,000 has partial tiles 0/273 of width 112, 1/001 of width 17
 * and 2/000 of width 1.)
 */
export function partialTiles(size: number): TileRef[] {
  if (!isTreeNumber(size)) throw new TypeError('tree size must be a safe integer ≥ 0');
  const tiles: TileRef[] = [];
  for (
    let level = 0, hashes = size;
    hashes > 0;
    level++, hashes = Math.floor(hashes / TILE_WIDTH)
  ) {
    const width = hashes % TILE_WIDTH;
    if (width > 0) tiles.push({ level, index: Math.floor(hashes / TILE_WIDTH), width });
  }
  return tiles;
}

/**
 * Where the hash of the complete subtree (node `level`, `index`) — the 2^level leaves from
 * index · 2^level, the coordinates `NodeAt` uses — is in the tiles of the tree of `size` leaves.
 * A tile of level L stores the nodes of Merkle level 8·L; the seven levels above them are not
 * stored but rebuilt by hashing the tile's hashes (C2SP tlog-tiles). So the node is in tile level
 * ⌊level / 8⌋, as the MTH of 2^(level mod 8) consecutive hashes of one tile.
 *
 * Throws `TypeError` unless the node is complete in the tree of `size` leaves.
 */
export function nodeTile(level: number, index: number, size: number): NodeInTile {
  if (!isTreeNumber(level) || !isTreeNumber(index) || !isTreeNumber(size)) {
    throw new TypeError('node level, index and tree size must be safe integers ≥ 0');
  }
  if ((index + 1) * 2 ** level > size) throw new TypeError('not a complete subtree of this tree');
  const tileLevel = Math.floor(level / TILE_HEIGHT);
  const count = 2 ** (level - tileLevel * TILE_HEIGHT);
  const first = index * count; // position of its first hash among level 8·L's hashes
  const tileIndex = Math.floor(first / TILE_WIDTH);
  return {
    tile: { level: tileLevel, index: tileIndex, width: tileWidth(tileLevel, tileIndex, size) },
    offset: first % TILE_WIDTH,
    count,
  };
}
