import { randomBytes } from 'node:crypto';
import { newId } from '../state/store';
import type { Authorization } from '../state/types';
import { antomTime } from '../time';
import type { Handler, HandlerContext } from './context';
import { oneOf, optionalString, optionalUrl, requireString } from './fields';
import { GatewayError, success } from './result';

const SCOPES = ['AGREEMENT_PAY', 'BASE_USER_INFO', 'USER_INFO', 'USER_LOGIN_ID', 'HASH_LOGIN_ID', 'SEND_OTP'];
const DAY = 24 * 3600 * 1000;

function token(prefix: string): string {
  return `${prefix}${randomBytes(18).toString('base64url')}`;
}

export const authorizationsConsult: Handler = (ctx) => {
  const { body, rt, owner } = ctx;
  const customerBelongsTo = requireString(body, 'customerBelongsTo', 64);
  const authRedirectUrl = optionalUrl(body, 'authRedirectUrl');
  if (!authRedirectUrl) throw new GatewayError('PARAM_ILLEGAL', 'authRedirectUrl is required.');
  const scopes = body.scopes;
  if (!Array.isArray(scopes) || scopes.length === 0) {
    throw new GatewayError('PARAM_ILLEGAL', 'scopes is required (e.g. ["AGREEMENT_PAY"]).');
  }
  for (const s of scopes) {
    if (typeof s !== 'string' || !SCOPES.includes(s)) {
      throw new GatewayError('PARAM_ILLEGAL', `scopes must only contain ${SCOPES.join(', ')}.`);
    }
  }
  const auth: Authorization = {
    owner,
    authId: newId('auth'),
    customerBelongsTo,
    scopes: scopes as string[],
    authState: optionalString(body, 'authState', 256),
    authRedirectUrl,
    authNotifyUrl: optionalUrl(body, 'authNotifyUrl'),
    codeUsed: false,
    userLoginId: `sandbox-buyer-${randomBytes(3).toString('hex')}`,
    status: 'PENDING',
  };
  rt.store.authorizations.set(auth.authId, auth);
  const url = `${rt.url}/authorize/${auth.authId}`;
  return success({ authUrl: url, normalUrl: url });
};

function owned(ctx: HandlerContext, match: (a: Authorization) => boolean): Authorization | undefined {
  for (const a of ctx.rt.store.authorizations.values()) if (a.owner === ctx.owner && match(a)) return a;
  return undefined;
}

function issue(a: Authorization) {
  const now = Date.now();
  a.accessToken = token('sbx_at_');
  a.refreshToken = token('sbx_rt_');
  a.accessTokenExpiryTime = antomTime(now + 30 * DAY);
  a.refreshTokenExpiryTime = antomTime(now + 60 * DAY);
  a.status = 'TOKEN_ISSUED';
  return success({
    accessToken: a.accessToken,
    accessTokenExpiryTime: a.accessTokenExpiryTime,
    refreshToken: a.refreshToken,
    refreshTokenExpiryTime: a.refreshTokenExpiryTime,
    userLoginId: a.userLoginId,
  });
}

export const applyToken: Handler = (ctx) => {
  const grantType = oneOf(ctx.body, 'grantType', ['AUTHORIZATION_CODE', 'REFRESH_TOKEN'] as const);
  requireString(ctx.body, 'customerBelongsTo', 64);
  if (grantType === 'AUTHORIZATION_CODE') {
    const code = requireString(ctx.body, 'authCode', 256);
    const a = owned(ctx, (x) => x.authCode === code);
    if (!a || a.codeUsed) throw new GatewayError('INVALID_CODE', 'authCode is unknown or was already used.');
    a.codeUsed = true;
    return issue(a);
  }
  const refresh = requireString(ctx.body, 'refreshToken', 256);
  const a = owned(ctx, (x) => x.refreshToken === refresh);
  if (a?.status !== 'TOKEN_ISSUED') {
    throw new GatewayError('INVALID_REFRESH_TOKEN', 'refreshToken is unknown or was revoked.');
  }
  return issue(a);
};

export const revoke: Handler = (ctx) => {
  const accessToken = requireString(ctx.body, 'accessToken', 256);
  const a = owned(ctx, (x) => x.accessToken === accessToken);
  if (a?.status !== 'TOKEN_ISSUED') {
    throw new GatewayError('INVALID_ACCESS_TOKEN', 'accessToken is unknown or was already revoked.');
  }
  a.status = 'REVOKED';
  const url = a.authNotifyUrl ?? ctx.rt.merchantNotifyUrl(ctx.owner);
  if (url) {
    ctx.rt.notifier.send({
      type: 'TOKEN_CANCELED',
      owner: a.owner,
      url,
      payload: { authorizationNotifyType: 'TOKEN_CANCELED', accessToken, userLoginId: a.userLoginId },
    });
  }
  return success();
};
