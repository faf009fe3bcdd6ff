import { Field, ObjectType } from 'type-graphql';
import { XapiCredential } from './xapi-credential.entity.js';

/** A new LRS credential with its secret: the only time the secret is shown. */
@ObjectType()
export class XapiCredentialSecret {
  @Field(() => XapiCredential)
  credential!: XapiCredential;

  @Field({ description: 'The Basic password; shown once, only its hash is kept.' })
  secret!: string;

  @Field({ description: 'The LRS endpoint to give the activity provider, ending in /xapi/.' })
  endpoint!: string;
}
