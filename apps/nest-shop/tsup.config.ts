import { defineConfig } from 'tsup';
import { packageConfig } from '../../tsup.base';

// tsconfig's emitDecoratorMetadata makes tsup compile with swc, so Nest's decorator metadata survives.
export default defineConfig(packageConfig(['src/main.ts', 'src/app.ts'], { format: ['esm'], dts: false }));
