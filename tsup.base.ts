import type { Options } from 'tsup';

/** The one build config: every public package is dual ESM + CJS with types. */
export function packageConfig(entry: string[], extra: Partial<Options> = {}): Options {
  return {
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    platform: 'node',
    splitting: true,
    treeshake: true,
    ...extra,
  };
}
