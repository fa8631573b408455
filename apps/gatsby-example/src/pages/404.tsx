import { type HeadFC, Link } from 'gatsby';
import { Layout } from '../components/Layout';
import { pageTitle } from '../siteTitle';

export default function NotFoundPage() {
  return (
    <Layout>
      <h1>Page not found</h1>
      <p>
        <Link to="/">Back home</Link>
      </p>
    </Layout>
  );
}

export const Head: HeadFC = () => <title>{pageTitle('Not found')}</title>;
