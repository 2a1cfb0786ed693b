import { planTestFile } from './conventions/placement';
import { isTestFile } from './conventions/testFiles';
import { detectFrameworkFor } from './detect';
import type { DetectedFramework } from './detect/evidence';
import type { WorkspaceFiles } from './workspaceFiles';

/** Which tests belong to a file: the framework of its project and, if there is one, its test file. */
export interface TestScope {
  detected?: DetectedFramework;
  /** Workspace-relative; absent: no test file for it (yet), so the project's whole suite is the scope. */
  testFile?: string;
}

/**
 * The tests to run for a workspace file: a test file is its own scope; a source file's scope is
 * its existing test file (by the project's conventions); anything else, the whole project.
 */
export async function testScopeFor(files: WorkspaceFiles, path: string): Promise<TestScope> {
  const detected = await detectFrameworkFor(files, path);
  if (!detected) return {};
  if (isTestFile(path, detected.framework)) return { detected, testFile: path };
  const plan = await planTestFile(files, path, detected);
  return plan.exists ? { detected, testFile: plan.path } : { detected };
}
