import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const src = (p: string) => `${root}packages/${p}`;

/** Workspace packages resolve to their sources in tests, so no build is needed between edits. */
export const workspaceAlias = [
  { find: /^@antomkit\/core\/testing$/, replacement: src('core/src/testing/index.ts') },
  { find: /^@antomkit\/core\/reports$/, replacement: src('core/src/reports/index.ts') },
  { find: /^@antomkit\/core\/payment-routes$/, replacement: src('core/src/payment-routes/index.ts') },
  { find: /^@antomkit\/core$/, replacement: src('core/src/index.ts') },
  { find: /^@antomkit\/express$/, replacement: src('express/src/index.ts') },
  { find: /^@antomkit\/koa$/, replacement: src('koa/src/index.ts') },
  { find: /^@antomkit\/nestjs$/, replacement: src('nestjs/src/index.ts') },
  { find: /^@antomkit\/sandbox$/, replacement: src('sandbox/src/index.ts') },
  { find: /^@antomkit\/redis$/, replacement: src('redis/src/index.ts') },
  { find: /^@antomkit\/conformance$/, replacement: src('conformance/src/index.ts') },
  { find: /^@antomkit\/shop-kit$/, replacement: `${root}apps/shop-kit/src/index.ts` },
];
