import swc from 'unplugin-swc';
import { defineProject } from 'vitest/config';
import { workspaceAlias } from '../../vitest.shared.ts';
import { nest10Dirs } from './src/nest10.ts';

// @antomkit/nestjs's own tests, run from here: their `@nestjs/*` and `express` imports (and those of the package
// sources, which workspaceAlias maps to src) resolve to this package's Nest 10. dist.test.ts is left out: it runs
// the built package from packages/nestjs, where Node resolves Nest 11.
const shared = ['conformance', 'module', 'discovery', 'notifications'].map((f) => `../nestjs/src/${f}.test.ts`);

export default defineProject({
  plugins: [swc.vite()],
  resolve: {
    alias: [...Object.entries(nest10Dirs).map(([find, replacement]) => ({ find, replacement })), ...workspaceAlias],
  },
  test: {
    name: 'nestjs-v10',
    include: ['src/**/*.test.ts', ...shared],
    setupFiles: ['src/assert-nest10.ts'],
    testTimeout: 20_000,
  },
});
