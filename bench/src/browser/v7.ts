import { Ninetailed } from 'v7-core';
import type { BenchSdk } from './benchSdk';
import { exposeBench } from './exposeBench';

// The official @ninetailed/experience.js@7.26.0 from npm (alias `v7-core`), unchanged: its
// documented constructor, with `url` pointing at the local server.
exposeBench('v7', ({ url, requestTimeout }) => {
  return new Ninetailed(
    { clientId: 'demo', environment: 'main' },
    { url, requestTimeout },
  ) as unknown as BenchSdk;
});
