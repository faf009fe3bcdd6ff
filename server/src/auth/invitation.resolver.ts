import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { NotFoundError } from '../errors.js';
import type { Context } from '../graphql/context.js';
import { acceptInvitation, findInvitation } from './accept-invitation.js';
import {
  AuthPayload,
  InvitationCredentials,
  InvitationPreview,
  InviteUserInput,
} from './auth.inputs.js';
import { normalizeEmail } from './auth.resolver.js';
import { requireAccessAdmin, requireViewer } from './authorize.js';
import { Invitation } from './invitation.entity.js';
import { inviteUser } from './invite-user.js';
import { Role } from './user.entity.js';

@Resolver(() => Invitation)
export class InvitationResolver {
  @Mutation(() => InvitationCredentials, {
    description:
      "Invites an ADMIN or VIEWER to the caller's organization with a one-time link valid for 7 days. The answer is the same whether or not the email has an account anywhere.",
  })
  async inviteUser(
    @Arg('input') input: InviteUserInput,
    @Ctx() ctx: Context,
  ): Promise<InvitationCredentials> {
    const viewer = requireAccessAdmin(ctx);
    const created = await inviteUser(
      { em: ctx.em, publicUrl: ctx.services.config.publicUrl },
      viewer,
      { email: normalizeEmail(input.email), role: input.role },
    );
    return Object.assign(new InvitationCredentials(), created);
  }

  @Query(() => [Invitation], {
    description: "The caller's organization's invitations not yet accepted, revoked or expired.",
  })
  async invitations(@Ctx() ctx: Context): Promise<Invitation[]> {
    const viewer = requireViewer(ctx, Role.ADMIN);
    return ctx.em.find(
      Invitation,
      {
        organization: viewer.organizationId,
        acceptedAt: null,
        revokedAt: null,
        expiresAt: { $gt: new Date() },
      },
      { orderBy: { createdAt: 'desc' } },
    );
  }

  @Mutation(() => Invitation, { description: 'Makes a pending invitation link stop working.' })
  async revokeInvitation(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: Context,
  ): Promise<Invitation> {
    const viewer = requireAccessAdmin(ctx);
    const invitation = await ctx.em.findOne(Invitation, {
      id,
      organization: viewer.organizationId,
    });
    if (!invitation) throw new NotFoundError('Invitation', id);
    invitation.revokedAt ??= new Date();
    await ctx.em.flush();
    return invitation;
  }

  @Query(() => InvitationPreview, {
    nullable: true,
    description:
      "Open to the link's holder: the invitation a token names, or null when it was used, revoked or has expired.",
  })
  async invitation(
    @Arg('token') token: string,
    @Ctx() ctx: Context,
  ): Promise<InvitationPreview | null> {
    const found = await findInvitation(ctx.em, token);
    return found && Object.assign(new InvitationPreview(), found);
  }

  @Mutation(() => AuthPayload, {
    description:
      "Open to the link's holder: creates the invitee's account with the password they choose and signs them in. A link works once.",
  })
  async acceptInvitation(
    @Arg('token') token: string,
    @Arg('password') password: string,
    @Ctx() ctx: Context,
  ): Promise<AuthPayload> {
    const session = await acceptInvitation(ctx, { token, password });
    return Object.assign(new AuthPayload(), session);
  }
}
