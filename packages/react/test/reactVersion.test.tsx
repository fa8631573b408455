import { describeReactVersion } from './reactVersionSuite';

// The test matrix runs every file under React 19 and React 18 (see vitest.config.ts).
describeReactVersion();
