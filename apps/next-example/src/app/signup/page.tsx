import type { Metadata } from 'next';
import { SignUpForm } from './SignUpForm';

export const metadata: Metadata = { title: 'Sign up' };

export default function SignUp() {
  return (
    <>
      <h1>Sign up</h1>
      <p>
        The form posts to a server action that sends <code>track('signup', {'{ plan }'})</code> from the
        server, for the visitor in the <code>ntaid</code> cookie: the same profile the browser's page events
        go to.
      </p>
      <SignUpForm />
    </>
  );
}
