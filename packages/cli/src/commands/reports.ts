import { CliError, type Command, EXIT_OK, out } from '../io';
import { reportsFetch } from './reports-fetch';
import { reportsParse } from './reports-parse';
import { reportsReconcile } from './reports-reconcile';

const subcommands: Record<string, Command> = { parse: reportsParse, reconcile: reportsReconcile, fetch: reportsFetch };

const help = `antom reports <command>

${Object.entries(subcommands)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join('\n')}

Run antom reports <command> --help for its options.`;

export const reports: Command = {
  summary: 'parse, reconcile and fetch settlement reports',
  help,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === undefined || sub === '--help' || sub === '-h') {
      out(io, help);
      return sub === undefined ? 2 : EXIT_OK;
    }
    const command = subcommands[sub];
    if (!command) throw new CliError(`unknown command "reports ${sub}" (${Object.keys(subcommands).join(', ')})`);
    return command.run(rest, io);
  },
};
