import { createBrowserRouter } from 'react-router';
import { Layout } from './Layout';
import type { PageHandle } from './PageHandle';
import { BlogCategoryPage } from './pages/BlogCategoryPage';
import { BlogPage } from './pages/BlogPage';
import { BlogPostPage } from './pages/BlogPostPage';
import { HomePage } from './pages/HomePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { ProductPage } from './pages/ProductPage';
import { ProductsPage } from './pages/ProductsPage';
import { SignInPage } from './pages/SignInPage';

const withCategory: PageHandle = { pageProperties: (params) => ({ category: params.category }) };

export const router = createBrowserRouter([
  {
    path: '/',
    element: <Layout />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'blog', element: <BlogPage /> },
      { path: 'blog/:category', element: <BlogCategoryPage />, handle: withCategory },
      { path: 'blog/:category/:slug', element: <BlogPostPage />, handle: withCategory },
      { path: 'products', element: <ProductsPage /> },
      { path: 'products/:sku', element: <ProductPage /> },
      { path: 'sign-in', element: <SignInPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
