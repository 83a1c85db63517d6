import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Resolves the way Node does from this package, whose dependencies are Nest 10. */
export const nest10Require = createRequire(import.meta.url);
const platformRequire = createRequire(nest10Require.resolve('@nestjs/platform-express'));
const dirOf = (name: string, from = nest10Require) => dirname(from.resolve(`${name}/package.json`));

export const NEST_PACKAGES = ['@nestjs/common', '@nestjs/core', '@nestjs/platform-express', '@nestjs/testing'];

/**
 * Where the tests' imports go: this package's Nest 10 copies, and the express that Nest 10's platform-express
 * ships (4.x), so the tests and @antomkit/nestjs's sources run on what a Nest 10 app has.
 */
export const nest10Dirs: Record<string, string> = {
  ...Object.fromEntries(NEST_PACKAGES.map((name) => [name, dirOf(name)])),
  express: dirOf('express', platformRequire),
};

export function versionOf(name: string): string {
  const dir = nest10Dirs[name];
  if (!dir) throw new Error(`${name} is not one of the aliased packages`);
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}
