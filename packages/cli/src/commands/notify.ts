import { loadPrivateKey, signRequest } from '@antomkit/core';
import { toMinorUnits } from '@antomkit/core/reports';
import { readInput, readKey } from '../files';
import { CliError, type Command, colours, EXIT_NO, EXIT_OK, err, need, out, parse } from '../io';
import { NOTIFICATION_TYPES, notificationBody } from '../notification-bodies';

/** The one reply body Antom accepts as an acknowledgement, byte for byte. */
export const ACK = '{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}';

const help = `antom notify URL --type TYPE --client-id C --private-key-file K [options]

Sends a signed notification like Antom's to URL (signed with the path and query of URL), prints the reply and
whether it is the exact acknowledgement Antom expects. Exit 0 acknowledged, 1 not, 2 bad input.

  --type TYPE               ${NOTIFICATION_TYPES.join(', ')}
  --payment-request-id ID   the paymentRequestId your shop created (default: a fresh one)
  --amount V --currency C   amount in minor units (default 100 USD)
  --result S|F              success or failure (default S)
  --body-file F             send this exact body instead of a generated one
  --client-id C             the client id to put in the client-id header
  --private-key-file K      key to sign with: in tests, the private half of the "Antom public key" your app trusts
  --key-version N           keyVersion in the signature header (default 1)
  --time T                  request-time header (default now, ISO-8601)
  --timeout MS              give up after MS milliseconds (default 10000)
  --verbose                 also print the request headers and body (the signature is shortened)`;

export const notify: Command = {
  summary: 'send a signed test notification and check the ack',
  help,
  async run(args, io) {
    const { values, positionals } = parse(
      args,
      {
        type: { type: 'string' },
        'payment-request-id': { type: 'string' },
        amount: { type: 'string' },
        currency: { type: 'string' },
        result: { type: 'string' },
        'body-file': { type: 'string' },
        'client-id': { type: 'string' },
        'private-key-file': { type: 'string' },
        'key-version': { type: 'string' },
        time: { type: 'string' },
        timeout: { type: 'string' },
        verbose: { type: 'boolean' },
      },
      true,
    );
    if (values.help) {
      out(io, help);
      return EXIT_OK;
    }
    if (positionals.length !== 1) throw new CliError('give exactly one URL (see --help)');
    let url: URL;
    try {
      url = new URL(positionals[0]!);
    } catch {
      throw new CliError(`"${positionals[0]}" is not a URL; expected e.g. http://127.0.0.1:3000/antom/notifications`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CliError('the URL must be http or https');
    const type = need(values.type, '--type').toUpperCase();
    if (!values['body-file'] && !NOTIFICATION_TYPES.includes(type)) {
      throw new CliError(`unknown --type ${type}; one of ${NOTIFICATION_TYPES.join(', ')}`);
    }
    const result = (values.result ?? 'S').toUpperCase();
    if (result !== 'S' && result !== 'F') throw new CliError('--result is S or F');
    const currency = (values.currency ?? 'USD').toUpperCase();
    let value: string;
    try {
      value = toMinorUnits(values.amount ?? '100', currency, 'minor', undefined, '--amount');
    } catch (error) {
      throw new CliError((error as Error).message);
    }
    const clientId = need(values['client-id'], '--client-id');
    const privateKey = await readKey(
      io.cwd,
      need(values['private-key-file'], '--private-key-file'),
      'private',
      loadPrivateKey,
    );
    const timeout = Number(values.timeout ?? 10_000);
    if (!Number.isInteger(timeout) || timeout <= 0) throw new CliError('--timeout is a number of milliseconds');

    const now = new Date();
    const body = values['body-file']
      ? await readInput(io.cwd, values['body-file'], 'body file')
      : Buffer.from(
          JSON.stringify(
            notificationBody({
              type,
              amount: { currency, value },
              result,
              ...(values['payment-request-id'] ? { paymentRequestId: values['payment-request-id'] } : {}),
            }),
          ),
        );
    const time = values.time ?? now.toISOString().replace(/\.\d{3}Z$/, '+00:00');
    const path = url.pathname + url.search;
    const signature = signRequest({ path, clientId, time, body, privateKey, keyVersion: values['key-version'] ?? '1' });
    const headers = {
      'content-type': 'application/json; charset=UTF-8',
      'client-id': clientId,
      'request-time': time,
      signature,
    };
    const c = colours(io.stdout, io.env);
    if (values.verbose) {
      err(io, `POST ${url.href}`);
      for (const [name, v] of Object.entries(headers))
        err(io, `${name}: ${name === 'signature' ? `${v.slice(0, 40)}...` : v}`);
      err(io, `\n${body.toString('utf8')}\n`);
    }
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers,
        body: new Uint8Array(body),
        redirect: 'manual',
        signal: AbortSignal.timeout(timeout),
      });
    } catch (error) {
      const cause = describeFetchError(error);
      out(io, `${c.red('no reply')}: POST ${url.href} failed (${cause})`);
      return EXIT_NO;
    }
    const reply = await response.text();
    out(io, `${response.status} ${response.statusText}`);
    out(io, reply.length > 2000 ? `${reply.slice(0, 2000)}... (${reply.length} chars)` : reply);
    if (response.status === 200 && reply === ACK) {
      out(io, c.green('acknowledged: the reply is the exact ack Antom expects'));
      return EXIT_OK;
    }
    const why =
      response.status !== 200
        ? `status ${response.status}, Antom wants 200`
        : reply.trim() === ACK
          ? 'the body has extra whitespace around the ack'
          : `the body is not ${ACK}`;
    out(io, `${c.red('not acknowledged')}: ${why}; Antom would retry this notification`);
    return EXIT_NO;
  },
};

function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
