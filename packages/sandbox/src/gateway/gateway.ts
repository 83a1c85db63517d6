import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type ParsedSignatureHeader,
  parseSignatureHeader,
  safeJsonParse,
  signRequest,
  verifyParsed,
} from '@antomkit/core';
import { BodyTooLargeError, readBody, tooLarge } from '../http/body';
import type { SandboxRuntime } from '../runtime';
import { agentOwner, type Merchant } from '../state/store';
import { antomTime } from '../time';
import { type ApiBody, GatewayError, resultOf, UNSIGNED_CODES } from './result';
import { ROUTES } from './routes';

export interface GatewayTarget {
  /** `/v1/payments/pay` */
  apiPath: string;
  /** Path and query as requested: the string the caller signed and the one the response is signed with. */
  signedPath: string;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isJson(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || type.endsWith('+json');
}

function pickKey(merchant: Merchant, parsed: ParsedSignatureHeader) {
  if (parsed.keyVersion !== undefined) return merchant.publicKeys.get(parsed.keyVersion);
  const latest = [...merchant.publicKeys.keys()].sort((a, b) => Number(b) - Number(a))[0];
  return latest === undefined ? undefined : merchant.publicKeys.get(latest);
}

/** One Antom API call: faults, checks in Antom's order, the scenario switch, the handler, a signed answer. */
export async function handleGateway(
  req: IncomingMessage,
  res: ServerResponse,
  target: GatewayTarget,
  rt: SandboxRuntime,
): Promise<void> {
  const started = Date.now();
  const latency = rt.faults.take(['latency'], { path: target.apiPath });
  if (latency) await sleep(latency.ms ?? 1000);
  const broken = rt.faults.take(['http-error', 'reset'], { path: target.apiPath });
  if (broken?.kind === 'reset') {
    req.socket.destroy();
    return;
  }
  if (broken) {
    res.writeHead(broken.status ?? 500, { 'content-type': 'text/plain; charset=UTF-8' });
    res.end('Sandbox fault: injected server error.');
    return;
  }

  const clientId = header(req, 'client-id');
  const merchant = clientId ? rt.store.merchants.get(clientId) : undefined;
  const answer = (body: ApiBody) => {
    const code = body.result.resultCode;
    const signed = merchant !== undefined && !UNSIGNED_CODES.has(code);
    const text = JSON.stringify(body);
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=UTF-8' };
    if (signed) {
      const time = antomTime();
      headers['client-id'] = merchant.clientId;
      headers['response-time'] = time;
      headers.signature = signRequest({
        path: target.signedPath,
        clientId: merchant.clientId,
        time,
        body: text,
        privateKey: rt.antomPrivateKey,
      });
    }
    res.writeHead(200, headers);
    res.end(text);
    rt.recordCall({
      at: antomTime(started),
      path: target.apiPath,
      clientId: clientId ?? '',
      resultStatus: body.result.resultStatus,
      resultCode: code,
      durationMs: Date.now() - started,
    });
  };
  const refuse = (code: string, message: string) => answer(resultOf(code, 'F', message));

  if (req.method !== 'POST') {
    req.resume();
    return refuse('METHOD_NOT_SUPPORTED', `Antom's API takes POST, not ${req.method}.`);
  }
  if (!isJson(header(req, 'content-type'))) {
    req.resume();
    return refuse('MEDIA_TYPE_NOT_ACCEPTABLE', 'Content-Type must be application/json; charset=UTF-8.');
  }
  let raw: Buffer;
  try {
    raw = await readBody(req, rt.options.maxBodyBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return tooLarge(res, error.limit);
    throw error;
  }
  if (!clientId || !merchant) {
    return refuse('INVALID_CLIENT', clientId ? 'The Client-Id is not registered.' : 'The Client-Id header is missing.');
  }
  const time = header(req, 'request-time');
  const signatureHeader = header(req, 'signature');
  if (!time) return refuse('INVALID_SIGNATURE', 'The Request-Time header is missing.');
  if (!signatureHeader) return refuse('INVALID_SIGNATURE', 'The Signature header is missing.');
  let parsed: ParsedSignatureHeader;
  try {
    parsed = parseSignatureHeader(signatureHeader);
  } catch (error) {
    return refuse('INVALID_SIGNATURE', (error as Error).message);
  }
  const key = pickKey(merchant, parsed);
  if (!key) return refuse('KEY_NOT_FOUND', `No public key with keyVersion ${parsed.keyVersion} for this Client-Id.`);
  const content = { path: target.signedPath, clientId, time, body: raw };
  if (!verifyParsed(content, parsed, key)) {
    return refuse(
      'INVALID_SIGNATURE',
      `The signature does not match "POST ${target.signedPath}\\n${clientId}.${time}.<body>" for the registered key.`,
    );
  }
  const handler = ROUTES.get(target.apiPath);
  if (!handler) return refuse('NO_INTERFACE_DEF', `The sandbox has no API ${target.apiPath}.`);
  let body: unknown;
  try {
    body = safeJsonParse(raw.toString('utf8'));
  } catch {
    return refuse('PARAM_ILLEGAL', 'The body is not valid JSON.');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return refuse('PARAM_ILLEGAL', 'The body must be a JSON object.');
  }
  const scenario = rt.scenarios.take(target.apiPath);
  if (scenario) return answer(scenario);
  const agentToken = header(req, 'agent-token');
  let owner = merchant.clientId;
  if (agentToken !== undefined && agentToken !== '') {
    const agent = rt.store.agentTokens.get(agentToken);
    if (!agent || agent.clientId !== merchant.clientId) {
      return refuse('INVALID_ACCESS_TOKEN', 'The Agent-Token is not one this Client-Id issued.');
    }
    if (agent.revoked) return refuse('INVALID_ACCESS_TOKEN', 'The Agent-Token was revoked.');
    owner = agentOwner(agent.clientId, agent.merchantId);
  }
  try {
    answer(
      handler({
        owner,
        merchant,
        body: body as Record<string, unknown>,
        rt,
        ...(agentToken ? { agentToken } : {}),
      }),
    );
  } catch (error) {
    if (error instanceof GatewayError) return answer(resultOf(error.resultCode, error.resultStatus, error.message));
    answer(resultOf('UNKNOWN_EXCEPTION', 'U', 'The sandbox failed unexpectedly; inquire or retry.'));
    rt.reportError(error);
  }
}

export { GatewayError };
