import { randomBytes, randomUUID } from 'node:crypto';
import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import { requireViewer } from '../auth/authorize.js';
import { Role } from '../auth/user.entity.js';
import { BadUserInputError, NotFoundError } from '../errors.js';
import type { TopicPayloads } from '../events/topics.js';
import type { Context } from '../graphql/context.js';
import { PageInfo } from '../registrations/registration.inputs.js';
import {
  DeliveryStatus,
  WEBHOOK_EVENTS,
  WebhookDelivery,
  WebhookEndpoint,
} from './webhook.entity.js';
import { hostOf, NonPublicAddressError, resolvePublic } from './public-address.js';

@InputType()
export class CreateWebhookEndpointInput {
  @Field({
    description:
      'An https:// URL of a public address (WEBHOOK_ALLOW_PRIVATE=true also allows http:// and private or loopback hosts).',
  })
  url!: string;
  @Field(() => [String], {
    description:
      'Any of registration.updated, registration.completed, dispatch.launched, dispatch.completed.',
  })
  events!: string[];
}

@InputType()
export class UpdateWebhookEndpointInput {
  @Field(() => String, { nullable: true }) url?: string | null;
  @Field(() => [String], { nullable: true }) events?: string[] | null;
  @Field(() => Boolean, { nullable: true }) active?: boolean | null;
}

@ObjectType({ description: 'A new endpoint. The signing secret is shown this once.' })
export class WebhookEndpointCredentials {
  @Field(() => WebhookEndpoint) endpoint!: WebhookEndpoint;
  @Field() secret!: string;
}

@ObjectType()
export class WebhookDeliveryEdge {
  @Field() cursor!: string;
  @Field(() => WebhookDelivery) node!: WebhookDelivery;
}

@ObjectType()
export class WebhookDeliveryConnection {
  @Field(() => [WebhookDeliveryEdge]) edges!: WebhookDeliveryEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@ObjectType({ description: 'One attempt at a delivery has finished; its row as it now stands.' })
export class WebhookDeliveryEvent {
  @Field(() => ID) endpointId!: string;
  @Field(() => WebhookDelivery) delivery!: WebhookDelivery;
}

/**
 * Refuses what could not be a webhook destination: not a URL, not https (unless private
 * destinations are allowed), or a host that is, or resolves to, a non-public address. The
 * worker checks again on the address it connects to, so later DNS answers cannot get around it.
 */
async function checkEndpoint(
  url: string | null | undefined,
  events: string[] | null | undefined,
  allowPrivate: boolean,
): Promise<void> {
  if (url != null) {
    if (url.length > 2000)
      throw new BadUserInputError('Webhook URLs have at most 2000 characters', { field: 'url' });
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new BadUserInputError(`Not a URL: ${url.slice(0, 200)}`, { field: 'url' });
    }
    if (parsed.protocol !== 'https:' && !(allowPrivate && parsed.protocol === 'http:')) {
      throw new BadUserInputError('Webhook URLs must use https://', { field: 'url' });
    }
    if (!allowPrivate) {
      try {
        await resolvePublic(hostOf(parsed));
      } catch (err) {
        const reason =
          err instanceof NonPublicAddressError
            ? err.message
            : `${hostOf(parsed)} does not resolve to an address`;
        throw new BadUserInputError(`Webhook URL refused: ${reason}`, { field: 'url' });
      }
    }
  }
  if (events != null) {
    const unknown = events.filter((e) => !(WEBHOOK_EVENTS as readonly string[]).includes(e));
    if (events.length === 0 || unknown.length > 0) {
      throw new BadUserInputError(
        `events must be some of ${WEBHOOK_EVENTS.join(', ')}${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`,
        { field: 'events' },
      );
    }
  }
}

@Resolver(() => WebhookEndpoint)
export class WebhookResolver {
  @Query(() => [WebhookEndpoint])
  async webhookEndpoints(@Ctx() ctx: Context): Promise<WebhookEndpoint[]> {
    const viewer = requireViewer(ctx, Role.ADMIN);
    return ctx.em.find(
      WebhookEndpoint,
      { organization: viewer.organizationId },
      { orderBy: { createdAt: 'asc' } },
    );
  }

  @Mutation(() => WebhookEndpointCredentials)
  async createWebhookEndpoint(
    @Arg('input') input: CreateWebhookEndpointInput,
    @Ctx() ctx: Context,
  ): Promise<WebhookEndpointCredentials> {
    const viewer = requireViewer(ctx, Role.ADMIN);
    await checkEndpoint(input.url, input.events, ctx.services.config.webhookAllowPrivate);
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    const endpoint = ctx.em.create(WebhookEndpoint, {
      organization: viewer.organizationId,
      url: input.url,
      events: [...new Set(input.events)],
      secretEncrypted: ctx.services.secrets.seal(secret),
    });
    await ctx.em.flush();
    return Object.assign(new WebhookEndpointCredentials(), { endpoint, secret });
  }

  @Mutation(() => WebhookEndpoint)
  async updateWebhookEndpoint(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateWebhookEndpointInput,
    @Ctx() ctx: Context,
  ): Promise<WebhookEndpoint> {
    const viewer = requireViewer(ctx, Role.ADMIN);
    await checkEndpoint(input.url, input.events, ctx.services.config.webhookAllowPrivate);
    const endpoint = await ctx.em.findOne(WebhookEndpoint, {
      id,
      organization: viewer.organizationId,
    });
    if (!endpoint) throw new NotFoundError('Webhook endpoint', id);
    if (input.url != null) endpoint.url = input.url;
    if (input.events != null) endpoint.events = [...new Set(input.events)];
    if (input.active != null) endpoint.active = input.active;
    await ctx.em.flush();
    return endpoint;
  }

  @Mutation(() => Boolean)
  async deleteWebhookEndpoint(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    const viewer = requireViewer(ctx, Role.ADMIN);
    const deleted = await ctx.em.nativeDelete(WebhookEndpoint, {
      id,
      organization: viewer.organizationId,
    });
    if (deleted === 0) throw new NotFoundError('Webhook endpoint', id);
    return true;
  }

  @Mutation(() => WebhookDelivery, { description: 'Queues a `ping` event to this endpoint alone.' })
  async sendTestWebhook(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: Context,
  ): Promise<WebhookDelivery> {
    const viewer = requireViewer(ctx, Role.ADMIN);
    const endpoint = await ctx.em.findOne(WebhookEndpoint, {
      id,
      organization: viewer.organizationId,
    });
    if (!endpoint) throw new NotFoundError('Webhook endpoint', id);
    const delivery = ctx.em.create(WebhookDelivery, {
      endpoint,
      organizationId: viewer.organizationId,
      eventType: 'ping',
      orderingKey: `ping:${endpoint.id}`,
      payload: {
        id: randomUUID(),
        type: 'ping',
        createdAt: new Date().toISOString(),
        data: { endpointId: endpoint.id },
      },
    });
    await ctx.em.flush();
    ctx.services.webhooks.poke();
    return delivery;
  }

  @Mutation(() => Int, {
    description:
      'Sends deliveries again: one by id, or every one of an endpoint created in a time range.',
  })
  async replayWebhookDeliveries(
    @Ctx() ctx: Context,
    @Arg('deliveryId', () => ID, { nullable: true }) deliveryId?: string | null,
    @Arg('endpointId', () => ID, { nullable: true }) endpointId?: string | null,
    @Arg('from', () => Date, { nullable: true }) from?: Date | null,
    @Arg('to', () => Date, { nullable: true }) to?: Date | null,
  ): Promise<number> {
    const viewer = requireViewer(ctx, Role.ADMIN);
    if (!deliveryId && !endpointId)
      throw new BadUserInputError('Give deliveryId, or endpointId with from and to');
    const where = deliveryId
      ? { id: deliveryId, organizationId: viewer.organizationId }
      : {
          endpoint: endpointId!,
          organizationId: viewer.organizationId,
          createdAt: { $gte: from ?? new Date(0), $lte: to ?? new Date() },
        };
    const replayed = await ctx.em.nativeUpdate(WebhookDelivery, where, {
      status: DeliveryStatus.PENDING,
      nextAttemptAt: new Date(),
      leaseUntil: null,
    });
    if (replayed > 0) ctx.services.webhooks.poke();
    return replayed;
  }

  @Subscription(() => WebhookDeliveryEvent, {
    description:
      "Every delivery attempt of the caller's organization's webhooks (one endpoint's, or all), as the delivery log shows it.",
    subscribe: ({ args, context }: { args: unknown; context: Context }) => {
      const viewer = requireViewer(context, Role.ADMIN);
      const { endpointId } = args as { endpointId?: string | null };
      return context.services.events.subscribe(
        'WEBHOOK_DELIVERY_UPDATED',
        (event) =>
          event.organizationId === viewer.organizationId &&
          (!endpointId || event.endpointId === endpointId),
        viewer.organizationId,
      );
    },
  })
  async webhookDeliveryUpdated(
    @Root() event: TopicPayloads['WEBHOOK_DELIVERY_UPDATED'],
    @Arg('endpointId', () => ID, { nullable: true }) _endpointId: string | null,
    @Ctx() ctx: Context,
  ): Promise<WebhookDeliveryEvent> {
    const delivery = await ctx.em.fork().findOneOrFail(WebhookDelivery, event.deliveryId);
    return Object.assign(new WebhookDeliveryEvent(), { endpointId: event.endpointId, delivery });
  }

  @FieldResolver(() => WebhookDeliveryConnection, { description: 'Newest first.' })
  async deliveries(
    @Root() endpoint: WebhookEndpoint,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<WebhookDeliveryConnection> {
    const limit = first ?? 50;
    if (limit < 1 || limit > 200) throw new BadUserInputError('first must be between 1 and 200');
    const where = after
      ? { endpoint: endpoint.id, seq: { $lt: Number(Buffer.from(after, 'base64url').toString()) } }
      : { endpoint: endpoint.id };
    const rows = await ctx.em.find(WebhookDelivery, where, {
      orderBy: { seq: 'desc' },
      limit: limit + 1,
    });
    const edges = rows
      .slice(0, limit)
      .map((node) => ({ cursor: Buffer.from(String(node.seq)).toString('base64url'), node }));
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }
}
