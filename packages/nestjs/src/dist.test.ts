import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dir = fileURLToPath(new URL('../test/consumers/', import.meta.url));
const built = ['../dist/index.js', '../dist/index.cjs'].every((f) => existsSync(new URL(f, import.meta.url)));

// The built package (tsup + swc), loaded the way consumers load it: decorator metadata must survive both formats.
describe('built package in ESM and CJS consumers', () => {
  for (const file of ['consumer.mjs', 'consumer.cjs']) {
    it(`${file}: boots, injects the guard by metadata, verifies and acks a signed notification`, async () => {
      expect(built, 'dist/ is missing: run `pnpm --filter @antomkit/nestjs build` (turbo test depends on build)').toBe(
        true,
      );
      const { stdout } = await run(process.execPath, [file], { cwd: dir, timeout: 30_000 });
      expect(JSON.parse(stdout)).toEqual({
        format: file.endsWith('.mjs') ? 'esm' : 'cjs',
        status: 200,
        acked: true,
        handled: true,
        guardParamtypes: ['ModuleRef', 'Reflector'],
      });
    });
  }
});
