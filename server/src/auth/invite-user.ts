import type { EntityManager } from '@mikro-orm/postgresql';
import { BadUserInputError } from '../errors.js';
import type { Viewer } from './principal.js';
import { Invitation } from './invitation.entity.js';
import { generateInvitationToken, hashSecret } from './tokens.js';
import { Role } from './user.entity.js';

/** Long enough to reach someone on holiday, short enough that a forgotten link goes stale. */
export const INVITATION_TTL_DAYS = 7;

/** The path of the dashboard page that accepts an invitation; the token travels in the fragment. */
export const INVITATION_PATH = '/invitation';

/**
 * Creates an invitation and its one-time link. It never looks for an existing account with the
 * email, in this organization or any other, so the answer is the same for every address: whether
 * an account exists is told only on the acceptance page, to whoever holds the link. A new
 * invitation for the same email in the same organization replaces a pending one.
 */
export async function inviteUser(
  { em, publicUrl }: { em: EntityManager; publicUrl: string },
  viewer: Viewer,
  input: { email: string; role: Role },
  now = new Date(),
): Promise<{ invitation: Invitation; token: string; url: string }> {
  if (input.role === Role.OWNER)
    throw new BadUserInputError('There is one platform owner; invite an ADMIN or VIEWER', {
      field: 'role',
    });
  await em.nativeUpdate(
    Invitation,
    {
      organization: viewer.organizationId,
      email: input.email,
      acceptedAt: null,
      revokedAt: null,
    },
    { revokedAt: now },
  );
  const token = generateInvitationToken();
  const invitation = em.create(Invitation, {
    organization: viewer.organizationId,
    email: input.email,
    role: input.role,
    tokenHash: hashSecret(token),
    expiresAt: new Date(now.getTime() + INVITATION_TTL_DAYS * 24 * 3600 * 1000),
    createdAt: now,
  });
  await em.flush();
  return { invitation, token, url: `${publicUrl}${INVITATION_PATH}#${token}` };
}
