import swc from 'unplugin-swc';
import { defineProject } from 'vitest/config';
import { workspaceAlias } from '../../vitest.shared.ts';

export default defineProject({
  plugins: [swc.vite()],
  resolve: { alias: workspaceAlias },
  test: { name: 'nestjs', testTimeout: 20_000 },
});
