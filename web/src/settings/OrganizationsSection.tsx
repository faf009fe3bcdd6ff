import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '../gql';
import { ErrorState } from '../ui/Status';
import { fields } from './form-fields';

const ORGANIZATIONS = graphql(`
  query Organizations {
    organizations {
      id
      name
      stats {
        total
      }
    }
  }
`);

const CREATE_ORG = graphql(`
  mutation CreateOrganization($input: CreateOrganizationInput!) {
    createOrganization(input: $input) {
      id
    }
  }
`);

/** The owner's organizations, and a new one with its first admin. */
export function OrganizationsSection() {
  const { data, refetch } = useQuery(ORGANIZATIONS);
  const [create, created] = useMutation(CREATE_ORG);
  return (
    <>
      <h2>Organizations</h2>
      <ul className="list">
        {data?.organizations.map((o) => (
          <li key={o.id}>
            {o.name} · {o.stats.total} learners
          </li>
        ))}
      </ul>
      <form
        className="inline-form"
        aria-label="New organization"
        onSubmit={(e) => {
          const f = fields(e);
          void create({
            variables: {
              input: {
                name: String(f.get('name')),
                adminEmail: String(f.get('adminEmail')),
                adminPassword: String(f.get('adminPassword')),
              },
            },
          }).then(
            () => void refetch(),
            () => {},
          );
        }}
      >
        <label>
          Name
          <input name="name" required />
        </label>
        <label>
          Admin email
          <input name="adminEmail" type="email" required />
        </label>
        <label>
          Admin password
          <input name="adminPassword" type="password" required minLength={10} />
        </label>
        <button type="submit">Create organization</button>
        {created.error && <ErrorState error={created.error} />}
      </form>
    </>
  );
}
