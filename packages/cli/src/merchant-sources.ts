import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { safeJsonParse } from '@antomkit/core';
import {
  type MerchantRecord,
  merchantRecordsFromCsv,
  merchantRecordsFromJson,
  toMerchantRecord,
} from '@antomkit/core/reports';
import { CliError } from './io';

/** Where the shop's own records come from: any async iterable of MerchantRecord (plug in your own). */
export type MerchantSource = AsyncIterable<MerchantRecord> | Iterable<MerchantRecord>;

/** A CSV or JSON export (by extension; `.json` or content starting with `[`/`{` is JSON). */
export async function fileSource(cwd: string, file: string, units?: 'minor' | 'major'): Promise<MerchantSource> {
  const path = resolve(cwd, file);
  let head: Buffer;
  try {
    head = (await readFile(path)).subarray(0, 64);
  } catch {
    throw new CliError(`cannot read the orders file ${file}: no such file`);
  }
  const opts = units ? { units } : {};
  const json = extname(path).toLowerCase() === '.json' || /^\s*[[{]/.test(head.toString('utf8').replace(/^\uFEFF/, ''));
  if (!json) return merchantRecordsFromCsv(createReadStream(path), opts);
  let parsed: unknown;
  try {
    parsed = safeJsonParse((await readFile(path, 'utf8')).replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new CliError(`the orders file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  return merchantRecordsFromJson(parsed, opts);
}

/**
 * Payments and refunds in the sample shops' schema (orders, refunds). Pass --db-query for any other schema: it
 * must return payment_request_id or refund_request_id, amount_value (minor units), currency, status, and
 * optionally payment_id.
 */
export const SHOP_QUERY = `SELECT current_payment_request_id AS payment_request_id, NULL AS refund_request_id, payment_id,
  currency, amount_value::text AS amount_value, status FROM orders WHERE current_payment_request_id IS NOT NULL
UNION ALL
SELECT o.current_payment_request_id, r.refund_request_id, NULL, r.currency, r.amount_value::text, r.status
  FROM refunds r LEFT JOIN orders o ON o.order_id = r.order_id`;

export function tableQuery(table: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/.test(table))
    throw new CliError('--db-table must be a plain table name');
  return `SELECT * FROM ${table}`;
}

/** Streams records from PostgreSQL through a cursor-less batched query (pg is loaded only when used). */
export async function* databaseSource(
  url: string,
  query: string,
  units?: 'minor' | 'major',
): AsyncGenerator<MerchantRecord> {
  if (!/^postgres(ql)?:\/\//.test(url)) throw new CliError('DATABASE_URL must be a postgres:// URL');
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    throw new CliError(`cannot connect to the database: ${(error as Error).message}`);
  }
  try {
    let result: { rows: Record<string, unknown>[] };
    try {
      result = await client.query(query);
    } catch (error) {
      throw new CliError(`the database query failed: ${(error as Error).message}`);
    }
    let n = 0;
    for (const row of result.rows) yield toMerchantRecord(row, { ...(units ? { units } : {}), ref: `db row ${++n}` });
  } finally {
    await client.end();
  }
}
