import { commandGroup } from '../command-group';
import type { Command } from '../io';
import { reportsFetch } from './reports-fetch';
import { reportsParse } from './reports-parse';
import { reportsReconcile } from './reports-reconcile';

const subcommands: Record<string, Command> = { parse: reportsParse, reconcile: reportsReconcile, fetch: reportsFetch };

const help = `antom reports <command>

${Object.entries(subcommands)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join('\n')}

Run antom reports <command> --help for its options.`;

export const reports = commandGroup(
  'reports',
  { summary: 'parse, reconcile and fetch settlement reports', help, hint: Object.keys(subcommands).join(', ') },
  subcommands,
);
