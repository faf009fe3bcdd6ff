import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  InputType,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { normalizeEmail } from '../auth/auth.resolver.js';
import { requireAccessAdmin, requireViewer } from '../auth/authorize.js';
import { hashPassword, passwordProblem } from '../auth/passwords.js';
import { Role, User } from '../auth/user.entity.js';
import { BadUserInputError } from '../errors.js';
import type { Context } from '../graphql/context.js';
import { Registration } from '../registrations/registration.entity.js';
import { readStats, RegistrationStats } from '../registrations/registration-stats.js';
import { DailyActivity, readDailyActivity } from './daily-activity.js';
import { Organization } from './organization.entity.js';

/** The most registrations `recentActivity` hands back at once. */
const MAX_RECENT = 50;

/** An organization's name: trimmed, 1 to 200 characters. */
function organizationName(raw: string): string {
  const name = raw.trim();
  if (!name || name.length > 200)
    throw new BadUserInputError('An organization needs a name of 1 to 200 characters');
  return name;
}

@InputType()
export class CreateOrganizationInput {
  @Field() name!: string;
  @Field() adminEmail!: string;
  @Field() adminPassword!: string;
}

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, { description: "The caller's organization." })
  async organization(@Ctx() ctx: Context): Promise<Organization> {
    const viewer = requireViewer(ctx);
    return ctx.em.findOneOrFail(Organization, viewer.organizationId);
  }

  @Query(() => [Organization], { description: 'Owner only: every organization on the platform.' })
  async organizations(@Ctx() ctx: Context): Promise<Organization[]> {
    requireViewer(ctx, Role.OWNER);
    return ctx.em.find(Organization, {}, { orderBy: { createdAt: 'asc' } });
  }

  @Mutation(() => Organization, {
    description: 'Owner only: a new organization with its first admin.',
  })
  async createOrganization(
    @Arg('input') input: CreateOrganizationInput,
    @Ctx() ctx: Context,
  ): Promise<Organization> {
    requireViewer(ctx, Role.OWNER);
    const name = organizationName(input.name);
    const email = normalizeEmail(input.adminEmail);
    const problem = passwordProblem(input.adminPassword);
    if (problem) throw new BadUserInputError(problem, { field: 'adminPassword' });
    if (await ctx.em.count(User, { email }))
      throw new BadUserInputError(`A user with email ${email} already exists`);
    const passwordHash = await hashPassword(input.adminPassword);
    const organization = ctx.em.create(Organization, { name });
    ctx.em.create(User, { organization, email, passwordHash, role: Role.ADMIN });
    await ctx.em.flush();
    return organization;
  }

  @Mutation(() => Organization, { description: "Admins: renames the caller's organization." })
  async renameOrganization(@Arg('name') name: string, @Ctx() ctx: Context): Promise<Organization> {
    const viewer = requireAccessAdmin(ctx);
    const organization = await ctx.em.findOneOrFail(Organization, viewer.organizationId);
    organization.name = organizationName(name);
    await ctx.em.flush();
    return organization;
  }

  @FieldResolver(() => [Registration], {
    description:
      'The registrations that moved last, latest first (by lastActivityAt): the activity before a dashboard opened.',
  })
  async recentActivity(
    @Root() organization: Organization,
    @Arg('first', () => Int, { defaultValue: 12 }) first: number,
    @Ctx() ctx: Context,
  ): Promise<Registration[]> {
    if (first < 0 || first > MAX_RECENT)
      throw new BadUserInputError(`first must be between 0 and ${MAX_RECENT}`);
    return ctx.em.find(
      Registration,
      { organization: organization.id, lastActivityAt: { $ne: null } },
      { orderBy: { lastActivityAt: 'desc', id: 'desc' }, limit: first, populate: ['course'] },
    );
  }

  @FieldResolver(() => [DailyActivity], {
    description:
      'Completions and active learners per UTC day over the last `days` days (at most 366), oldest first, every day present.',
  })
  async dailyActivity(
    @Root() organization: Organization,
    @Arg('days', () => Int, { defaultValue: 30 }) days: number,
    @Ctx() ctx: Context,
  ): Promise<DailyActivity[]> {
    if (days < 1 || days > 366) throw new BadUserInputError('days must be between 1 and 366');
    return readDailyActivity(ctx.em, organization.id, days, new Date());
  }

  @FieldResolver(() => RegistrationStats)
  async stats(@Root() organization: Organization, @Ctx() ctx: Context): Promise<RegistrationStats> {
    return readStats(ctx.em, { organizationId: organization.id });
  }
}
