import type { Metadata } from 'next';
import { SignIn } from '../../components/SignIn';

export const metadata: Metadata = { title: 'Account' };

export default function Account() {
  return (
    <>
      <h1>Account</h1>
      <p>
        Signing in sends <code>identify(userId, {'{ favoriteColor }'})</code>; red joins the{' '}
        <code>red-fans</code> audience. Reset forgets the visitor and starts a fresh anonymous profile.
      </p>
      <SignIn />
    </>
  );
}
