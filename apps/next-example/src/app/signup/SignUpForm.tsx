'use client';
import { useActionState } from 'react';
import { type SignUpState, signUp } from './actions';

/** The sign-up form: its submit runs the `signUp` server action (no client-side event). */
export function SignUpForm() {
  const [state, action, pending] = useActionState<SignUpState, FormData>(signUp, { done: false });
  return (
    <form action={action} data-testid="signup-form">
      <label>
        Plan{' '}
        <select name="plan" defaultValue="free">
          <option value="free">Free</option>
          <option value="pro">Pro</option>
        </select>
      </label>{' '}
      <button type="submit" disabled={pending}>
        Sign up
      </button>
      {state.done && (
        <p data-testid="signup-done" data-profile-id={state.profileId}>
          Signed up: the server tracked <code>signup</code> for your profile.
        </p>
      )}
      {state.error && <p role="alert">{state.error}</p>}
    </form>
  );
}
