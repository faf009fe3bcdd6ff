import { useMutation } from '@apollo/client/react';
import { graphql } from '../gql';

const DELETE_COURSE = graphql(`
  mutation DeleteCourse($id: ID!) {
    deleteCourse(id: $id)
  }
`);

/**
 * Deletes a course with its registrations. The course leaves the cache, so it leaves every
 * list that held it; a query that showed one of its registrations reads again when next shown.
 */
export function useDeleteCourse() {
  const [mutate, state] = useMutation(DELETE_COURSE);
  const remove = (id: string) =>
    mutate({
      variables: { id },
      update(cache, { data }) {
        if (!data?.deleteCourse) return;
        cache.evict({ id: cache.identify({ __typename: 'Course', id }) });
        cache.gc();
      },
    });
  return [remove, state] as const;
}
