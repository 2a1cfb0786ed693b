import { testCommand } from './command';
import type { DetectedFramework } from './detect/evidence';
import { parseJsonObject, stringRecord } from './detect/evidence';
import { frameworkLanguage } from './conventions/testFiles';
import { expandCommandTemplate, type ShellKind } from './shellQuote';
import { joinPath, type WorkspaceFiles } from './workspaceFiles';

export interface RunCommandInput {
  files: WorkspaceFiles;
  /** The framework of the project the test file belongs to (parsing needs it too). */
  detected: DetectedFramework | undefined;
  /** tandem.tests.command: a command line with ${file}/${testFile}; '' = use the detected one. */
  configured: string;
  /** Workspace-relative test file to narrow the run to; undefined runs the project's whole suite. */
  testFile?: string;
  /** Workspace-relative file the user is on (${file}); defaults to the test file. */
  file?: string;
  shell: ShellKind;
}

export interface RunCommand {
  command: string;
  /** Workspace-relative folder to run it in ('' = the workspace root). */
  cwd: string;
  /** It runs only the test file (or the smallest unit holding it). */
  narrowed: boolean;
  /** Where the command came from, for messages: the setting, the project's npm script, or Tandem's detection. */
  source: 'setting' | 'npm-script' | 'detected';
}

/** npm's placeholder for a package without tests: running it proves nothing. */
const npmPlaceholder = /no test specified/;

/**
 * The command that runs the tests: `tandem.tests.command` when set (run at the workspace root, its
 * ${file} and ${testFile} filled in and shell-quoted), else the framework's command narrowed to
 * the test file (core testCommand), else for a whole JS project its `npm test` script.
 * Throws an Error with an actionable message when there is nothing to run.
 */
export async function resolveRunCommand(input: RunCommandInput): Promise<RunCommand> {
  const { configured, testFile, detected, shell } = input;
  if (configured.trim()) {
    const values = { file: input.file ?? testFile, testFile };
    let command: string;
    try {
      command = expandCommandTemplate(configured.trim(), values, shell);
    } catch (error) {
      throw new Error(`"tandem.tests.command": ${(error as Error).message} Run it from a test file (or a file with tests), or change the setting.`, { cause: error });
    }
    return { command, cwd: '', narrowed: /\$\{(file|testFile)\}/.test(configured), source: 'setting' };
  }
  if (!detected) {
    throw new Error(`Tandem found no test framework for ${testFile ?? input.file ?? 'this workspace'}. Set "tandem.tests.command" to the command that runs your tests (it may use \${file} and \${testFile}).`);
  }
  if (testFile !== undefined) {
    const narrowed = await testCommand(input.files, detected, testFile, { shell });
    return { ...narrowed, source: 'detected' };
  }
  if (frameworkLanguage[detected.framework] === 'javascript') {
    const manifest = parseJsonObject(await input.files.read(joinPath(detected.root, 'package.json')));
    const script = stringRecord(manifest?.['scripts'])['test'];
    if (script && !npmPlaceholder.test(script)) return { command: 'npm test', cwd: detected.root, narrowed: false, source: 'npm-script' };
  }
  return { ...(await testCommand(input.files, detected, undefined, { shell })), source: 'detected' };
}
