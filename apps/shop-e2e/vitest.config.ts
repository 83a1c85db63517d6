import { defineProject } from 'vitest/config';
import { workspaceAlias } from '../../vitest.shared.ts';

export default defineProject({
  resolve: { alias: workspaceAlias },
  // One file per shop; each starts its shop and one browser, and runs its tests in order.
  test: {
    name: 'shop-e2e',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    globalSetup: ['./src/pglite-template.ts'],
  },
});
