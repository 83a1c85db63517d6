import { createRequire } from 'node:module';
import * as lib from '@antomkit/nestjs';

const run = createRequire(import.meta.url)('./run.cjs');
console.log(JSON.stringify({ format: 'esm', ...(await run(lib)) }));
