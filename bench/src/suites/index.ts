import type { Suite } from '../harness';
import { clientSuite } from './client';
import { coldStartSuite } from './cold-start';
import { signingSuite } from './signing';
import { verifyingSuite } from './verifying';

/** Every suite `pnpm bench` runs, in order. Add a file per suite and list it here. */
export const suites: Suite[] = [signingSuite, verifyingSuite, clientSuite, coldStartSuite];
