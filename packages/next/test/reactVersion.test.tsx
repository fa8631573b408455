import { describeReactVersion } from '../../react/test/reactVersionSuite';

// The React side of the test matrix (see vitest.config.ts), shared with the React binding.
describeReactVersion();
