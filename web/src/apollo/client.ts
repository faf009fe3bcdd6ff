import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { ErrorLink } from '@apollo/client/link/error';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws';
import { getToken, signOut } from './session';

/**
 * Apollo Client over HTTP for queries and mutations and graphql-ws for subscriptions. The socket
 * retries forever; after it reconnects, every active query refetches so no view stays stale
 * (graphql-ws resubscribes but replays nothing).
 */
export function makeClient(): ApolloClient {
  const auth = new ApolloLink((operation, forward) => {
    const token = getToken();
    operation.setContext(({ headers = {} }: { headers?: Record<string, string> }) => ({
      headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    }));
    return forward(operation);
  });
  const signOutOnAuthError = new ErrorLink(({ error }) => {
    if (
      CombinedGraphQLErrors.is(error) &&
      error.errors.some((e) => e.extensions?.['code'] === 'UNAUTHENTICATED') &&
      getToken()
    ) {
      signOut();
    }
  });
  let wasConnected = false;
  const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
  const ws = new GraphQLWsLink(
    createClient({
      url: wsUrl,
      connectionParams: () => ({ authorization: `Bearer ${getToken() ?? ''}` }),
      retryAttempts: Infinity,
      shouldRetry: () => true,
      retryWait: (retries) =>
        new Promise((resolve) => setTimeout(resolve, Math.min(10_000, 500 * 2 ** retries))),
      on: {
        connected: () => {
          if (wasConnected) void client.refetchQueries({ include: 'active' });
          wasConnected = true;
        },
      },
    }),
  );
  const http = new HttpLink({ uri: '/graphql' });
  const transport = ApolloLink.split(
    ({ query }) => {
      const definition = getMainDefinition(query);
      return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
    },
    ws,
    ApolloLink.from([auth, http]),
  );
  // `connected` runs only after the client exists: the closure above reads it late.
  const client: ApolloClient = new ApolloClient({
    link: ApolloLink.from([signOutOnAuthError, transport]),
    cache: new InMemoryCache(),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
  return client;
}
