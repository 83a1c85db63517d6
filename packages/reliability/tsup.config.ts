import { defineConfig } from 'tsup';
import { packageConfig } from '../../tsup.base';

// The shop process that the crash, many-instance and secrets tests start: built, so a start costs what a
// deployed shop's does, not a TypeScript transpile of the workspace.
export default defineConfig({
  ...packageConfig(['src/shop/main.ts'], { format: ['esm'], dts: false, splitting: false }),
  outDir: 'dist/shop',
  skipNodeModulesBundle: true,
});
