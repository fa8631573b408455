import { useNinetailed } from '@ninetailed/experience.js-react';
import { type FormEvent, useState } from 'react';

export function SignInPage() {
  const { identify } = useNinetailed();
  const [signedIn, setSignedIn] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const alias = String(form.get('alias') ?? '').trim();
    const traits = {
      name: String(form.get('name') ?? ''),
      favoriteColor: String(form.get('favoriteColor') ?? ''),
    };
    // identify() never rejects: it resolves v7's FlushResult, `{ success: false, error }` when
    // the Experience API refused the event (reported to onError too).
    const result = await identify(alias, traits);
    if (result.success) {
      setSignedIn(alias);
      setFailure(null);
    } else {
      setFailure(result.error?.message ?? '[ninetailed] identify failed');
    }
  };

  return (
    <>
      <title>Sign in · Ninetailed React example</title>
      <h1>Sign in</h1>
      <p className="note" data-testid="alias-note">
        <strong>Do not use an email address (or a phone number) as the alias.</strong> The alias names the
        profile in the Experience API and is stored there: use an opaque, stable id from your own system, such
        as a database user id (<code>user-42</code>). Put what you need to personalise on (plan, favourite
        colour) in traits, and keep personal data out of them unless you have consent.
      </p>
      <form onSubmit={onSubmit}>
        <label>
          User id (alias)
          <input
            name="alias"
            defaultValue="user-42"
            required
            pattern="[^@\s]+"
            title="An opaque user id, not an email"
          />
        </label>
        <label>
          Name
          <input name="name" defaultValue="Ada" />
        </label>
        <label>
          Favourite colour
          <select name="favoriteColor" defaultValue="red">
            <option value="red">red</option>
            <option value="green">green</option>
            <option value="blue">blue</option>
          </select>
        </label>
        <button type="submit">Sign in</button>
      </form>
      {signedIn ? <p role="status">Signed in as {signedIn}</p> : null}
      {failure ? <p role="alert">{failure}</p> : null}
    </>
  );
}
