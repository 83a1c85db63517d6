// Packs every public package and checks the tarball the way npm users will get it: publint --strict and
// @arethetypeswrong/cli (node16 + bundler resolution; node10 cannot see subpath exports).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, '.pack');
rmSync(out, { recursive: true, force: true });
mkdirSync(out);
let failed = false;
for (const dir of readdirSync(join(root, 'packages'))) {
  const pkgDir = join(root, 'packages', dir);
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  if (pkg.private) continue;
  const tarball = execFileSync('pnpm', ['pack', '--pack-destination', out], { cwd: pkgDir, encoding: 'utf8' })
    .trim()
    .split('\n')
    .pop();
  for (const [cmd, args] of [
    ['publint', ['--strict', tarball]],
    ['attw', ['--profile', 'node16', '--format', 'table-flipped', tarball]],
  ]) {
    try {
      execFileSync('pnpm', ['exec', cmd, ...args], { cwd: root, stdio: 'pipe', encoding: 'utf8' });
      console.log(`ok   ${pkg.name}: ${cmd}`);
    } catch (error) {
      failed = true;
      console.error(`FAIL ${pkg.name}: ${cmd}\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    }
  }
}
process.exit(failed ? 1 : 0);
