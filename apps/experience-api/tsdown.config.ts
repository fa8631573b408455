import { defineConfig } from 'tsdown';
import { nodeBuild } from '../../tsdown.shared.ts';

// The server is an application, not a library for browsers: `better-sqlite3` (a native addon),
// `pg` and `kysely` stay runtime dependencies.
export default defineConfig(
  nodeBuild(['src/index.ts', 'src/cli.ts'], { deps: { neverBundle: ['better-sqlite3', 'pg', 'kysely'] } }),
);
