// `pnpm demo [-- --shop express|nest|koa]`: the sample shop on the embedded sandbox, nothing else to set up.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';

// `pnpm demo -- --shop koa` hands the script a literal `--` first; drop it so `--shop` is still an option.
const argv = process.argv.slice(2).filter((arg) => arg !== '--');
const { values } = parseArgs({
  args: argv,
  options: { shop: { type: 'string', default: 'express' } },
  allowPositionals: true,
});
const shop = values.shop;
if (!['express', 'nest', 'koa'].includes(shop)) {
  console.error(`Unknown shop "${shop}"; use --shop express, nest or koa.`);
  process.exit(2);
}
const root = new URL('..', import.meta.url).pathname;
const app = `apps/${shop}-shop`;
const [cmd, args] = existsSync(`${root}${app}/package.json`)
  ? ['pnpm', ['--filter', `./${app}`, 'start']]
  : ['node', ['packages/sandbox/dist/bin.js']];
const child = spawn(cmd, args, { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
