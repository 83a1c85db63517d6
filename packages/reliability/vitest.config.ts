import swc from 'unplugin-swc';
import { defineProject } from 'vitest/config';
import { workspaceAlias } from '../../vitest.shared.ts';

export default defineProject({
  plugins: [swc.vite()],
  resolve: { alias: workspaceAlias },
  test: {
    name: 'reliability',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    execArgv: ['--expose-gc'],
  },
});
