import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppServices } from '../app-services.js';
import { Dispatch } from '../dispatch/dispatch.entity.js';
import { launchDispatch } from '../dispatch/launch-dispatch.js';
import { BadUserInputError, DomainError, httpStatusOf, NotFoundError } from '../errors.js';
import { clientIp } from '../http/respond.js';
import { LtiLoginState, LtiPlatform } from './lti.entity.js';
import { Claims, Limits, LTI_VERSION } from './lti-vocabulary.js';
import { LtiLaunchRefused, verifyIdToken, type LtiLaunchClaims } from './verify-id-token.js';

/** The tool's URLs under PUBLIC_URL, pasted into the platform when registering Courier. */
export function ltiToolUrls(publicUrl: string) {
  return {
    loginUrl: `${publicUrl}/lti/login`,
    launchUrl: `${publicUrl}/lti/launch`,
    jwksUrl: `${publicUrl}/lti/jwks`,
    deepLinkUrl: `${publicUrl}/lti/deep-link`,
  };
}

/**
 * A dispatch's `format=lti` "package": nothing to upload, only what to paste into the platform
 * (the tool's URLs) and the platform registered on the dispatch, if any.
 */
export async function ltiDispatchConfiguration(
  em: EntityManager,
  publicUrl: string,
  where: { organizationId: string; dispatchId: string },
) {
  const dispatch = await em.findOne(Dispatch, {
    id: where.dispatchId,
    organization: where.organizationId,
  });
  if (!dispatch) throw new NotFoundError('Dispatch', where.dispatchId);
  const platform = await em.findOne(LtiPlatform, { dispatch: dispatch.id });
  return {
    format: 'lti',
    version: LTI_VERSION,
    tool: ltiToolUrls(publicUrl),
    platform: platform && {
      issuer: platform.issuer,
      clientId: platform.clientId,
      deploymentIds: platform.deploymentIds,
      authorizationUrl: platform.authorizationUrl,
      tokenUrl: platform.tokenUrl,
      jwksUrl: platform.jwksUrl,
    },
  };
}

/** Whether a path is one of the LTI routes (served on the dashboard's host, framable by LMSs). */
export function isLtiPath(pathname: string): boolean {
  return pathname.startsWith('/lti/');
}

/**
 * The LTI 1.3 tool endpoints. Pages here are shown inside the platform's frame, so they carry
 * their own headers: no frame restriction, no scripts, forms only to where they must go.
 */
export async function handleLti(
  services: AppServices,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const method = req.method ?? 'GET';
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('cache-control', 'no-store');
  res.setHeader('referrer-policy', 'no-referrer');
  const em = services.orm.em.fork() as EntityManager;
  try {
    if (url.pathname === '/lti/jwks' && method === 'GET') {
      const body = JSON.stringify(await services.lti.toolKeys.jwks(em));
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=300' });
      return void res.end(body);
    }
    if (url.pathname === '/lti/login' && (method === 'GET' || method === 'POST')) {
      const params = method === 'GET' ? url.searchParams : await readForm(req);
      return await login(services, em, params, res);
    }
    if (
      (url.pathname === '/lti/launch' || url.pathname === '/lti/deep-link') &&
      method === 'POST'
    ) {
      return await launch(services, em, await readForm(req), req, res);
    }
    throw new NotFoundError('LTI route', `${method} ${url.pathname}`.slice(0, 100));
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    if (!req.complete) req.resume();
    const code = err.code;
    sendPage(res, httpStatusOf[code], 'This course could not be opened', [
      `<p>${escapeHtml(err.message)}</p>`,
      `<p><small>Code: ${code}</small></p>`,
    ]);
  }
}

/**
 * OIDC third-party-initiated login: find the platform by issuer and client id, remember a
 * fresh state and nonce for a few minutes, and send the browser to the platform's
 * authorization endpoint, which posts the id_token back to our launch URL.
 */
async function login(
  services: AppServices,
  em: EntityManager,
  params: URLSearchParams,
  res: ServerResponse,
): Promise<void> {
  const param = (name: string, required: boolean): string | null => {
    const value = params.get(name);
    if (value === null || value === '') {
      if (required) throw new BadUserInputError(`The login request lacks ${name}`);
      return null;
    }
    if (value.length > Limits.loginParamChars)
      throw new BadUserInputError(`${name} is longer than ${Limits.loginParamChars} characters`);
    return value;
  };
  const iss = param('iss', true)!;
  const loginHint = param('login_hint', true)!;
  const targetLinkUri = param('target_link_uri', true)!;
  const clientId = param('client_id', false);
  const messageHint = param('lti_message_hint', false);
  const platforms = await em.find(
    LtiPlatform,
    clientId ? { issuer: iss, clientId } : { issuer: iss },
    { limit: 2 },
  );
  if (platforms.length === 0)
    throw new NotFoundError('LTI platform', clientId ? `${iss} / ${clientId}` : iss);
  if (platforms.length > 1)
    throw new BadUserInputError(
      'Several registrations share this issuer: the platform must send client_id',
    );
  const platform = platforms[0]!;
  const tool = ltiToolUrls(services.config.publicUrl);
  if (targetLinkUri !== tool.launchUrl && targetLinkUri !== tool.deepLinkUrl)
    throw new BadUserInputError(`target_link_uri must be ${tool.launchUrl} or ${tool.deepLinkUrl}`);
  const now = new Date();
  const state = randomBytes(32).toString('base64url');
  const nonce = randomBytes(32).toString('base64url');
  // Expired states go as new ones come, so the table holds only the logins in flight.
  await em.nativeDelete(LtiLoginState, { expiresAt: { $lt: now } });
  em.create(LtiLoginState, {
    state,
    nonce,
    platform,
    expiresAt: new Date(now.getTime() + Limits.loginStateSeconds * 1000),
  });
  await em.flush();
  const auth = new URL(platform.authorizationUrl);
  const query = {
    scope: 'openid',
    response_type: 'id_token',
    response_mode: 'form_post',
    prompt: 'none',
    client_id: platform.clientId,
    redirect_uri: targetLinkUri,
    login_hint: loginHint,
    state,
    nonce,
    ...(messageHint ? { lti_message_hint: messageHint } : {}),
  };
  for (const [k, v] of Object.entries(query)) auth.searchParams.set(k, v);
  res.writeHead(302, { location: auth.toString() });
  res.end();
}

/**
 * The platform's form post of the id_token. The state is taken (deleted) first, so it and its
 * nonce serve one launch at most, verified or not; then the token is verified, and a resource
 * link opens the player through the dispatch's own launch (cap, expiry, active flag and rate
 * limits applied to the platform's `sub`), while a deep-linking request shows the course to add.
 */
async function launch(
  services: AppServices,
  em: EntityManager,
  form: URLSearchParams,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const error = form.get('error');
  if (error) throw new LtiLaunchRefused(`The platform refused the login: ${error.slice(0, 100)}`);
  const idToken = form.get('id_token');
  const state = form.get('state');
  if (!idToken || !state) throw new BadUserInputError('The launch lacks id_token or state');
  if (state.length > 64) throw new LtiLaunchRefused('Unknown login state');
  const taken: Array<{ nonce: string; platform_id: string }> = await em.execute(
    'DELETE FROM lti_login_states WHERE state = ? AND expires_at > now() RETURNING nonce, platform_id',
    [state],
  );
  const login = taken[0];
  if (!login)
    throw new LtiLaunchRefused(
      'This login is unknown, expired or already used: launch again from the course',
    );
  const platform = await em.findOneOrFail(LtiPlatform, login.platform_id, {
    populate: ['dispatch'],
  });
  const claims = await verifyIdToken(idToken, platform, login.nonce, services.lti.platformKeys);
  if (claims.messageType === 'LtiDeepLinkingRequest')
    return deepLinkPage(services, em, platform, claims, res);
  const opened = await launchDispatch(
    { em, services },
    {
      key: platform.dispatch.key,
      learner: { id: claims.sub, name: claims.name, email: claims.email },
      ipAddress: clientIp(req, services.config.trustProxy),
      userAgent: req.headers['user-agent'] ?? null,
    },
  );
  await em.execute(
    `INSERT INTO lti_launch_contexts (dispatch_launch_id, platform_id, sub, lineitem_url, updated_at)
     VALUES (?, ?, ?, ?, now())
     ON CONFLICT (dispatch_launch_id) DO UPDATE SET lineitem_url = coalesce(excluded.lineitem_url, lti_launch_contexts.lineitem_url),
       platform_id = excluded.platform_id, updated_at = now()`,
    [opened.dispatchLaunchId, platform.id, claims.sub, claims.lineitemUrl],
  );
  res.writeHead(303, { location: opened.url });
  res.end();
}

/** The teacher's choice: this platform's dispatch, sent back as a signed LtiDeepLinkingResponse. */
async function deepLinkPage(
  services: AppServices,
  em: EntityManager,
  platform: LtiPlatform,
  claims: LtiLaunchClaims,
  res: ServerResponse,
): Promise<void> {
  const dispatch = await em.findOneOrFail(Dispatch, platform.dispatch.id, { populate: ['course'] });
  const title = dispatch.course.title;
  const jwt = await services.lti.toolKeys.sign(
    em,
    {
      iss: platform.clientId,
      aud: platform.issuer,
      nonce: randomBytes(16).toString('base64url'),
      [Claims.deploymentId]: claims.deploymentId,
      [Claims.messageType]: 'LtiDeepLinkingResponse',
      [Claims.version]: LTI_VERSION,
      ...(claims.deepLinking!.data !== null
        ? { [Claims.deepLinkingData]: claims.deepLinking!.data }
        : {}),
      [Claims.contentItems]: [
        {
          type: 'ltiResourceLink',
          title,
          url: ltiToolUrls(services.config.publicUrl).launchUrl,
          lineItem: { scoreMaximum: 100, label: title },
        },
      ],
    },
    600,
  );
  const returnUrl = claims.deepLinking!.returnUrl;
  res.setHeader(
    'content-security-policy',
    `default-src 'none'; style-src 'unsafe-inline'; form-action ${new URL(returnUrl).origin}`,
  );
  sendPage(res, 200, 'Add a course from Courier', [
    `<p>Courier dispatch for <strong>${escapeHtml(dispatch.recipientName)}</strong>:</p>`,
    `<form method="post" action="${escapeHtml(returnUrl)}">`,
    `<input type="hidden" name="JWT" value="${escapeHtml(jwt)}">`,
    `<p><strong>${escapeHtml(title)}</strong></p>`,
    `<button type="submit">Add “${escapeHtml(title)}”</button>`,
    '</form>',
  ]);
}

/** Reads a form post, refusing bodies past Limits.formBytes. */
async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const type = String(req.headers['content-type'] ?? '');
  if (!type.startsWith('application/x-www-form-urlencoded'))
    throw new BadUserInputError('Send the form as application/x-www-form-urlencoded');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > Limits.formBytes)
      throw new DomainError(
        'PAYLOAD_TOO_LARGE',
        `The form is larger than ${Limits.formBytes} bytes`,
      );
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function sendPage(res: ServerResponse, status: number, title: string, body: string[]): void {
  if (!res.hasHeader('content-security-policy'))
    res.setHeader('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font:16px system-ui,sans-serif;margin:2rem;max-width:40rem}</style></head>
<body><h1>${escapeHtml(title)}</h1>${body.join('\n')}</body></html>`,
  );
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}
