import { AntomNotificationGuard } from '@antomkit/nestjs';
import { nest10Require, versionOf } from './nest10';

// Runs before every test file. @antomkit/nestjs's sources (packages/nestjs/src, next to the shared tests) must
// have been resolved against Nest 10: their guard injects this package's Nest 10 ModuleRef and Reflector.
const core = nest10Require('@nestjs/core') as typeof import('@nestjs/core');
const injected: unknown[] = Reflect.getMetadata('design:paramtypes', AntomNotificationGuard) ?? [];
if (injected[0] !== core.ModuleRef || injected[1] !== core.Reflector) {
  throw new Error(
    `@antomkit/nestjs's sources were not resolved against this package's @nestjs/core ${versionOf('@nestjs/core')}: check the aliases in vitest.config.ts`,
  );
}
