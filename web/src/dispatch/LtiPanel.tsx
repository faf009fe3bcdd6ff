import { useMutation, useQuery } from '@apollo/client/react';
import type { FormEvent } from 'react';
import { graphql } from '../gql';
import { CopyButton } from '../ui/CopyButton';
import { ErrorState, Loading } from '../ui/Status';

const LTI = graphql(`
  query DispatchLti($id: ID!) {
    ltiToolUrls {
      loginUrl
      launchUrl
      jwksUrl
      deepLinkUrl
    }
    dispatch(id: $id) {
      id
      ltiPlatform {
        id
        issuer
        clientId
        deploymentIds
        authorizationUrl
        tokenUrl
        jwksUrl
        updatedAt
      }
    }
  }
`);

const SET_PLATFORM = graphql(`
  mutation SetDispatchLtiPlatform($dispatchId: ID!, $input: LtiPlatformInput!) {
    setDispatchLtiPlatform(dispatchId: $dispatchId, input: $input) {
      id
      issuer
      clientId
      deploymentIds
      authorizationUrl
      tokenUrl
      jwksUrl
      updatedAt
    }
  }
`);

const REMOVE_PLATFORM = graphql(`
  mutation RemoveDispatchLtiPlatform($dispatchId: ID!) {
    removeDispatchLtiPlatform(dispatchId: $dispatchId)
  }
`);

/**
 * A dispatch over LTI 1.3: the tool's URLs to paste into the platform (each with a Copy
 * button), and the platform's own details, registered on this dispatch.
 */
export function LtiPanel({ dispatchId }: { dispatchId: string }) {
  const { data, error, loading } = useQuery(LTI, { variables: { id: dispatchId } });
  const [save, saved] = useMutation(SET_PLATFORM, { refetchQueries: ['DispatchLti'] });
  const [remove, removed] = useMutation(REMOVE_PLATFORM, { refetchQueries: ['DispatchLti'] });
  if (error) return <ErrorState error={error} />;
  if (loading && !data) return <Loading />;
  if (!data) return null;
  const urls = data.ltiToolUrls;
  const platform = data.dispatch?.ltiPlatform ?? null;
  const onSave = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    void save({
      variables: {
        dispatchId,
        input: {
          issuer: text('issuer'),
          clientId: text('clientId'),
          deploymentIds: text('deploymentIds')
            .split(/[\s,]+/)
            .filter(Boolean),
          authorizationUrl: text('authorizationUrl'),
          tokenUrl: text('tokenUrl'),
          jwksUrl: text('jwksUrl'),
        },
      },
    }).catch(() => {});
  };
  const rows: Array<[string, string]> = [
    ['Login (OIDC initiation) URL', urls.loginUrl],
    ['Redirect / launch URL', urls.launchUrl],
    ['Public keyset (JWKS) URL', urls.jwksUrl],
    ['Deep linking URL', urls.deepLinkUrl],
  ];
  return (
    <section id="lti" aria-label="LTI 1.3">
      <h3>LTI 1.3 (format=lti)</h3>
      <p>
        Register Courier as an LTI 1.3 tool in the other LMS with these addresses (add both the
        launch and the deep linking URL as redirect URLs), then enter what the LMS gave you below.
      </p>
      <dl className="lti-urls">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>
              <code>{value}</code> <CopyButton text={value} label={`Copy ${label}`} />
            </dd>
          </div>
        ))}
      </dl>
      <form
        className="stacked-form"
        aria-label="LTI platform"
        onSubmit={onSave}
        key={platform?.updatedAt ?? 'new'}
      >
        <label>
          Platform issuer
          <input
            name="issuer"
            required
            maxLength={255}
            defaultValue={platform?.issuer}
            placeholder="https://canvas.instructure.com"
          />
        </label>
        <label>
          Client id
          <input name="clientId" required maxLength={255} defaultValue={platform?.clientId} />
        </label>
        <label>
          Deployment ids (comma or space separated, up to 20)
          <input name="deploymentIds" required defaultValue={platform?.deploymentIds.join(', ')} />
        </label>
        <label>
          Authorization (OIDC auth) URL
          <input
            name="authorizationUrl"
            type="url"
            required
            maxLength={1000}
            defaultValue={platform?.authorizationUrl}
          />
        </label>
        <label>
          Access token URL
          <input
            name="tokenUrl"
            type="url"
            required
            maxLength={1000}
            defaultValue={platform?.tokenUrl}
          />
        </label>
        <label>
          Platform keyset (JWKS) URL
          <input
            name="jwksUrl"
            type="url"
            required
            maxLength={1000}
            defaultValue={platform?.jwksUrl}
          />
        </label>
        <button type="submit" disabled={saved.loading}>
          {platform ? 'Save platform' : 'Register platform'}
        </button>
        {platform && (
          <button
            type="button"
            className="danger"
            disabled={removed.loading}
            onClick={() => void remove({ variables: { dispatchId } }).catch(() => {})}
          >
            Remove platform
          </button>
        )}
        {saved.error && <ErrorState error={saved.error} />}
        {removed.error && <ErrorState error={removed.error} />}
        {platform && !saved.error && (
          <p data-testid="lti-registered">
            Registered: {platform.issuer} (client {platform.clientId})
          </p>
        )}
      </form>
    </section>
  );
}

/** The latest AGS score of a launch, as the platform has it (or why it does not yet). */
export function LtiScoreCell({
  score,
}: {
  score:
    | {
        status: string;
        attempts: number;
        lastError?: string | null;
        scoreGiven?: number | null;
        scoreMaximum?: number | null;
        activityProgress: string;
      }
    | undefined;
}) {
  if (!score) return <>—</>;
  const value =
    score.scoreGiven != null && score.scoreMaximum != null
      ? `${score.scoreGiven}/${score.scoreMaximum}`
      : score.activityProgress;
  if (score.status === 'DELIVERED') return <span data-testid="lti-score">Sent {value}</span>;
  return (
    <span data-testid="lti-score" title={score.lastError ?? undefined}>
      {score.status === 'FAILED' ? 'Not delivered' : 'Waiting'} {value}
      {score.attempts > 0
        ? ` (${score.attempts} tries${score.lastError ? `: ${score.lastError}` : ''})`
        : ''}
    </span>
  );
}
