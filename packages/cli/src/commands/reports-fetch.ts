import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { readInput } from '../files';
import { parseFingerprint } from '../host-key';
import { CliError, type Command, EXIT_OK, err, type Io, need, out, parse, type Values } from '../io';
import { downloadReports, type ReportSource, SAFE_NAME } from '../report-download';
import { httpReportSource } from '../report-source-http';
import { sftpReportSource } from '../report-source-sftp';

const help = `antom reports fetch --host HOST --user USER --key FILE [--host-key-fingerprint SHA256:...] [options] [FILE...]
antom reports fetch --from GATEWAY [--out DIR] [--force] [FILE...]

Downloads Antom report files that are not in DIR yet. Each is written to <FILE>.part and renamed once it ends with
Antom's final <END> line; a file without it (truncated, or still being written) is refused and fetched next time.
Exit 0 all fetched, 1 some failed or the server could not be reached, 2 bad input (flags, key, host key).

Over SFTP, as Antom delivers them (isftp.alipay.com, port 22, your public IP allow-listed by Antom):
  <remote-dir>/<merchantId>/<yyyyMMdd>/transactionItems_<date>_000.csv, settlementItems_<currency>_<batch>_000.csv,
  settlementSummary_<currency>_<batch>_000.csv -> DIR/<merchantId>/<yyyyMMdd>/<file> (CSV only; .xlsx copies skipped)
  --host HOST                       the SFTP server
  --port PORT                       default 22
  --user USER                       the SFTP user name Antom gave you
  --key FILE                        your SSH private key (OpenSSH or PEM); if encrypted, its passphrase comes from
                                    $ANTOM_SFTP_PASSPHRASE (never from the command line)
  --host-key-fingerprint SHA256:..  the server's host key fingerprint (ssh-keygen -lf); without it the host must be
  --known-hosts FILE                in known_hosts (default ~/.ssh/known_hosts). An unknown or changed key is refused.
  --merchant-id ID                  only this merchant's folder (default: every folder under remote-dir)
  --since DATE                      only date folders (yyyyMMdd, or yyyy-MM-dd) from DATE on
  --remote-dir PATH                 default /v1/settlements

Over HTTP, from a gateway such as the local sandbox:
  GET <GATEWAY>/sandbox/reports          -> JSON list: ["transactionItems_20240101_000.csv", ...] or { "files": [{ "name": ... }] }
  GET <GATEWAY>/sandbox/reports/<FILE>   -> the CSV file, written to DIR/<FILE>
  --from GATEWAY                    origin of the gateway, e.g. http://127.0.0.1:4010

Both:
  --out DIR                         where to write (default: the current folder)
  --force                           fetch again files that are already there
  --timeout MS                      connect/request timeout (default 30000)
  FILE...                           only these file names (default: every listed file)`;

const options = {
  from: { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  user: { type: 'string' },
  key: { type: 'string' },
  'host-key-fingerprint': { type: 'string' },
  'known-hosts': { type: 'string' },
  'merchant-id': { type: 'string' },
  since: { type: 'string' },
  'remote-dir': { type: 'string' },
  out: { type: 'string' },
  force: { type: 'boolean' },
  timeout: { type: 'string' },
} as const;

const SFTP_ONLY = ['user', 'key', 'port', 'host-key-fingerprint', 'known-hosts', 'merchant-id', 'since', 'remote-dir'];

export const reportsFetch: Command = {
  summary: 'download report files over SFTP (Antom) or HTTP (the sandbox)',
  help,
  async run(args, io) {
    const { values, positionals } = parse(args, options, true);
    if (values.help) {
      out(io, help);
      return EXIT_OK;
    }
    const bad = positionals.find((name) => !SAFE_NAME.test(name));
    if (bad !== undefined)
      throw new CliError(`refusing the file name "${bad.slice(0, 80)}" (letters, digits, . _ - only)`);
    const timeout = positiveInteger(values.timeout ?? '30000', '--timeout');
    const source = await sourceFor(values, timeout, io);
    return downloadReports(
      source,
      { dir: resolve(io.cwd, values.out ?? '.'), force: values.force === true, only: positionals },
      io,
    );
  },
};

async function sourceFor(values: Values<typeof options>, timeout: number, io: Io): Promise<ReportSource> {
  if (values.from !== undefined && values.host !== undefined) throw new CliError('give --from or --host, not both');
  if (values.from !== undefined) {
    const sftpFlag = SFTP_ONLY.find((flag) => values[flag as keyof typeof values] !== undefined);
    if (sftpFlag) throw new CliError(`--${sftpFlag} is for SFTP (--host), not --from`);
    return httpReportSource(values.from, timeout);
  }
  if (values.host === undefined)
    throw new CliError('missing --host HOST (SFTP, as Antom delivers reports) or --from GATEWAY (see --help)');
  const host = values.host;
  const keyFile = need(values.key, '--key');
  const user = need(values.user, '--user');
  const port = positiveInteger(values.port ?? '22', '--port');
  if (port > 65_535) throw new CliError('--port is at most 65535');
  const merchantId = values['merchant-id'];
  if (merchantId !== undefined && !SAFE_NAME.test(merchantId))
    throw new CliError('--merchant-id has letters, digits, . _ - only');
  const privateKey = await readInput(io.cwd, keyFile, 'private key file');
  if (privateKey.length > 64 * 1024) throw new CliError(`--key ${keyFile} is too large to be an SSH private key`);
  const passphrase = io.env.ANTOM_SFTP_PASSPHRASE;
  return sftpReportSource({
    host,
    port,
    user,
    privateKey,
    keyFile,
    ...(passphrase ? { passphrase } : {}),
    hostKey: await hostKeyOption(values, io),
    remoteDir: values['remote-dir'] ?? '/v1/settlements',
    ...(merchantId ? { merchantId } : {}),
    ...(values.since !== undefined ? { since: sinceDate(values.since) } : {}),
    timeout,
    note: (text) => err(io, text),
  });
}

async function hostKeyOption(values: Values<typeof options>, io: Io) {
  const given = values['host-key-fingerprint'];
  if (given !== undefined) {
    const fingerprint = parseFingerprint(given);
    if (!fingerprint)
      throw new CliError('--host-key-fingerprint is SHA256:<43 base64 characters>, as `ssh-keygen -lf` prints it');
    return { fingerprint };
  }
  const file = values['known-hosts'] ?? resolve(homedir(), '.ssh', 'known_hosts');
  const path = resolve(io.cwd, file);
  try {
    return { knownHosts: await readFile(path, 'utf8'), knownHostsFile: file };
  } catch (error) {
    if (values['known-hosts'] !== undefined || (error as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new CliError(`cannot read the known_hosts file ${file}: ${(error as NodeJS.ErrnoException).code}`);
    return { knownHosts: '', knownHostsFile: file };
  }
}

function sinceDate(text: string): string {
  const match = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(text);
  const date = match ? `${match[1]}-${match[2]}-${match[3]}` : '';
  if (!match || Number.isNaN(Date.parse(date)) || new Date(date).toISOString().slice(0, 10) !== date)
    throw new CliError('--since is a date: yyyyMMdd or yyyy-MM-dd');
  return date.replace(/-/g, '');
}

function positiveInteger(text: string, flag: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new CliError(`${flag} is a positive whole number`);
  return Number(text);
}
