import { ForbiddenError, UnauthenticatedError } from '../errors.js';
import type { Context, LaunchPrincipal, Viewer } from '../graphql/context.js';
import { Role } from './user.entity.js';

const RANK: Record<Role, number> = { [Role.VIEWER]: 0, [Role.ADMIN]: 1, [Role.OWNER]: 2 };

/** The caller, if signed in (or an API key) with at least `minRole` in its organization. */
export function requireViewer(ctx: Context, minRole: Role = Role.VIEWER): Viewer {
  if (!ctx.viewer) throw new UnauthenticatedError();
  if (RANK[ctx.viewer.role] < RANK[minRole]) {
    throw new ForbiddenError(`This needs the ${minRole} role; you are ${ctx.viewer.role}`);
  }
  return ctx.viewer;
}

/** The player's launch, when the bearer token is a launch token. */
export function requireLaunch(ctx: Context): LaunchPrincipal {
  if (!ctx.launch) throw new UnauthenticatedError('This needs a valid launch token');
  return ctx.launch;
}
