import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrderStore, openDatabase } from '@antomkit/shop-kit';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

/**
 * PGlite's initdb costs seconds (tens on a loaded 2-core machine); a closed, migrated cluster copied into each
 * shop's DATA_DIR opens in about one. The shops still open, migrate and persist the copy themselves.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'pglite-template-'));
  const store = await OrderStore.open(await openDatabase({ dataDir: dir }));
  await store.close();
  project.provide('pgliteTemplate', join(dir, 'pgdata'));
  return () => rmSync(dir, { recursive: true, force: true });
}
