import { randomBytes } from 'node:crypto';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { requireAccessAdmin, requireViewer } from '../auth/authorize.js';
import { hashSecret } from '../auth/tokens.js';
import { Role } from '../auth/user.entity.js';
import { BadUserInputError, NotFoundError } from '../errors.js';
import type { Context } from '../graphql/context.js';
import { XapiCredential, XapiCredentialScope } from './xapi-credential.entity.js';
import { XapiCredentialSecret } from './xapi-credential.inputs.js';

@Resolver(() => XapiCredential)
export class XapiCredentialResolver {
  @Query(() => [XapiCredential], { description: "The organization's LRS credentials." })
  async xapiCredentials(@Ctx() ctx: Context): Promise<XapiCredential[]> {
    const viewer = requireViewer(ctx, Role.ADMIN);
    return ctx.em.find(
      XapiCredential,
      { organization: viewer.organizationId },
      { orderBy: { createdAt: 'desc' } },
    );
  }

  @Mutation(() => XapiCredentialSecret, {
    description: 'Basic credentials for the LRS at /xapi/; the secret is shown once.',
  })
  async createXapiCredential(
    @Arg('name') name: string,
    @Arg('scope', () => XapiCredentialScope) scope: XapiCredentialScope,
    @Ctx() ctx: Context,
  ): Promise<XapiCredentialSecret> {
    const viewer = requireAccessAdmin(ctx);
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 200)
      throw new BadUserInputError('An LRS credential needs a name of 1 to 200 characters', {
        field: 'name',
      });
    const secret = randomBytes(32).toString('base64url');
    const credential = ctx.em.create(XapiCredential, {
      organization: viewer.organizationId,
      name: trimmed,
      key: `lrs_${randomBytes(12).toString('hex')}`,
      secretHash: hashSecret(secret),
      scope,
    });
    await ctx.em.flush();
    return Object.assign(new XapiCredentialSecret(), {
      credential,
      secret,
      endpoint: `${ctx.services.config.publicUrl}/xapi/`,
    });
  }

  @Mutation(() => XapiCredential, { description: 'Stops an LRS credential at once.' })
  async revokeXapiCredential(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: Context,
  ): Promise<XapiCredential> {
    const viewer = requireAccessAdmin(ctx);
    const credential = await ctx.em.findOne(XapiCredential, {
      id,
      organization: viewer.organizationId,
    });
    if (!credential) throw new NotFoundError('LRS credential', id);
    credential.revokedAt ??= new Date();
    await ctx.em.flush();
    return credential;
  }
}
