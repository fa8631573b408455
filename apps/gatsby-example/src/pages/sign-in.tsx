import { useNinetailed } from '@ninetailed/experience.js-gatsby';
import type { HeadFC } from 'gatsby';
import { type FormEvent, useState } from 'react';
import { Layout } from '../components/Layout';
import { pageTitle } from '../siteTitle';

export default function SignInPage() {
  const { identify } = useNinetailed();
  const [signedIn, setSignedIn] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const alias = String(form.get('alias') ?? '').trim();
    // Awaited: the promise resolves v7's FlushResult once the Experience API answered; it never
    // rejects. A refused event (reported to onError too) resolves `{ success: false, error }`.
    const result = await identify(alias, {
      name: String(form.get('name') ?? ''),
      favoriteColor: String(form.get('color') ?? ''),
    });
    if (result.success) {
      setSignedIn(alias);
      setFailure(null);
    } else {
      setFailure(result.error?.message ?? '[ninetailed] identify failed');
    }
  };
  return (
    <Layout>
      <h1>Sign in</h1>
      <form onSubmit={onSubmit}>
        <p>
          <label>
            User id (alias) <input name="alias" required defaultValue="" />
          </label>
        </p>
        <p data-testid="alias-note">Use your account id. Do not use an email address as the alias.</p>
        <p>
          <label>
            Name <input name="name" />
          </label>
        </p>
        <p>
          <label>
            Favourite colour{' '}
            <select name="color" defaultValue="blue">
              <option value="blue">blue</option>
              <option value="red">red</option>
              <option value="green">green</option>
            </select>
          </label>
        </p>
        <button type="submit">Sign in</button>
      </form>
      <p role="status">{signedIn ? `Signed in as ${signedIn}` : ''}</p>
      {failure ? <p role="alert">{failure}</p> : null}
    </Layout>
  );
}

export const Head: HeadFC = () => <title>{pageTitle('Sign in')}</title>;
