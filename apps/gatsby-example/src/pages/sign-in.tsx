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
    // Awaited: the promise resolves once the Experience API accepted the event, and rejects
    // (after reporting to onError) when it was refused, which the form shows.
    try {
      await identify(alias, {
        name: String(form.get('name') ?? ''),
        favoriteColor: String(form.get('color') ?? ''),
      });
      setSignedIn(alias);
      setFailure(null);
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
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
