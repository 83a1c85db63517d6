import { defineConfig } from 'tsup';
import { packageConfig } from '../../tsup.base';

export default defineConfig(packageConfig(['src/main.ts', 'src/app.ts'], { format: ['esm'], dts: false }));
