// Packs every public package and checks the tarball the way npm users will get it: publint --strict and
// @arethetypeswrong/cli (node16 + bundler resolution; node10 cannot see subpath exports). Two packages at a time.
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);
const out = join(root, '.pack');
rmSync(out, { recursive: true, force: true });
mkdirSync(out);

const packages = readdirSync(join(root, 'packages'))
  .map((dir) => join(root, 'packages', dir))
  .map((dir) => ({ dir, pkg: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
  .filter(({ pkg }) => !pkg.private);

async function check({ dir, pkg }) {
  const { stdout } = await run('pnpm', ['pack', '--pack-destination', out], { cwd: dir });
  const tarball = stdout.trim().split('\n').pop();
  const lines = [];
  let ok = true;
  for (const [cmd, args] of [
    ['publint', ['--strict', tarball]],
    ['attw', ['--profile', 'node16', '--format', 'table-flipped', tarball]],
  ]) {
    try {
      await run(bin(cmd), args, { cwd: root });
      lines.push(`ok   ${pkg.name}: ${cmd}`);
    } catch (error) {
      ok = false;
      lines.push(`FAIL ${pkg.name}: ${cmd}\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    }
  }
  console.log(lines.join('\n'));
  return ok;
}

const queue = [...packages];
const results = [];
await Promise.all(
  [1, 2].map(async () => {
    for (let next = queue.shift(); next; next = queue.shift()) results.push(await check(next));
  }),
);
process.exit(results.every(Boolean) ? 0 : 1);
