import { checkKnownHosts, fingerprint } from './host-key';
import { CliError, EXIT_NO, EXIT_USAGE } from './io';
import { type RemoteReport, type ReportSource, SAFE_NAME } from './report-download';

export interface SftpSourceOptions {
  host: string;
  port: number;
  user: string;
  /** The private key file's bytes (OpenSSH or PEM); `keyFile` only names it in messages. */
  privateKey: Buffer;
  keyFile: string;
  passphrase?: string;
  /** Either the expected `SHA256:...` fingerprint, or known_hosts text (and its path, for messages). */
  hostKey: { fingerprint: string } | { knownHosts: string; knownHostsFile: string };
  /** Antom's root folder: `/v1/settlements`, holding `<merchantId>/<yyyyMMdd>/<file>`. */
  remoteDir: string;
  merchantId?: string;
  /** `yyyyMMdd`: skip date folders before it. */
  since?: string;
  timeout: number;
  /** Notes for the user (files that are not CSV). */
  note(text: string): void;
}

/** `yyyyMMdd` as Antom's paths show; `yyyy-MM-dd` too (Antom's FAQ writes dates that way, and names can be customized). */
const DATE_DIR = /^\d{4}-?\d{2}-?\d{2}$/;

/** Antom's SFTP server (or any with its layout): `<remoteDir>/<merchantId>/<yyyyMMdd>/<report>.csv`. */
export async function sftpReportSource(options: SftpSourceOptions): Promise<ReportSource> {
  const { default: Client } = await import('ssh2-sftp-client');
  const client = new Client('antom-reports');
  // Without TCP_NODELAY every SFTP request waits out Nagle + delayed ACK: ~200 ms per listing or read here.
  const ssh = (
    client as unknown as { client: { on(e: 'connect', f: () => void): void; setNoDelay(on: boolean): void } }
  ).client;
  ssh.on('connect', () => ssh.setNoDelay(true));
  const where = `${options.user}@${options.host}:${options.port}`;
  let hostKeyProblem: string | undefined;
  try {
    await client.connect({
      host: options.host,
      port: options.port,
      username: options.user,
      privateKey: options.privateKey,
      ...(options.passphrase ? { passphrase: options.passphrase } : {}),
      readyTimeout: options.timeout,
      keepaliveInterval: 10_000,
      keepaliveCountMax: 3,
      hostVerifier: (key: Buffer) => {
        hostKeyProblem = hostKeyCheck(options, key);
        return hostKeyProblem === undefined;
      },
    });
  } catch (error) {
    await client.end().catch(() => undefined);
    if (hostKeyProblem !== undefined) throw new CliError(hostKeyProblem, EXIT_USAGE);
    throw connectError(error as Error & { code?: unknown }, options, where);
  }

  const list = async (path: string) => {
    try {
      return await client.list(path);
    } catch (error) {
      const missing = (error as { code?: unknown }).code === 2;
      throw new CliError(
        missing
          ? `no folder ${path} on ${where} (check --merchant-id and --remote-dir)`
          : `listing ${path} on ${where} failed: ${(error as Error).message}`,
        EXIT_NO,
      );
    }
  };
  const remoteDir = options.remoteDir.replace(/\/+$/, '');

  return {
    async list() {
      const merchants = options.merchantId
        ? [options.merchantId]
        : (await list(remoteDir)).filter((e) => e.type === 'd' && SAFE_NAME.test(e.name)).map((e) => e.name);
      const reports: (RemoteReport & { path: string })[] = [];
      let skipped = 0;
      for (const merchant of merchants.sort()) {
        const dates = (await list(`${remoteDir}/${merchant}`))
          .filter((e) => e.type === 'd' && DATE_DIR.test(e.name))
          .filter((e) => !options.since || e.name.replace(/-/g, '') >= options.since)
          .map((e) => e.name)
          .sort();
        for (const date of dates) {
          for (const file of (await list(`${remoteDir}/${merchant}/${date}`)).sort((a, b) =>
            a.name.localeCompare(b.name),
          )) {
            if (file.type !== '-') continue;
            if (!file.name.toLowerCase().endsWith('.csv')) {
              skipped++;
              continue;
            }
            reports.push({
              name: file.name,
              local: `${merchant}/${date}/${file.name}`,
              size: file.size,
              path: `${remoteDir}/${merchant}/${date}/${file.name}`,
            });
          }
        }
      }
      if (skipped > 0) options.note(`ignoring ${skipped} file(s) that are not CSV (.xlsx copies): only CSV is fetched`);
      return reports;
    },
    async download(report, sink) {
      await client.get((report as RemoteReport & { path: string }).path, sink);
    },
    async close() {
      await client.end().catch(() => undefined);
    },
  };
}

function hostKeyCheck(options: SftpSourceOptions, key: Buffer): string | undefined {
  const shown = fingerprint(key);
  const server = options.port === 22 ? options.host : `${options.host}:${options.port}`;
  if ('fingerprint' in options.hostKey) {
    if (shown === options.hostKey.fingerprint) return undefined;
    return (
      `the host key of ${server} is ${shown}, not the --host-key-fingerprint ${options.hostKey.fingerprint}: ` +
      'refusing to connect (the server changed its key, or someone is in between). Check the key with Antom.'
    );
  }
  const file = options.hostKey.knownHostsFile;
  const verdict = checkKnownHosts(options.hostKey.knownHosts, options.host, options.port, key);
  if (verdict.ok) return undefined;
  if (verdict.reason === 'unknown')
    return (
      `${server} is not in ${file}: check its host key with Antom, then pass --host-key-fingerprint ` +
      `(the server showed ${shown}) or add it to known_hosts`
    );
  return `the host key of ${server} (${shown}) ${
    verdict.reason === 'revoked' ? 'is marked @revoked' : 'does not match the one'
  } in ${file}: refusing to connect (the server changed its key, or someone is in between)`;
}

function connectError(error: Error & { code?: unknown }, options: SftpSourceOptions, where: string): CliError {
  const message = error.message ?? String(error);
  const keyProblem = /Cannot parse privateKey: (.*)|does not contain a \(valid\) private key/.exec(message);
  if (keyProblem) {
    const detail = keyProblem[1] ?? 'no private key in it';
    const hint = /passphrase/i.test(detail) ? ' (set ANTOM_SFTP_PASSPHRASE)' : '';
    return new CliError(`--key ${options.keyFile} is not a usable SSH private key: ${detail}${hint}`, EXIT_USAGE);
  }
  if (/authentication methods failed/i.test(message))
    return new CliError(`${where} refused the key ${options.keyFile} (authentication failed)`, EXIT_USAGE);
  const code = typeof error.code === 'string' ? error.code : undefined;
  return new CliError(`cannot connect to ${where} (${code ?? message.replace(/^[\w.>-]+: /, '')})`, EXIT_NO);
}
