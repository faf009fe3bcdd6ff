import { useMutation, useQuery } from '@apollo/client/react';
import { lazy, Suspense } from 'react';
import { setToken, signOut } from './apollo/session';
import { SignIn } from './auth/SignIn';
import { graphql } from './gql';
import { Overview } from './overview/Overview';
import { Link, usePath } from './ui/router';
import { ErrorState, Loading } from './ui/Status';

const CoursesPage = lazy(() =>
  import('./courses/CoursesPage').then((m) => ({ default: m.CoursesPage })),
);
const CourseDetail = lazy(() =>
  import('./courses/CourseDetail').then((m) => ({ default: m.CourseDetail })),
);
const RegistrationsTable = lazy(() =>
  import('./registrations/RegistrationsTable').then((m) => ({ default: m.RegistrationsTable })),
);
const DispatchesPage = lazy(() =>
  import('./dispatch/DispatchesPage').then((m) => ({ default: m.DispatchesPage })),
);
const DispatchDetail = lazy(() =>
  import('./dispatch/DispatchesPage').then((m) => ({ default: m.DispatchDetail })),
);
const SettingsPage = lazy(() =>
  import('./settings/SettingsPage').then((m) => ({ default: m.SettingsPage })),
);

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
  if (course) return <CourseDetail id={course[1]!} />;
  if (dispatch) return <DispatchDetail id={dispatch[1]!} />;
  if (path.startsWith('/courses')) return <CoursesPage />;
  if (path.startsWith('/registrations'))
    return (
      <section>
        <h2>Registrations</h2>
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
  const { data, error, loading } = useQuery(ME, { skip: !signedIn });
  if (!signedIn) return <SignIn />;
  if (error) return <ErrorState error={error} />;
  if (loading && !data) return <Loading />;
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
        <Suspense fallback={<Loading />}>
          <Page path={path} />
        </Suspense>
      </main>
    </div>
  );
}
