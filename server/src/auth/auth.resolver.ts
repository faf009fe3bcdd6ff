import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../errors.js';
import type { Context } from '../graphql/context.js';
import { Organization } from '../organizations/organization.entity.js';
import { ApiKey, ApiKeyScope, DEFAULT_API_KEY_SCOPES } from './api-key.entity.js';
import { ApiKeyCredentials, AuthPayload } from './auth.inputs.js';
import { requireAccessAdmin, requireViewer } from './authorize.js';
import { signIn } from './sign-in.js';
import { generateApiKeyToken, hashSecret, SESSION_TTL_SECONDS } from './tokens.js';
import { Role, User } from './user.entity.js';

@Resolver(() => User)
export class AuthResolver {
  @Mutation(() => AuthPayload, { description: 'Open to anyone; failures are rate-limited.' })
  async login(
    @Arg('email') email: string,
    @Arg('password') password: string,
    @Ctx() ctx: Context,
  ): Promise<AuthPayload> {
    return signIn(ctx, { email, password, ip: ctx.ip });
  }

  @Query(() => User, {
    nullable: true,
    description: 'The signed-in user; null for API keys and anonymous callers.',
  })
  async me(@Ctx() ctx: Context): Promise<User | null> {
    if (ctx.viewer?.kind !== 'user') return null;
    return ctx.em.findOne(User, ctx.viewer.id);
  }

  @FieldResolver(() => Organization, { description: 'The organization this session acts in.' })
  async organization(@Root() user: User, @Ctx() ctx: Context): Promise<Organization> {
    const actingIn =
      ctx.viewer?.kind === 'user' && ctx.viewer.id === user.id
        ? ctx.viewer.organizationId
        : user.organization.id;
    return ctx.em.findOneOrFail(Organization, actingIn);
  }

  @Query(() => [User], { description: "The caller's organization's users." })
  async users(@Ctx() ctx: Context): Promise<User[]> {
    const viewer = requireViewer(ctx, Role.ADMIN);
    return ctx.em.find(
      User,
      { organization: viewer.organizationId },
      { orderBy: { createdAt: 'asc' } },
    );
  }

  @Mutation(() => ApiKeyCredentials, {
    description:
      'A token for an integrator, shown once. Scopes default to READ and WRITE; a key may grant only scopes it has.',
  })
  async createApiKey(
    @Arg('name') name: string,
    @Arg('scopes', () => [ApiKeyScope], { nullable: true }) scopes: ApiKeyScope[] | null,
    @Ctx() ctx: Context,
  ): Promise<ApiKeyCredentials> {
    const viewer = requireAccessAdmin(ctx);
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 200)
      throw new BadUserInputError('An API key needs a name of 1 to 200 characters');
    const granted = [...new Set(scopes ?? DEFAULT_API_KEY_SCOPES)];
    if (granted.length === 0)
      throw new BadUserInputError('An API key needs at least one scope', { field: 'scopes' });
    const beyond = granted.filter((scope) => viewer.scopes && !viewer.scopes.includes(scope));
    if (beyond.length > 0)
      throw new ForbiddenError(`This API key cannot grant scopes it lacks: ${beyond.join(', ')}`);
    const token = generateApiKeyToken();
    const key = ctx.em.create(ApiKey, {
      organization: viewer.organizationId,
      name: trimmed,
      tokenHash: hashSecret(token),
      scopes: granted,
    });
    await ctx.em.flush();
    return Object.assign(new ApiKeyCredentials(), { id: key.id, name: key.name, token });
  }

  @Query(() => [ApiKey])
  async apiKeys(@Ctx() ctx: Context): Promise<ApiKey[]> {
    const viewer = requireViewer(ctx, Role.ADMIN);
    return ctx.em.find(
      ApiKey,
      { organization: viewer.organizationId },
      { orderBy: { createdAt: 'desc' } },
    );
  }

  @Mutation(() => ApiKey)
  async revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<ApiKey> {
    const viewer = requireAccessAdmin(ctx);
    const key = await ctx.em.findOne(ApiKey, { id, organization: viewer.organizationId });
    if (!key) throw new NotFoundError('API key', id);
    key.revokedAt ??= new Date();
    await ctx.em.flush();
    ctx.services.principals.forget(key.id);
    return key;
  }

  @Mutation(() => Boolean, {
    description:
      'Ends every session of the signed-in user, this one included, on every device and open WebSocket within seconds.',
  })
  async signOutEverywhere(@Ctx() ctx: Context): Promise<boolean> {
    const viewer = requireViewer(ctx);
    if (viewer.kind !== 'user')
      throw new ForbiddenError('An API key has no sessions; revoke the key instead');
    await endSessions(ctx, viewer.id);
    return true;
  }

  @Mutation(() => User, {
    description:
      "Stops a user of the caller's organization from signing in and ends their sessions.",
  })
  async disableUser(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<User> {
    const viewer = requireAccessAdmin(ctx);
    const user = await ctx.em.findOne(User, { id, organization: viewer.organizationId });
    if (!user) throw new NotFoundError('User', id);
    if (user.role === Role.OWNER || (viewer.kind === 'user' && viewer.id === user.id))
      throw new ForbiddenError('Neither the platform owner nor yourself can be disabled');
    user.disabledAt ??= new Date();
    await ctx.em.flush();
    await endSessions(ctx, user.id);
    return user;
  }

  @Mutation(() => User, { description: 'Lets a disabled user sign in again.' })
  async enableUser(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<User> {
    const viewer = requireAccessAdmin(ctx);
    const user = await ctx.em.findOne(User, { id, organization: viewer.organizationId });
    if (!user) throw new NotFoundError('User', id);
    user.disabledAt = null;
    await ctx.em.flush();
    ctx.services.principals.forget(user.id);
    return user;
  }

  @Mutation(() => AuthPayload, {
    description: 'Owner only: a session acting in another organization.',
  })
  async switchOrganization(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: Context,
  ): Promise<AuthPayload> {
    const viewer = requireViewer(ctx, Role.OWNER);
    if (viewer.kind !== 'user')
      throw new ForbiddenError('Only a signed-in owner can switch organizations');
    const organization = await ctx.em.findOne(Organization, id);
    if (!organization) throw new NotFoundError('Organization', id);
    const user = await ctx.em.findOneOrFail(User, viewer.id);
    const { token } = await ctx.services.tokens.sign(
      {
        typ: 'session',
        userId: user.id,
        organizationId: organization.id,
        role: Role.OWNER,
        epoch: user.sessionEpoch,
      },
      SESSION_TTL_SECONDS,
    );
    ctx.viewer = { ...viewer, organizationId: organization.id };
    return Object.assign(new AuthPayload(), { token, user });
  }
}

/**
 * Bumps the user's session epoch in one statement, so concurrent sign-outs never lose one; every
 * session signed before it stops working here at once and on other instances within seconds.
 */
async function endSessions(ctx: Context, userId: string): Promise<void> {
  await ctx.em
    .getConnection()
    .execute('update users set session_epoch = session_epoch + 1 where id = ?', [userId]);
  ctx.services.principals.forget(userId);
}

/** Lower-cased, trimmed, and shaped like an address; refuses anything else. */
export function normalizeEmail(email: string): string {
  const normalized = email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(normalized) || normalized.length > 320) {
    throw new BadUserInputError(`Not an email address: ${email}`, { field: 'email' });
  }
  return normalized;
}
