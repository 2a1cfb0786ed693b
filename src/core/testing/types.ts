/** The test frameworks Tandem can detect, place tests for, run and read the output of. */
export type TestFramework = 'jest' | 'vitest' | 'mocha' | 'node-test' | 'pytest' | 'unittest' | 'go' | 'cargo' | 'junit';

export const testFrameworks: readonly TestFramework[] = ['jest', 'vitest', 'mocha', 'node-test', 'pytest', 'unittest', 'go', 'cargo', 'junit'];

/** One failure read from a test run's output. Lines and columns are 1-based. */
export interface TestFailure {
  /**
   * 'test': a test ran and failed (assertion, thrown error, timeout, panic).
   * 'build': a test file or package could not be compiled, collected or loaded, so none of its
   * tests ran (syntax error, compile error, import error).
   */
  kind: 'test' | 'build';
  /** The test's full name as the tool shows it; nested suites joined with ' › ' for JS runners. */
  testName: string;
  /** What went wrong, ANSI-free, without the stack trace. */
  message: string;
  /** Relative to the project root when the parser was given it (or the tool printed it so). */
  file?: string;
  line?: number;
  column?: number;
}

export interface TestTotals {
  passed: number;
  failed: number;
  /** Skipped, pending, ignored and todo tests. */
  skipped: number;
}

export interface ParsedTestRun {
  failures: TestFailure[];
  /** Absent when the output has no summary (the run was cut short or the tool prints none). */
  totals?: TestTotals;
}

export interface ParseOptions {
  /** Absolute directory the command ran in; absolute paths under it are made relative. */
  projectRoot?: string;
  /** Go module path (go.mod `module`), to turn `go test`'s package-relative file names into project paths. */
  goModule?: string;
}
