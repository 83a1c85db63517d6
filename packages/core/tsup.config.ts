import { defineConfig } from 'tsup';
import { packageConfig } from '../../tsup.base';

export default defineConfig(
  packageConfig(['src/index.ts', 'src/testing/index.ts', 'src/payment-routes/index.ts', 'src/reports/index.ts']),
);
