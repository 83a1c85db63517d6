import { defineConfig } from 'tsup';
import { packageConfig } from '../../tsup.base';

// shims: import.meta.url in the CJS build (the optional @koa/router peer is loaded with createRequire).
export default defineConfig(packageConfig(['src/index.ts'], { shims: true }));
