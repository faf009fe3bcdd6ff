import { useMutation } from '@apollo/client/react';
import { graphql } from '../gql';

const RENAME = graphql(`
  mutation RenameOrganization($name: String!) {
    renameOrganization(name: $name) {
      id
      name
    }
  }
`);

/**
 * Renames the caller's organization. The answer carries the organization's id and new name, so
 * Apollo's normalized cache updates every view of it (the overview's heading, the header) with
 * no refetch.
 */
export function useRenameOrganization() {
  const [mutate, state] = useMutation(RENAME);
  const rename = (name: string) => mutate({ variables: { name } });
  return [rename, state] as const;
}
