import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql';
import { ErrorState, Loading } from '../ui/Status';
import { ApiKeysSection } from './ApiKeysSection';
import { LrsCredentials } from './LrsCredentials';
import { OrganizationsSection } from './OrganizationsSection';
import { UsersSection } from './UsersSection';
import { WebhooksSection } from './WebhooksSection';

// One request for the page: each section declares what it shows as a fragment beside it, and
// each mutation's hook (use-*.ts here) writes its answer into the cache, so nothing refetches.
const SETTINGS = graphql(`
  query Settings {
    me {
      id
      role
    }
    ...ApiKeysSection
    ...UsersSection
    ...WebhooksSection
  }
`);

/** API keys, users, webhooks and (for the owner) organizations, one component per section. */
export function SettingsPage() {
  const { data, error, loading } = useQuery(SETTINGS);
  if (error) return <ErrorState error={error} />;
  if (loading && !data) return <Loading />;
  return (
    <section className="settings">
      <h2>Settings</h2>
      <ApiKeysSection data={data!} />
      <LrsCredentials />
      <UsersSection data={data!} />
      <WebhooksSection data={data!} />
      {data!.me?.role === 'OWNER' && <OrganizationsSection />}
    </section>
  );
}
