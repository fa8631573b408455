import { defineConfig } from 'tsdown';
import { nodeBuild } from '../../tsdown.shared.ts';

// Node consumers such as the core's Playwright tests load the built file.
export default defineConfig(nodeBuild(['src/index.ts']));
