import { keys } from './commands/keys';
import { notify } from './commands/notify';
import { reports } from './commands/reports';
import { sandbox } from './commands/sandbox';
import { sign } from './commands/sign';
import { verify } from './commands/verify';
import { CliError, type Command, colours, defaultIo, EXIT_OK, EXIT_USAGE, err, type Io, out } from './io';

export const commands: Record<string, Command> = { keys, sign, verify, notify, reports, sandbox };

const help = `antom - the command line for Antom (Alipay global payments)

Usage: antom <command> [options]

${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`)
  .join('\n')}

Run antom <command> --help for its options. Exit codes: 0 ok, 1 a negative answer (invalid signature,
not acknowledged, differences found), 2 bad input. Colours only on a terminal; NO_COLOR turns them off.`;

/** Runs one command line and resolves to its exit code; never throws for user errors. */
export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    out(io, help);
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  try {
    if (!command)
      throw new CliError(`unknown command "${name}" (${Object.keys(commands).join(', ')}; see antom --help)`);
    return await command.run(args, io);
  } catch (error) {
    const c = colours(io.stderr, io.env);
    if (error instanceof CliError) {
      err(io, `${c.red('error')}: ${error.message}`);
      return error.exitCode;
    }
    err(io, `${c.red('error')}: ${(error as Error)?.message ?? String(error)}`);
    return EXIT_USAGE;
  }
}
