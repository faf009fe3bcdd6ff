import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../errors.js';
import type { Context } from '../graphql/context.js';
import { Organization } from '../organizations/organization.entity.js';
import { ApiKey } from './api-key.entity.js';
import { ApiKeyCredentials, AuthPayload, InviteUserInput } from './auth.inputs.js';
import { requireViewer } from './authorize.js';
import { hashPassword, passwordProblem } from './passwords.js';
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

  @Mutation(() => User, { description: "Adds an ADMIN or VIEWER to the caller's organization." })
  async inviteUser(@Arg('input') input: InviteUserInput, @Ctx() ctx: Context): Promise<User> {
    const viewer = requireViewer(ctx, Role.ADMIN);
    if (input.role === Role.OWNER)
      throw new BadUserInputError('There is one platform owner; invite an ADMIN or VIEWER');
    const email = normalizeEmail(input.email);
    const problem = passwordProblem(input.password);
    if (problem) throw new BadUserInputError(problem, { field: 'password' });
    if (await ctx.em.count(User, { email }))
      throw new BadUserInputError(`A user with email ${email} already exists`);
    const user = ctx.em.create(User, {
      organization: viewer.organizationId,
      email,
      passwordHash: await hashPassword(input.password),
      role: input.role,
    });
    await ctx.em.flush();
    return user;
  }

  @Mutation(() => ApiKeyCredentials, { description: 'A token for an integrator, shown once.' })
  async createApiKey(@Arg('name') name: string, @Ctx() ctx: Context): Promise<ApiKeyCredentials> {
    const viewer = requireViewer(ctx, Role.ADMIN);
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 200)
      throw new BadUserInputError('An API key needs a name of 1 to 200 characters');
    const token = generateApiKeyToken();
    const key = ctx.em.create(ApiKey, {
      organization: viewer.organizationId,
      name: trimmed,
      tokenHash: hashSecret(token),
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
    const viewer = requireViewer(ctx, Role.ADMIN);
    const key = await ctx.em.findOne(ApiKey, { id, organization: viewer.organizationId });
    if (!key) throw new NotFoundError('API key', id);
    key.revokedAt ??= new Date();
    await ctx.em.flush();
    return key;
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
      { typ: 'session', userId: user.id, organizationId: organization.id, role: Role.OWNER },
      SESSION_TTL_SECONDS,
    );
    ctx.viewer = { ...viewer, organizationId: organization.id };
    return Object.assign(new AuthPayload(), { token, user });
  }
}

/** Lower-cased, trimmed, and shaped like an address; refuses anything else. */
export function normalizeEmail(email: string): string {
  const normalized = email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(normalized) || normalized.length > 320) {
    throw new BadUserInputError(`Not an email address: ${email}`, { field: 'email' });
  }
  return normalized;
}
