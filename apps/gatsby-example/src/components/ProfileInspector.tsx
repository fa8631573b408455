import { useNinetailed, useProfile } from '@ninetailed/experience.js-gatsby';

/**
 * Shows what the Experience API knows about this visitor: audiences, the experiences it selected
 * (experience id → variant index) and their changes (inline variables), traits, session.
 */
export function ProfileInspector() {
  const { status, profile, experiences, changes, error, from } = useProfile();
  const { reset } = useNinetailed();
  return (
    <aside className="inspector" aria-label="Profile inspector">
      <h2>Profile inspector</h2>
      <p>
        Status: <span data-testid="profile-status">{status}</span>
        {from ? <span data-testid="profile-from"> (from {from})</span> : null}
      </p>
      {error ? <p data-testid="profile-error">{error.message}</p> : null}
      {profile ? (
        <>
          <p>
            Profile id: <code data-testid="profile-id">{profile.id}</code>
          </p>
          <h3>Audiences</h3>
          <ul data-testid="audiences">
            {profile.audiences.length === 0 ? <li>none</li> : null}
            {profile.audiences.map((audience) => (
              <li key={audience}>{audience}</li>
            ))}
          </ul>
          <h3>Experiences</h3>
          <ul data-testid="experiences">
            {experiences?.length ? null : <li>none</li>}
            {experiences?.map(({ experienceId, variantIndex }) => (
              <li key={experienceId}>
                {experienceId} → {variantIndex}
              </li>
            ))}
          </ul>
          <h3>Changes</h3>
          <ul data-testid="changes">
            {changes?.length ? null : <li>none</li>}
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
            <dt>Returning visitor</dt>
            <dd>{profile.session.isReturningVisitor ? 'yes' : 'no'}</dd>
            <dt>Landing page</dt>
            <dd>{profile.session.landingPage.path}</dd>
          </dl>
        </>
      ) : null}
      <button type="button" onClick={() => reset().catch(() => {})}>
        Reset profile
      </button>
    </aside>
  );
}
