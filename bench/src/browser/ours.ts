import { Ninetailed } from '@ninetailed/experience.js';
import type { BenchSdk } from './benchSdk';
import { exposeBench } from './exposeBench';

// Our core, from the workspace's built package, exactly as an app imports it.
exposeBench('ours', ({ url, requestTimeout }) => {
  return new Ninetailed({ clientId: 'demo', environment: 'main', url, requestTimeout }) as BenchSdk;
});
