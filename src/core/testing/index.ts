// Test framework detection, test-file conventions, test commands and failure parsing: the
// engine behind "Generate Tests" and the fix loop. Plain Node; file access through WorkspaceFiles.
export type { ParseOptions, ParsedTestRun, TestFailure, TestFramework, TestTotals } from './types';
export { testFrameworks } from './types';
export { parseTestOutput } from './parse';
export type { DirEntry, WorkspaceFiles } from './workspaceFiles';
export { nodeWorkspaceFiles } from './nodeWorkspaceFiles';
export { findFiles } from './findFiles';
export type { DetectedFramework } from './detect';
export { detectFrameworkFor, detectTestFrameworks, findProjectRoot } from './detect';
export { isTestFile, languageOf } from './conventions/testFiles';
export type { TestFilePlan } from './conventions/placement';
export { planTestFile } from './conventions/placement';
export { findClosestTestFile } from './conventions/closestTest';
export type { CommandOptions, TestCommand } from './command';
export { testCommand } from './command';
export type { ShellKind } from './shellQuote';
export { expandCommandTemplate, shellQuote } from './shellQuote';
