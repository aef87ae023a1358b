import type pg from 'pg';

/**
 * The synthetic city of issue 7 in PostgreSQL: `residents` residents, `documentsPerResident`
 * documents' metadata each (one complete version with small header, wrapped key and metadata
 * envelopes of the real sizes; no ciphertext chunks: the benchmark lists, it does not download),
 * and `logEntries` access-log entries spread over the residents, with every subtree hash of the
 * Merkle tree (RFC 6962) computed by PostgreSQL's sha256(), so the vault signs a checkpoint over
 * it when it starts. Generated set-wise in SQL (generate_series), in minutes rather than hours.
 * The database is kept between runs; a marker row says which city it holds.
 */
export interface CityShape {
  residents: number;
  documentsPerResident: number;
  logEntries: number;
}

export const residentId = (n: number): string => `city-${n}`;

const step = async (client: pg.Client, label: string, sql: string, values: unknown[] = []) => {
  const t0 = performance.now();
  const result = await client.query(sql, values);
  process.stderr.write(
    `[city] ${label}: ${((performance.now() - t0) / 1000).toFixed(1)} s` +
      (result.rowCount ? ` (${result.rowCount.toLocaleString('en-US')} rows)` : '') +
      '\n',
  );
};

/** Whether the database already holds exactly this city. */
export async function citySeeded(client: pg.Client, shape: CityShape): Promise<boolean> {
  const { rows } = await client
    .query<{ shape: string }>(`SELECT shape FROM bench_city WHERE id = 1`)
    .catch(() => ({ rows: [] as { shape: string }[] }));
  return rows[0]?.shape === JSON.stringify(shape);
}

/**
 * Fills a freshly migrated, empty vault database with the city. User triggers on
 * document_versions (the usage counter) are off during the bulk insert and the totals are
 * computed once afterwards: the same numbers the triggers would have kept.
 */
export async function seedCity(client: pg.Client, shape: CityShape): Promise<void> {
  const at = Date.UTC(2026, 10, 1);
  const { residents, documentsPerResident, logEntries } = shape;
  const documents = residents * documentsPerResident;
  await client.query(`SET maintenance_work_mem = '512MB'`);
  await client.query(`SET synchronous_commit = off`); // seeding only; the vault commits durably
  await step(
    client,
    'residents',
    `INSERT INTO residents (id, display_name, birthdate, national_id, acr, created_at)
       SELECT 'city-' || n, 'Resident ' || n, '1980-01-01', 'TINIT-CITY' || n, NULL, $1
       FROM generate_series(0, $2 - 1) AS n`,
    [at, residents],
  );
  await step(
    client,
    'documents',
    `INSERT INTO documents (id, owner_id, category, issuer, created_at, updated_at, current_version)
       SELECT 'doc-' || n, 'city-' || (n / $3),
              (ARRAY['identity','residence','family','tax','health','education','work',
                     'vehicles','housing','other'])[1 + n % 10],
              NULL, $1::bigint + n, $1::bigint + n, 1
       FROM generate_series(0, $2 - 1) AS n`,
    [at, documents, documentsPerResident],
  );
  await client.query('ALTER TABLE document_versions DISABLE TRIGGER USER');
  // Envelopes of the real sizes (24-byte stream header, 80-byte sealed key, ~130-byte metadata),
  // from sha256 so that no two are alike.
  await step(
    client,
    'document versions',
    `INSERT INTO document_versions (document_id, version, status, size, chunk_count,
         chunks_received, bytes_received, header, wrapped_key, metadata, upload_id, expires_at,
         created_at, completed_at)
       SELECT 'doc-' || n, 1, 'complete', 4113, 1, 1, 4113,
              substring(h FROM 1 FOR 24), h || h || substring(h FROM 1 FOR 16),
              h || h || h || h || substring(h FROM 1 FOR 2), NULL, NULL, $1::bigint + n, $1::bigint + n
       FROM (SELECT n, sha256(int8send(n)) AS h FROM generate_series(0, $2 - 1) AS n) AS s`,
    [at, documents],
  );
  await client.query('ALTER TABLE document_versions ENABLE TRIGGER USER');
  await step(
    client,
    'usage totals',
    `INSERT INTO resident_usage (resident_id, bytes)
       SELECT d.owner_id, SUM(v.size) FROM document_versions v
       JOIN documents d ON d.id = v.document_id GROUP BY d.owner_id`,
  );
  await step(
    client,
    'log entries',
    `INSERT INTO log_entries (idx, resident_id, at, actor_kind, actor_id, action, document_id, leaf)
       SELECT n, 'city-' || (n % $2), $1::bigint + n, 'resident', 'city-' || (n % $2), 'sign-in', NULL,
              convert_to(json_build_object(
                'v', 1, 'at', to_char(to_timestamp(($1::bigint + n) / 1000.0) AT TIME ZONE 'UTC',
                                      'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                'resident', 'city-' || (n % $2),
                'actor', json_build_object('kind', 'resident', 'id', 'city-' || (n % $2),
                                           'name', NULL),
                'action', 'sign-in', 'document', NULL, 'purpose', NULL, 'legalBasis', NULL,
                'grant', NULL, 'outcome', 'ok', 'salt', encode(sha256(int8send(n)), 'base64')
              )::text, 'UTF8')
       FROM generate_series(0, $3 - 1) AS n`,
    [at, residents, logEntries],
  );
  await step(
    client,
    'log leaf hashes',
    `INSERT INTO log_nodes (level, idx, hash)
       SELECT 0, idx, sha256('\\x00'::bytea || leaf) FROM log_entries`,
  );
  for (let level = 1; 2 ** level <= logEntries; level += 1) {
    await step(
      client,
      `log level ${level}`,
      // One ordered pass over the level below (its primary-key order): each even node and the
      // one after it. A self-join planned on stale statistics took half an hour for level 2.
      `INSERT INTO log_nodes (level, idx, hash)
         SELECT $1::smallint, idx / 2, sha256('\\x01'::bytea || hash || next)
         FROM (SELECT idx, hash, lead(hash) OVER (ORDER BY idx) AS next
               FROM log_nodes WHERE level = $1::smallint - 1) AS pairs
         WHERE idx % 2 = 0 AND next IS NOT NULL`,
      [level],
    );
  }
  await step(client, 'log head', `UPDATE log_head SET size = $1 WHERE id = 1`, [logEntries]);
  await step(client, 'analyze', 'ANALYZE');
  await client.query(
    `CREATE TABLE IF NOT EXISTS bench_city (id SMALLINT PRIMARY KEY, shape TEXT NOT NULL)`,
  );
  await client.query(
    `INSERT INTO bench_city (id, shape) VALUES (1, $1)
       ON CONFLICT (id) DO UPDATE SET shape = excluded.shape`,
    [JSON.stringify(shape)],
  );
}
