import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppServices } from '../app-services.js';
import type { Config } from '../config.js';
import { authenticate } from '../auth/authenticate.js';
import { bearerToken, lastForwarded, sendJson } from './respond.js';

/**
 * Which of the two origins a request came to. Course content runs on the content origin, so it
 * shares no storage, cookies or same-origin access with the dashboard; one port serves both and
 * tells them apart by the Host header.
 */
export type Site = 'dashboard' | 'content';

/** The site a request is for: the content origin's host, or (anything else) the dashboard. */
export function siteOf(req: IncomingMessage, config: Config): Site {
  const forwarded = config.trustProxy ? lastForwarded(req.headers['x-forwarded-host']) : null;
  const host = (forwarded ?? req.headers.host ?? '').trim().toLowerCase();
  return host !== '' && host === new URL(config.contentUrl).host ? 'content' : 'dashboard';
}

/**
 * Whether a request may only act for a launch (the player's token): it came to the content
 * origin, or a page on the content origin sent it (CORS lets it call the dashboard's API), so a
 * dashboard credential a course somehow obtained still does nothing there.
 */
export function isFromContent(req: IncomingMessage, config: Config): boolean {
  return siteOf(req, config) === 'content' || req.headers.origin === config.contentUrl;
}

/** Whether the request's bearer token is a session or an API key (not a launch token). */
export async function holdsDashboardCredential(
  services: AppServices,
  req: IncomingMessage,
): Promise<boolean> {
  const token = bearerToken(req.headers.authorization);
  if (!token) return false;
  const principal = await authenticate(services, () => services.orm.em.fork(), token);
  return principal.viewer !== null;
}

/** The GraphQL-shaped refusal of a dashboard credential sent from the content origin. */
export function refuseDashboardCredential(res: ServerResponse): void {
  sendJson(res, 403, {
    errors: [
      {
        message:
          'Sessions and API keys are not accepted from the content origin: only a launch token is',
        extensions: { code: 'FORBIDDEN' },
      },
    ],
  });
}

/** The paths the content origin serves; the rest of the app exists on the dashboard's only. */
export function servedOnContentSite(pathname: string): boolean {
  return (
    pathname === '/player' ||
    pathname.startsWith('/player/') ||
    pathname.startsWith('/content/') ||
    // The player's script and styles are built beside the dashboard's into one assets folder.
    pathname.startsWith('/assets/') ||
    pathname === '/graphql' ||
    pathname === '/api/runtime/commits' ||
    pathname === '/healthz'
  );
}

/**
 * Headers on every dashboard answer: nothing may frame it (clickjacking), scripts come from
 * itself only (an injected script would hold the session), and no type sniffing.
 */
export function setDashboardHeaders(res: ServerResponse, config: Config): void {
  const self = new URL(config.publicUrl);
  const socket = `${self.protocol === 'https:' ? 'wss:' : 'ws:'}//${self.host}`;
  res.setHeader(
    'content-security-policy',
    [
      "default-src 'self'",
      "script-src 'self'",
      // React sets style attributes; styles cannot run code.
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self' data:",
      `connect-src 'self' ${socket}`,
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'self'",
    ].join('; '),
  );
  res.setHeader('x-frame-options', 'SAMEORIGIN');
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'same-origin');
}

/**
 * Headers on every content-origin answer. No frame restriction: other LMSs frame the player
 * (dispatch packages), and the player frames the course.
 */
export function setContentHeaders(res: ServerResponse): void {
  res.setHeader('x-content-type-options', 'nosniff');
}

/** `/player/…` on the dashboard's origin moves to the content origin; the browser keeps `#token=`. */
export function redirectToContentSite(res: ServerResponse, config: Config, url: URL): void {
  res.writeHead(302, {
    location: `${config.contentUrl}${url.pathname}${url.search}`,
    'cache-control': 'no-store',
  });
  res.end();
}
