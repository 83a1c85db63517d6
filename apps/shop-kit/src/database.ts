import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/** The little SQL surface the order store needs; PGlite and PostgreSQL run the same statements. */
export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  transaction<T>(fn: (tx: Pick<Sql, 'query'>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly kind: 'pglite' | 'postgres';
}

export async function openDatabase(options: { databaseUrl?: string; dataDir?: string }): Promise<Sql> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options.dataDir ?? '.data');
}

async function openPglite(dataDir: string): Promise<Sql> {
  mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(`${dataDir}/pgdata`);
  let queue: Promise<unknown> = Promise.resolve();
  return {
    kind: 'pglite',
    async query(text, params) {
      return (await db.query(text, params)).rows as never;
    },
    // PGlite has one connection: serialise transactions so they never interleave.
    transaction(fn) {
      const run = queue.then(() =>
        db.transaction((tx) => fn({ query: async (text, params) => (await tx.query(text, params)).rows as never })),
      );
      queue = run.catch(() => undefined);
      return run;
    },
    close: () => db.close(),
  };
}

async function openPostgres(url: string): Promise<Sql> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  return {
    kind: 'postgres',
    async query(text, params) {
      return (await pool.query(text, params as unknown[])).rows;
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          query: async (text, params) => (await client.query(text, params as unknown[])).rows,
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
