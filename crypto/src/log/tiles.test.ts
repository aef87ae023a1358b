/** C2SP tlog-tiles: path encoding, strict parsing, tile widths, and where each node lives. */
import { beforeAll, describe, expect, it } from 'vitest';
import { sodiumReady } from '../sodium.js';
import { expectCode, prng } from '../testing/test-helpers.js';
import type { Hash } from './hash.js';
import { memoryTree, testLeaves } from './testing/test-trees.js';
import { nodeTile, partialTiles, tileWidth } from './tile-coordinates.js';
import { entryBundlePath, parseTilePath, TILE_WIDTH, tilePath } from './tile-path.js';
import { treeHead } from './tree-head.js';

beforeAll(async () => {
  await sodiumReady();
});

describe('tilePath and entryBundlePath (the examples of C2SP tlog-tiles)', () => {
  it('encodes the index in 3-digit elements, all but the last prefixed with x', () => {
    expect(tilePath(0, 1_234_067)).toBe('tile/0/x001/x234/067');
    expect(tilePath(0, 0)).toBe('tile/0/000');
    expect(tilePath(1, 1)).toBe('tile/1/001');
    expect(tilePath(2, 999)).toBe('tile/2/999');
    expect(tilePath(0, 1000)).toBe('tile/0/x001/000');
    expect(tilePath(63, Number.MAX_SAFE_INTEGER)).toBe('tile/63/x009/x007/x199/x254/x740/991');
    expect(entryBundlePath(1_234_067)).toBe('tile/entries/x001/x234/067');
  });

  it('adds .p/<W> for partial tiles only: size 70,000 (tlog-tiles, "Partial Tiles")', () => {
    expect(tilePath(0, 273, 112)).toBe('tile/0/273.p/112');
    expect(tilePath(1, 1, 17)).toBe('tile/1/001.p/17');
    expect(tilePath(2, 0, 1)).toBe('tile/2/000.p/1');
    expect(tilePath(0, 272, 256)).toBe('tile/0/272');
    expect(entryBundlePath(273, 112)).toBe('tile/entries/273.p/112');
  });

  it('refuses what has no path (TypeError)', () => {
    for (const [level, index, width] of [
      [-1, 0, 256],
      [64, 0, 256],
      [0.5, 0, 256],
      [0, -1, 256],
      [0, 2 ** 53, 256],
      [0, 0, 0],
      [0, 0, 257],
      [0, 0, 1.5],
    ] as const) {
      expect(() => tilePath(level, index, width), `${level} ${index} ${width}`).toThrow(TypeError);
    }
    expect(() => entryBundlePath(-1)).toThrow(TypeError);
  });
});

describe('parseTilePath', () => {
  it('reads back every path it writes', () => {
    const rand = prng(256);
    for (let i = 0; i < 2000; i++) {
      const level = Math.floor(rand() * 64);
      const index = Math.floor(rand() * 2 ** Math.floor(rand() * 54)) % Number.MAX_SAFE_INTEGER;
      const width = rand() < 0.5 ? 256 : 1 + Math.floor(rand() * 255);
      expect(parseTilePath(tilePath(level, index, width))).toEqual({
        kind: 'hashes',
        level,
        index,
        width,
      });
      expect(parseTilePath(entryBundlePath(index, width))).toEqual({
        kind: 'entries',
        index,
        width,
      });
    }
    expect(parseTilePath('tile/0/x001/x234/067')).toEqual({
      kind: 'hashes',
      level: 0,
      index: 1_234_067,
      width: 256,
    });
  });

  it('accepts only the canonical path (ERR_TILE_PATH_MALFORMED)', () => {
    for (const bad of [
      '',
      'tile/0',
      'tile/0/',
      '/tile/0/000',
      'tile/0/000/',
      'tile/00/000',
      'tile/01/000',
      'tile/64/000',
      'tile/99/000',
      'tile/-1/000',
      'tile/+1/000',
      'tile/0/0',
      'tile/0/00',
      'tile/0/0000',
      'tile/0/x000/001',
      'tile/0/x000/x001/000',
      'tile/0/001/234',
      'tile/0/x001',
      'tile/0/x001/x234',
      'tile/0/X001/234',
      'tile/0/x1/234',
      'tile/0/000.p/0',
      'tile/0/000.p/256',
      'tile/0/000.p/012',
      'tile/0/000.p/',
      'tile/0/000.p',
      'tile/0/000.P/1',
      'tile/0/000.p/1/',
      'tile/0/x009/x007/x199/x254/x740/992', // 2^53
      'tile/entries/x000/001',
      'tile/entries/000.p/256',
      'tile/Entries/000',
      'tile/8/data/000', // the old Go sumdb layout
      'tile/8/0/000', // … with a tile height in the path
      'tile/0/000?x=1',
      'tile/0/٠٠٠', // Arabic-Indic digits
    ]) {
      expectCode(() => parseTilePath(bad), 'ERR_TILE_PATH_MALFORMED');
    }
  });
});

describe('tileWidth and partialTiles', () => {
  it('follow the size 70,000 example of tlog-tiles: 273 full + one partial level-0 tile…', () => {
    const size = 70_000;
    expect(tileWidth(0, 0, size)).toBe(256);
    expect(tileWidth(0, 272, size)).toBe(256);
    expect(tileWidth(0, 273, size)).toBe(112);
    expect(tileWidth(0, 274, size)).toBe(0);
    expect(tileWidth(1, 0, size)).toBe(256);
    expect(tileWidth(1, 1, size)).toBe(17);
    expect(tileWidth(1, 2, size)).toBe(0);
    expect(tileWidth(2, 0, size)).toBe(1);
    expect(tileWidth(3, 0, size)).toBe(0);
    expect(partialTiles(size)).toEqual([
      { level: 0, index: 273, width: 112 },
      { level: 1, index: 1, width: 17 },
      { level: 2, index: 0, width: 1 },
    ]);
  });

  it('…and "a tree of size 256 … a full level 0 tile and a partial level 1 tile of width 1"', () => {
    expect(tileWidth(0, 0, 256)).toBe(256);
    expect(tileWidth(1, 0, 256)).toBe(1);
    expect(partialTiles(256)).toEqual([{ level: 1, index: 0, width: 1 }]);
    expect(partialTiles(0)).toEqual([]);
    expect(partialTiles(1)).toEqual([{ level: 0, index: 0, width: 1 }]);
    expect(partialTiles(256 ** 2)).toEqual([{ level: 2, index: 0, width: 1 }]);
  });

  it('works to 2^53 − 1 without 32-bit overflow', () => {
    const size = Number.MAX_SAFE_INTEGER; // 0x1f_ffff_ffff_ffff: width 255 at levels 0–5, 31 at 6
    const tiles = partialTiles(size);
    expect(tiles.map((t) => t.width)).toEqual([255, 255, 255, 255, 255, 255, 31]);
    expect(tiles.at(-1)).toEqual({ level: 6, index: 0, width: 31 });
    expect(tiles[0]).toEqual({ level: 0, index: Math.floor(size / 256), width: 255 });
    expect(tileWidth(7, 0, size)).toBe(0);
  });
});

describe('nodeTile: where a complete subtree hash is, in the tiles of a tree', () => {
  it('places nodes of the first levels as tlog-tiles defines tiles', () => {
    expect(nodeTile(0, 300, 1000)).toEqual({
      tile: { level: 0, index: 1, width: 256 },
      offset: 44,
      count: 1,
    });
    expect(nodeTile(0, 999, 1000)).toEqual({
      tile: { level: 0, index: 3, width: 232 },
      offset: 231,
      count: 1,
    });
    expect(nodeTile(3, 5, 1000)).toEqual({
      tile: { level: 0, index: 0, width: 256 },
      offset: 40,
      count: 8,
    });
    expect(nodeTile(8, 2, 1000)).toEqual({
      tile: { level: 1, index: 0, width: 3 },
      offset: 2,
      count: 1,
    });
    expect(nodeTile(9, 0, 1024)).toEqual({
      tile: { level: 1, index: 0, width: 4 },
      offset: 0,
      count: 2,
    });
    expect(nodeTile(16, 0, 65_536)).toEqual({
      tile: { level: 2, index: 0, width: 1 },
      offset: 0,
      count: 1,
    });
  });

  it('gives, for every complete node of a tree of 70,000 leaves (sampled), hashes whose MTH is the node', () => {
    const size = 70_000;
    const leaves = testLeaves(size);
    const { nodeAt } = memoryTree(leaves).at(size);
    /** Tile (L, n) at tree size `size`, straight from its definition: nodes of level 8·L. */
    const tile = (level: number, index: number, width: number): Hash[] =>
      Array.from({ length: width }, (_, i) => nodeAt(8 * level, index * TILE_WIDTH + i));
    const rand = prng(70_000);
    const bad: string[] = [];
    for (let level = 0; level <= 16; level++) {
      const nodes = Math.floor(size / 2 ** level);
      for (let i = 0; i < 60; i++) {
        const index = i < 2 ? [0, nodes - 1][i]! : Math.floor(rand() * nodes);
        const where = nodeTile(level, index, size);
        expect(where.tile.width).toBe(tileWidth(where.tile.level, where.tile.index, size));
        expect(where.offset + where.count).toBeLessThanOrEqual(where.tile.width);
        const hashes = tile(where.tile.level, where.tile.index, where.tile.width);
        const rebuilt = treeHead(hashes.slice(where.offset, where.offset + where.count));
        if (!rebuilt.every((b, j) => b === nodeAt(level, index)[j])) bad.push(`${level}/${index}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('refuses a node that is not complete in the tree (TypeError)', () => {
    expect(() => nodeTile(0, 1000, 1000)).toThrow(TypeError);
    expect(() => nodeTile(3, 125, 1000)).toThrow(TypeError);
    expect(() => nodeTile(10, 0, 1000)).toThrow(TypeError);
    expect(() => nodeTile(-1, 0, 1000)).toThrow(TypeError);
  });
});
