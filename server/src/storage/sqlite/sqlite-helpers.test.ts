import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './open-database.js';
import { USED_BYTES_SQL } from './sqlite-helpers.js';

describe('usedBytes', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('never walks the resident’s documents: O(1) in their number (query plan)', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-plan-'));
    const db = openDatabase(path.join(dir, 'vault.sqlite'));
    try {
      const plan = (
        db.prepare(`EXPLAIN QUERY PLAN ${USED_BYTES_SQL}`).all('r', 0, 'r') as { detail: string }[]
      ).map((row) => row.detail);
      expect(plan.some((d) => d.includes('resident_usage'))).toBe(true);
      expect(plan.some((d) => d.includes('document_versions_expiry'))).toBe(true);
      expect(plan.some((d) => d.includes('documents_owner'))).toBe(false);
      expect(plan.filter((d) => d.startsWith('SCAN') && d !== 'SCAN CONSTANT ROW')).toEqual([]);
    } finally {
      db.close();
    }
  });
});
