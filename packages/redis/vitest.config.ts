import { defineProject } from 'vitest/config';
import { workspaceAlias } from '../../vitest.shared.ts';

export default defineProject({
  resolve: { alias: workspaceAlias },
  test: { name: 'redis', testTimeout: 20_000, globalSetup: ['./src/test/redis-server.ts'] },
});
