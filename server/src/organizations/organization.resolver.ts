import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  InputType,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { normalizeEmail } from '../auth/auth.resolver.js';
import { requireViewer } from '../auth/authorize.js';
import { hashPassword, passwordProblem } from '../auth/passwords.js';
import { Role, User } from '../auth/user.entity.js';
import { BadUserInputError } from '../errors.js';
import type { Context } from '../graphql/context.js';
import { readStats, RegistrationStats } from '../registrations/registration-stats.js';
import { Organization } from './organization.entity.js';

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
    const name = input.name.trim();
    if (!name || name.length > 200)
      throw new BadUserInputError('An organization needs a name of 1 to 200 characters');
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

  @FieldResolver(() => RegistrationStats)
  async stats(@Root() organization: Organization, @Ctx() ctx: Context): Promise<RegistrationStats> {
    return readStats(ctx.em, { organizationId: organization.id });
  }
}
