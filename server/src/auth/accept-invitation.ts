import type { EntityManager } from '@mikro-orm/postgresql';
import { BadUserInputError } from '../errors.js';
import type { AppServices } from '../app-services.js';
import { Organization } from '../organizations/organization.entity.js';
import { Invitation } from './invitation.entity.js';
import { hashPassword, passwordProblem } from './passwords.js';
import { hashSecret, SESSION_TTL_SECONDS } from './tokens.js';
import { type Role, User } from './user.entity.js';

/** One message for a link that was used, revoked, expired or never issued: they all mean "ask again". */
export const INVITATION_INVALID_MESSAGE =
  'This invitation link is no longer valid: it was used, revoked or has expired. Ask for a new one.';

/** What the acceptance page shows to whoever holds the link. */
export interface InvitationPreview {
  email: string;
  role: Role;
  organizationName: string;
  expiresAt: Date;
  /** Told only to the link's holder, never to the inviting organization. */
  accountExists: boolean;
}

/** The pending invitation a link names, or null for a used, revoked, expired or unknown one. */
export async function findInvitation(
  em: EntityManager,
  token: string,
  now = new Date(),
): Promise<InvitationPreview | null> {
  const invitation = await em.findOne(
    Invitation,
    { tokenHash: hashSecret(token), acceptedAt: null, revokedAt: null, expiresAt: { $gt: now } },
    { populate: ['organization'] },
  );
  if (!invitation) return null;
  return {
    email: invitation.email,
    role: invitation.role,
    organizationName: invitation.organization.name,
    expiresAt: invitation.expiresAt,
    accountExists: (await em.count(User, { email: invitation.email })) > 0,
  };
}

/**
 * Redeems an invitation: creates the invitee's account with the password they chose and signs
 * them in. The invitation is claimed by one conditional UPDATE, so a link works once even when
 * two tabs submit together; a refusal (an existing account included) changes nothing.
 */
export async function acceptInvitation(
  { em, services }: { em: EntityManager; services: AppServices },
  input: { token: string; password: string },
): Promise<{ token: string; user: User }> {
  const tokenHash = hashSecret(input.token);
  const pending = { tokenHash, acceptedAt: null, revokedAt: null, expiresAt: { $gt: new Date() } };
  if (!(await em.count(Invitation, pending)))
    throw new BadUserInputError(INVITATION_INVALID_MESSAGE, { field: 'token' });
  const problem = passwordProblem(input.password);
  if (problem) throw new BadUserInputError(problem, { field: 'password' });
  const passwordHash = await hashPassword(input.password);
  const user = await em.transactional(async (tem) => {
    const claimed: Array<{ id: string }> = await tem.execute(
      `update invitations set accepted_at = now()
        where token_hash = ? and accepted_at is null and revoked_at is null and expires_at > now()
        returning id`,
      [tokenHash],
    );
    if (!claimed[0]) throw new BadUserInputError(INVITATION_INVALID_MESSAGE, { field: 'token' });
    const invitation = await tem.findOneOrFail(Invitation, claimed[0].id, { refresh: true });
    if (await tem.count(User, { email: invitation.email }))
      throw new BadUserInputError(
        'An account with this email already exists; sign in with it instead',
        { field: 'email' },
      );
    const created = tem.create(User, {
      organization: tem.getReference(Organization, invitation.organization.id),
      email: invitation.email,
      passwordHash,
      role: invitation.role,
    });
    await tem.flush();
    return created;
  });
  const { token } = await services.tokens.sign(
    {
      typ: 'session',
      userId: user.id,
      organizationId: user.organization.id,
      role: user.role,
      epoch: user.sessionEpoch,
    },
    SESSION_TTL_SECONDS,
  );
  return { token, user };
}
