import { describeReactVersion } from '../../react/test/reactVersionSuite';

// The React tests (*.test.tsx) run under React 19 and React 18 (see vitest.config.ts).
describeReactVersion();
