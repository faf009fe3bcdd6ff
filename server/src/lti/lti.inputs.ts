import { Field, InputType, ObjectType } from 'type-graphql';
import type { LtiPlatform } from './lti.entity.js';

@InputType({ description: 'An LTI 1.3 platform, as its administrator registered Courier there.' })
export class LtiPlatformInput implements Partial<LtiPlatform> {
  @Field({ description: 'The platform issuer, e.g. https://canvas.instructure.com.' })
  issuer!: string;
  @Field() clientId!: string;
  @Field(() => [String], { description: '1 to 20 deployment ids.' }) deploymentIds!: string[];
  @Field() authorizationUrl!: string;
  @Field() tokenUrl!: string;
  @Field() jwksUrl!: string;
}

@ObjectType({ description: "The tool's addresses to paste into the platform's registration." })
export class LtiToolUrls {
  @Field({ description: 'OIDC login initiation URL.' }) loginUrl!: string;
  @Field({ description: 'Redirect (launch) URL; also the target link URI.' }) launchUrl!: string;
  @Field({ description: "The tool's public keys (JWKS)." }) jwksUrl!: string;
  @Field({ description: 'Deep linking URL (a redirect URL too).' }) deepLinkUrl!: string;
}
