import { CliError, type Command, EXIT_OK, EXIT_USAGE, out } from './io';

/**
 * `antom <name> <command>`: no command prints `help` (exit 2), `--help` prints it (exit 0), an unknown one is a
 * usage error ending in `hint`; the rest goes to the command.
 */
export function commandGroup(
  name: string,
  group: { summary: string; help: string; hint: string },
  commands: Record<string, Command>,
): Command {
  return {
    summary: group.summary,
    help: group.help,
    async run(args, io) {
      const [sub, ...rest] = args;
      if (sub === undefined || sub === '--help' || sub === '-h') {
        out(io, group.help);
        return sub === undefined ? EXIT_USAGE : EXIT_OK;
      }
      const command = Object.hasOwn(commands, sub) ? commands[sub] : undefined;
      if (!command) throw new CliError(`unknown command "${name} ${sub}" (${group.hint})`);
      return command.run(rest, io);
    },
  };
}
