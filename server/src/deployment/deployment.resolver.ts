import { Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { requireViewer } from '../auth/authorize.js';
import type { Context } from '../graphql/context.js';
import { isLoopbackUrl } from './loopback.js';

@ObjectType({
  description: 'How this server is reached from outside, as far as links depend on it.',
})
export class Deployment {
  @Field({ description: 'The base of launch links and dispatch packages (PUBLIC_URL).' })
  publicUrl!: string;

  @Field({
    description:
      'True when publicUrl points at this machine only (localhost, 127.x, ::1): launch links and dispatch packages then work nowhere else.',
  })
  publicUrlIsLoopback!: boolean;
}

@Resolver()
export class DeploymentResolver {
  @Query(() => Deployment)
  deployment(@Ctx() ctx: Context): Deployment {
    requireViewer(ctx);
    const { publicUrl } = ctx.services.config;
    return Object.assign(new Deployment(), {
      publicUrl,
      publicUrlIsLoopback: isLoopbackUrl(publicUrl),
    });
  }
}
