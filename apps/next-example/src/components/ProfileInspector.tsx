'use client';
import { useProfile } from '@ninetailed/experience.js-next';

/**
 * Shows what the Experience API knows about the visitor: audiences, the experiences it selected
 * (experience id → variant index) and their changes (inline variables), traits, session.
 */
export function ProfileInspector() {
  const { status, profile, experiences, changes, error, from } = useProfile();
  return (
    <aside aria-label="Profile inspector" className="inspector">
      <h2>Profile</h2>
      <p>
        Status: <output data-testid="profile-status">{status}</output>
        {from && <span data-testid="profile-from"> (from {from})</span>}
      </p>
      {error && <p role="alert">{error.message}</p>}
      {profile && (
        <dl>
          <dt>Id</dt>
          <dd data-testid="profile-id">{profile.id}</dd>
          <dt>Audiences</dt>
          <dd>
            <ul data-testid="audiences">
              {profile.audiences.length === 0 && <li>none yet</li>}
              {profile.audiences.map((audience) => (
                <li key={audience} data-testid="audience">
                  {audience}
                </li>
              ))}
            </ul>
          </dd>
          <dt>Experiences</dt>
          <dd>
            <ul data-testid="experiences">
              {experiences?.length ? null : <li>none yet</li>}
              {experiences?.map(({ experienceId, variantIndex }) => (
                <li key={experienceId}>
                  {experienceId} → {variantIndex}
                </li>
              ))}
            </ul>
          </dd>
          <dt>Changes</dt>
          <dd>
            <ul data-testid="changes">
              {changes?.length ? null : <li>none yet</li>}
              {changes?.map(({ key, value }) => (
                <li key={key}>
                  {key} = {JSON.stringify(value)}
                </li>
              ))}
            </ul>
          </dd>
          <dt>Traits</dt>
          <dd>
            <pre data-testid="traits">{JSON.stringify(profile.traits, null, 2)}</pre>
          </dd>
          <dt>Session</dt>
          <dd data-testid="session">
            visit {profile.session.count}
            {profile.session.isReturningVisitor ? ' (returning)' : ' (new)'}, landed on{' '}
            {profile.session.landingPage.path || '/'}
          </dd>
        </dl>
      )}
    </aside>
  );
}
