import { useProfile } from '@ninetailed/experience.js-react';

/**
 * Shows the live profile from `useProfile()`: audiences, the experiences the Experience API
 * selected (experience id → variant index) and their changes (inline variables), traits and
 * session.
 */
export function ProfileInspector() {
  const { status, loading, profile, experiences, changes, error, from } = useProfile();
  return (
    <aside className="inspector" aria-label="Profile inspector">
      <h2>Profile</h2>
      <p>
        Status: <span data-testid="profile-status">{status}</span>
        {from ? <span data-testid="profile-from"> (from {from})</span> : null}
      </p>
      {error ? <p role="alert">{error.message}</p> : null}
      {loading && !profile ? <p>No profile yet: the next event creates one.</p> : null}
      {profile ? (
        <>
          <dl>
            <dt>Id</dt>
            <dd data-testid="profile-id">{profile.id}</dd>
          </dl>
          <h3>Audiences</h3>
          <ul data-testid="audiences">
            {profile.audiences.length === 0 ? <li className="none">none</li> : null}
            {profile.audiences.map((audience) => (
              <li key={audience}>{audience}</li>
            ))}
          </ul>
          <h3>Experiences</h3>
          <ul data-testid="experiences">
            {experiences?.length ? null : <li className="none">none</li>}
            {experiences?.map(({ experienceId, variantIndex }) => (
              <li key={experienceId}>
                {experienceId} → {variantIndex}
              </li>
            ))}
          </ul>
          <h3>Changes</h3>
          <ul data-testid="changes">
            {changes?.length ? null : <li className="none">none</li>}
            {changes?.map(({ key, value }) => (
              <li key={key}>
                {key} = {JSON.stringify(value)}
              </li>
            ))}
          </ul>
          <h3>Traits</h3>
          <pre data-testid="traits">{JSON.stringify(profile.traits, null, 2)}</pre>
          <h3>Session</h3>
          <dl data-testid="session">
            <dt>Sessions</dt>
            <dd>{profile.session.count}</dd>
            <dt>Returning</dt>
            <dd>{profile.session.isReturningVisitor ? 'yes' : 'no'}</dd>
            <dt>Landing page</dt>
            <dd>{profile.session.landingPage.path}</dd>
          </dl>
        </>
      ) : null}
    </aside>
  );
}
