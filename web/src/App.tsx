import { useMutation, useQuery } from '@apollo/client/react';
import { setToken, signOut } from './apollo/session';
import { AcceptInvitation } from './auth/AcceptInvitation';
import { SignIn } from './auth/SignIn';
import { graphql } from './gql';
import { CourseDetail } from './courses/CourseDetail';
import { CoursesPage } from './courses/CoursesPage';
import { DispatchDetail, DispatchesPage } from './dispatch/DispatchesPage';
import { Overview } from './overview/Overview';
import { RegistrationDetail } from './registrations/RegistrationDetail';
import { RegistrationsTable } from './registrations/RegistrationsTable';
import { SettingsPage } from './settings/SettingsPage';
import { Link, usePath } from './ui/router';
import { LoopbackWarning } from './ui/LoopbackWarning';
import { ErrorState } from './ui/Status';

// Pages are in the main bundle, not lazy chunks: they add about 10 kB gzipped, and a lazy page
// cost a first visit a chunk round trip plus React's suspense reveal delay before its queries left.
const ME = graphql(`
  query Me {
    me {
      id
      email
      role
      organization {
        id
        name
      }
    }
  }
`);

const ORGANIZATION_CHOICES = graphql(`
  query OrganizationChoices {
    organizations {
      id
      name
    }
  }
`);

const SWITCH = graphql(`
  mutation SwitchOrganization($id: ID!) {
    switchOrganization(id: $id) {
      token
    }
  }
`);

function Page({ path }: { path: string }) {
  const course = /^\/courses\/([^/]+)$/.exec(path);
  const dispatch = /^\/dispatches\/([^/]+)$/.exec(path);
  const registration = /^\/registrations\/([^/]+)$/.exec(path);
  if (course) return <CourseDetail id={course[1]!} />;
  if (registration) return <RegistrationDetail id={registration[1]!} />;
  if (dispatch) return <DispatchDetail id={dispatch[1]!} />;
  if (path.startsWith('/courses')) return <CoursesPage />;
  if (path.startsWith('/registrations'))
    return (
      <section>
        <h2>Registrations</h2>
        <LoopbackWarning what="Launch links" />
        <RegistrationsTable />
      </section>
    );
  if (path.startsWith('/dispatches')) return <DispatchesPage />;
  if (path.startsWith('/settings')) return <SettingsPage />;
  return <Overview />;
}

function OrganizationSwitcher({ current }: { current: string }) {
  const { data } = useQuery(ORGANIZATION_CHOICES);
  const [switchTo] = useMutation(SWITCH);
  if (!data || data.organizations.length < 2) return null;
  return (
    <label className="switcher">
      <span className="visually-hidden">Organization</span>
      <select
        value={current}
        onChange={async (e) => {
          const result = await switchTo({ variables: { id: e.target.value } });
          if (result.data) {
            setToken(result.data.switchOrganization.token);
            window.location.reload();
          }
        }}
      >
        {data.organizations.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The signed-in dashboard: header, navigation and the page for the current path. */
export function App({ signedIn }: { signedIn: boolean }) {
  const path = usePath();
  const accepting = path === '/invitation';
  const { data, error } = useQuery(ME, { skip: !signedIn || accepting });
  // An invitation link opens its own page, signed in or not: the invitee may share a browser.
  if (accepting) return <AcceptInvitation />;
  if (!signedIn) return <SignIn />;
  if (error) return <ErrorState error={error} />;
  // The page renders while `me` loads, so its own queries and code start at once instead of
  // waiting for the header's: the header fills in when `me` arrives.
  const me = data?.me;
  const links: Array<[string, string]> = [
    ['/', 'Overview'],
    ['/courses', 'Courses'],
    ['/registrations', 'Registrations'],
    ['/dispatches', 'Dispatches'],
    ['/settings', 'Settings'],
  ];
  return (
    <div className="app">
      <header className="header">
        <strong className="brand">Courier</strong>
        <nav aria-label="Main">
          {links.map(([href, text]) => (
            <Link
              key={href}
              href={href}
              aria-current={
                (href === '/' ? path === '/' : path.startsWith(href)) ? 'page' : undefined
              }
            >
              {text}
            </Link>
          ))}
          {/* A page of its own (GraphiQL), not a dashboard route: a full load is intended. */}
          <a href="/explorer/">API explorer</a>
        </nav>
        <span className="who">
          {me?.role === 'OWNER' ? (
            <OrganizationSwitcher current={me.organization.id} />
          ) : (
            me?.organization.name
          )}{' '}
          {me?.email}
        </span>
        <button type="button" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main className="content">
        <Page path={path} />
      </main>
    </div>
  );
}
