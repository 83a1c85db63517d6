import type { Suite } from '../harness';
import { clientSuite } from './client';
import { coldStartSuite } from './cold-start';
import { dedupeSuite } from './dedupe';
import { endpointsSuite } from './endpoints';
import { reportsSuite } from './reports';
import { signingSuite } from './signing';
import { verifyingSuite } from './verifying';

/** Every suite `pnpm bench` runs, in order. Add a file per suite and list it here. */
export const suites: Suite[] = [
  signingSuite,
  verifyingSuite,
  clientSuite,
  endpointsSuite,
  dedupeSuite,
  reportsSuite,
  coldStartSuite,
];
