'use client';
import { useNinetailed } from '@ninetailed/experience.js-next';
import { useState } from 'react';

/** Signs in (`identify`, with traits) and out (`reset`: a fresh anonymous profile). */
export function SignIn() {
  const { identify, reset } = useNinetailed();
  const [alias, setAlias] = useState('');
  const [favoriteColor, setFavoriteColor] = useState('red');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      aria-label="Sign in"
      onSubmit={async (event) => {
        event.preventDefault();
        setError(null);
        // identify() never rejects: a refused event (400) resolves `{ success: false, error }`.
        const result = await identify(alias, { favoriteColor });
        if (!result.success) setError(result.error?.message ?? '[ninetailed] identify failed');
      }}
    >
      <label>
        User id{' '}
        <input name="alias" value={alias} onChange={(event) => setAlias(event.target.value)} required />
      </label>
      <label>
        Favorite color{' '}
        <select
          name="favoriteColor"
          value={favoriteColor}
          onChange={(event) => setFavoriteColor(event.target.value)}
        >
          <option value="red">red</option>
          <option value="blue">blue</option>
        </select>
      </label>
      <button type="submit">Sign in</button>
      <button type="button" onClick={() => void reset()}>
        Reset profile
      </button>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}
