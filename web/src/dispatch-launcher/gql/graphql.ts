/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type LearnerInput = {
  email?: string | null | undefined;
  /** Your system’s id for the learner; one registration per learner and course. */
  id: string;
  name?: string | null | undefined;
};

export type LaunchDispatchMutationVariables = Exact<{
  key: string;
  learner: LearnerInput;
}>;


export type LaunchDispatchMutation = { launchDispatch: { url: string } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const LaunchDispatchDocument = new TypedDocumentString(`
    mutation LaunchDispatch($key: String!, $learner: LearnerInput!) {
  launchDispatch(key: $key, learner: $learner) {
    url
  }
}
    `) as unknown as TypedDocumentString<LaunchDispatchMutation, LaunchDispatchMutationVariables>;