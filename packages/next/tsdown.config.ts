import { defineConfig } from 'tsdown';
import { packageBuild } from '../../tsdown.shared.ts';

export default defineConfig(packageBuild(['src/index.ts', 'src/server/index.ts']));
