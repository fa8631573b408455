import { startTemporaryServer } from '@ninetailed/experience-api';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the local Experience API this run started on 127.0.0.1. */
    apiUrl: string;
  }
}

/**
 * Starts the local Experience API (real HTTP on 127.0.0.1, a SQLite file in a temp dir) in Node,
 * once for the run: the suites run in jsdom, where the server cannot start.
 */
export default async function setup(project: TestProject) {
  const server = await startTemporaryServer();
  project.provide('apiUrl', server.url);
  return () => server.close();
}
