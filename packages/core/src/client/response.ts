import { AntomResponseSignatureError, AntomSignatureError } from '../errors';
import { safeJsonParse } from '../json';
import type { KeyLookup } from '../keys';
import { type ParsedSignatureHeader, parseSignatureHeader, verifyParsed } from '../signature';

export interface RawResponse {
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface AntomResult {
  resultCode: string;
  resultStatus: 'S' | 'F' | 'U' | (string & {});
  resultMessage: string;
}

export interface VerifiedResponse {
  body: Record<string, unknown>;
  result: AntomResult;
  signed: boolean;
}

export function header(headers: RawResponse['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function refuse(code: string, message: string): never {
  throw new AntomResponseSignatureError(code, message);
}

function parseBody(body: Buffer): { parsed: Record<string, unknown>; result: AntomResult } | undefined {
  let parsed: unknown;
  try {
    parsed = safeJsonParse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const result = (parsed as { result?: unknown }).result;
  if (typeof result !== 'object' || result === null) return undefined;
  const { resultCode, resultStatus, resultMessage } = result as Record<string, unknown>;
  if (typeof resultCode !== 'string' || typeof resultStatus !== 'string') return undefined;
  return {
    parsed: parsed as Record<string, unknown>,
    result: { resultCode, resultStatus, resultMessage: typeof resultMessage === 'string' ? resultMessage : '' },
  };
}

/**
 * Verifies the raw response bytes against `POST <signed path>\n<client-id>.<response-time>.<body>` with the
 * Antom key for the header's keyVersion, then parses. Fail-closed: a signature is required unless BOTH the
 * signature and response-time headers are absent and the result is F or U (Antom's rule since 2026-09).
 */
export function verifyResponse(
  raw: RawResponse,
  context: { path: string; clientId: string; antomKeys: KeyLookup },
): VerifiedResponse {
  const signatureHeader = header(raw.headers, 'signature');
  const time = header(raw.headers, 'response-time');
  if (signatureHeader === undefined && time === undefined) {
    const parsed = parseBody(raw.body);
    if (!parsed)
      refuse('RESPONSE_MALFORMED', `Antom's answer to ${context.path} is unsigned and has no readable result.`);
    if (parsed.result.resultStatus !== 'F' && parsed.result.resultStatus !== 'U') {
      refuse(
        'RESPONSE_UNSIGNED',
        `Antom's answer to ${context.path} claims resultStatus ${parsed.result.resultStatus.slice(0, 4)} but is unsigned; refused. Check that nothing between you and Antom rewrites responses.`,
      );
    }
    return { body: parsed.parsed, result: parsed.result, signed: false };
  }
  if (signatureHeader === undefined || time === undefined) {
    refuse(
      'RESPONSE_SIGNATURE_INCOMPLETE',
      `Antom's answer to ${context.path} has a ${signatureHeader === undefined ? 'response-time but no signature' : 'signature but no response-time'} header; refused.`,
    );
  }
  let parsedHeader: ParsedSignatureHeader;
  try {
    parsedHeader = parseSignatureHeader(signatureHeader);
  } catch (error) {
    refuse(
      'RESPONSE_SIGNATURE_MALFORMED',
      `Antom's answer to ${context.path} has an unreadable signature header: ${(error as AntomSignatureError).message}`,
    );
  }
  const publicKey = context.antomKeys(parsedHeader.keyVersion);
  if (!publicKey) {
    refuse(
      'RESPONSE_KEY_UNKNOWN',
      `Antom signed its answer to ${context.path} with keyVersion ${String(parsedHeader.keyVersion).slice(0, 16)}, which is not in antomPublicKey; add that key from the dashboard.`,
    );
  }
  const clientId = header(raw.headers, 'client-id') ?? context.clientId;
  const valid = verifyParsed({ path: context.path, clientId, time, body: raw.body }, parsedHeader, publicKey);
  if (!valid) {
    refuse(
      'RESPONSE_SIGNATURE_INVALID',
      `Antom's answer to ${context.path} does not verify with antomPublicKey; refused. Check that antomPublicKey is Antom's key for this environment (sandbox and live differ), not your own.`,
    );
  }
  const parsed = parseBody(raw.body);
  if (!parsed) refuse('RESPONSE_MALFORMED', `Antom's signed answer to ${context.path} has no readable result.`);
  return { body: parsed.parsed, result: parsed.result, signed: true };
}
