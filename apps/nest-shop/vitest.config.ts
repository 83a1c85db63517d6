import swc from 'unplugin-swc';
import { defineProject } from 'vitest/config';
import { workspaceAlias } from '../../vitest.shared.ts';

export default defineProject({
  plugins: [swc.vite()], // Nest decorators with their metadata, as the tsup build has them
  resolve: { alias: workspaceAlias },
  test: { name: 'nest-shop', testTimeout: 30_000, hookTimeout: 60_000 },
});
