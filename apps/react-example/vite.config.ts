import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

// `vite build` / `vite preview` use @ninetailed/experience.js-react through its package
// "exports" (the built dist/), exactly as a user's app would: build the packages first
// (`pnpm turbo run build --filter react-example...`). `vite dev` adds the workspace's
// `@ninetailed/source` condition, so the SDK's sources are served (and hot-reloaded) without
// a package build.
export default defineConfig(({ command, isPreview }) => ({
  plugins: [react()],
  resolve:
    command === 'serve' && !isPreview
      ? { conditions: ['@ninetailed/source', ...defaultClientConditions] }
      : undefined,
  server: { host: '127.0.0.1', port: 4311, strictPort: true },
  preview: { host: '127.0.0.1', port: 4310, strictPort: true },
}));
