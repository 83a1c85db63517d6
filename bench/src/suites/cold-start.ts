import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Pair, Result, Suite } from '../harness';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));

export interface PublicPackage {
  name: string;
  dir: string;
  /** The ESM entry of the built package (`exports['.'].import.default`). */
  entry: string;
}

export function publicPackages(): PublicPackage[] {
  const base = join(root, 'packages');
  return readdirSync(base)
    .map((d) => join(base, d))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, pkg: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
    .filter(({ pkg }) => pkg.private !== true)
    .map(({ dir, pkg }) => ({ name: pkg.name as string, dir, entry: join(dir, pkg.exports['.'].import.default) }));
}

/** Builds the workspace once when a public package has no dist yet. */
export function ensureBuilt(packages: PublicPackage[]): void {
  if (packages.every((p) => existsSync(p.entry))) return;
  console.log('  dist missing: running pnpm build');
  execFileSync('pnpm', ['build'], { cwd: root, stdio: 'inherit' });
}

/** Wall time of a fresh `node --input-type=module -e <code>`, in ms. */
export function nodeStartup(code: string): () => Promise<number> {
  return async () => {
    const start = performance.now();
    await run(process.execPath, ['--input-type=module', '-e', code], { cwd: root });
    return performance.now() - start;
  };
}

export function importCode(entry: string): string {
  return `await import(${JSON.stringify(pathToFileURL(entry).href)});`;
}

/** `pnpm pack` into a temp dir; the tarball's size in bytes. */
export function packedSize(dir: string): number {
  const out = mkdtempSync(join(tmpdir(), 'antom-pack-'));
  try {
    execFileSync('pnpm', ['pack', '--pack-destination', out], { cwd: dir, stdio: 'ignore' });
    const tarball = readdirSync(out).find((f) => f.endsWith('.tgz'));
    if (!tarball) throw new Error(`pnpm pack produced no tarball in ${dir}`);
    return statSync(join(out, tarball)).size;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export const coldStartSuite: Suite = {
  name: 'cold start',
  async setup() {
    const packages = publicPackages();
    ensureBuilt(packages);
    const baseline = nodeStartup('');
    const pairs: Pair[] = packages.map((p) => ({
      name: `import ${p.name}`,
      unit: 'ms',
      higherIsBetter: false,
      baselineLabel: "node -e '' (bare startup)",
      ours: nodeStartup(importCode(p.entry)),
      baseline,
    }));
    // For reading the table: what core's one runtime dependency costs on its own.
    const core = packages.find((p) => p.name === '@antomkit/core');
    if (core) {
      pairs.push({
        name: 'import undici (reference: core dependency)',
        unit: 'ms',
        higherIsBetter: false,
        baselineLabel: "node -e '' (bare startup)",
        ours: nodeStartup(importCode(createRequire(join(core.dir, 'package.json')).resolve('undici'))),
        baseline,
      });
    }
    return {
      pairs,
      async extra(): Promise<Result[]> {
        return packages.map((p) => ({
          suite: 'packed size',
          name: p.name,
          unit: 'bytes',
          ours: packedSize(p.dir),
          baseline: null,
          ratio: null,
          target: null,
          higherIsBetter: false,
          pass: null,
          baselineLabel: 'pnpm pack tarball',
          rounds: 1,
          ratios: [],
        }));
      },
    };
  },
};
