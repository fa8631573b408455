import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <>
      <title>Not found · Ninetailed React example</title>
      <h1>Not found</h1>
      <Link to="/">Home</Link>
    </>
  );
}
