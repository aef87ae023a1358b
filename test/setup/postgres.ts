import { ensureTestPostgres } from '../helpers/postgres.js';

/** Vitest global setup: PostgreSQL answers before any test file that needs it starts. */
export default async function setup(): Promise<void> {
  await ensureTestPostgres();
}
