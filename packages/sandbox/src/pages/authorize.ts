import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, readBody, redirect, tooLarge } from '../http/body';
import type { SandboxRuntime } from '../runtime';
import { html, page } from './html';
import { sendHtml } from './respond';

/** `GET|POST /authorize/:authId`: the wallet's consent page behind authorizations/consult's `authUrl`. */
export async function handleAuthorize(
  req: IncomingMessage,
  res: ServerResponse,
  authId: string,
  rt: SandboxRuntime,
): Promise<void> {
  const auth = rt.store.authorizations.get(authId);
  if (!auth) return sendHtml(res, 404, page('Not found', html`<section><h1>No such authorization</h1></section>`));
  if (req.method === 'POST') {
    let approved = false;
    try {
      approved = new URLSearchParams((await readBody(req, 1024)).toString('utf8')).get('action') === 'approve';
    } catch (error) {
      if (error instanceof BodyTooLargeError) return tooLarge(res, error.limit);
      throw error;
    }
    const target = new URL(auth.authRedirectUrl!);
    if (approved && auth.status === 'PENDING') {
      auth.authCode = `sbx_code_${randomBytes(12).toString('base64url')}`;
      auth.status = 'AUTHORIZED';
      const url = auth.authNotifyUrl ?? rt.merchantNotifyUrl(auth.owner);
      if (url) {
        rt.notifier.send({
          type: 'AUTHCODE_CREATED',
          owner: auth.owner,
          url,
          payload: { authorizationNotifyType: 'AUTHCODE_CREATED', authCode: auth.authCode, authState: auth.authState },
        });
      }
    }
    if (auth.authCode) target.searchParams.set('authCode', auth.authCode);
    if (auth.authState) target.searchParams.set('authState', auth.authState);
    return redirect(res, target.toString());
  }
  sendHtml(
    res,
    200,
    page(
      'Authorize',
      html`<section class="cashier">
  <p class="muted">${auth.customerBelongsTo} wallet</p>
  <h1>Allow this merchant: ${auth.scopes.join(', ')}?</h1>
  <form method="post" class="actions">
    <button class="primary" name="action" value="approve" data-testid="authorize-approve">Allow</button>
    <button name="action" value="deny" data-testid="authorize-deny">Deny</button>
  </form>
</section>`,
    ),
  );
}
