import { ForbiddenError, UnauthenticatedError } from '../errors.js';
import type { LaunchPrincipal, Principal, Viewer } from './principal.js';
import { ApiKeyScope } from './api-key.entity.js';
import { Role } from './user.entity.js';

const RANK: Record<Role, number> = { [Role.VIEWER]: 0, [Role.ADMIN]: 1, [Role.OWNER]: 2 };

/** The caller, if signed in (or an API key) with at least `minRole` in its organization. */
export function requireViewer(ctx: Pick<Principal, 'viewer'>, minRole: Role = Role.VIEWER): Viewer {
  if (!ctx.viewer) throw new UnauthenticatedError();
  if (RANK[ctx.viewer.role] < RANK[minRole]) {
    throw new ForbiddenError(`This needs the ${minRole} role; you are ${ctx.viewer.role}`);
  }
  return ctx.viewer;
}

/**
 * An admin who may manage access itself (API keys, users): a signed-in ADMIN or OWNER, or an
 * API key granted the ADMIN scope. The default integrator key is not, so a leaked one cannot
 * outlive its revocation by minting another key or inviting an admin.
 */
export function requireAccessAdmin(ctx: Pick<Principal, 'viewer'>): Viewer {
  const viewer = requireViewer(ctx, Role.ADMIN);
  if (viewer.kind === 'apiKey' && !viewer.scopes?.includes(ApiKeyScope.ADMIN)) {
    throw new ForbiddenError('This API key lacks the ADMIN scope that managing access needs');
  }
  return viewer;
}

/** The player's launch, when the bearer token is a launch token. */
export function requireLaunch(ctx: Pick<Principal, 'launch'>): LaunchPrincipal {
  if (!ctx.launch) throw new UnauthenticatedError('This needs a valid launch token');
  return ctx.launch;
}
