import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import {
  reportTestRun, resolveRunCommand, summarizeRun, type DetectedFramework, type TestRunReport, type WorkspaceFiles,
} from '../../core/testing';
import { noteInChat } from './chatNote';
import { TaskTestRunner } from './taskTestRunner';
import { TestDiagnostics } from './testDiagnostics';
import { TestStatusItem } from './testStatusItem';

/** The tests to run: a project's whole suite, or one test file of it. */
export interface RunScope {
  folder: vscode.WorkspaceFolder;
  files: WorkspaceFiles;
  detected?: DetectedFramework;
  /** Workspace-relative. */
  testFile?: string;
  /** The file the user is on (${file} of tandem.tests.command). */
  file?: string;
}

/** Why a run did not happen; the user has been told. */
export class RunRefused extends Error {
  override readonly name = 'RunRefused';
}

export interface TestRunsDeps {
  logger: Logger;
  /** Where the task's wrapper script lives. */
  storageDir: string;
  isTrusted(): boolean;
  /** tandem.tests.command. */
  configuredCommand(): string;
  /** Every message shown, for the integration suite's hooks. */
  shown(message: string): void;
}

/**
 * Runs tests as VS Code tasks, one run at a time, and keeps what came of them: the last report
 * per scope, the failures as problems, the output in the "Tandem Tests" output channel.
 * Nothing runs in an untrusted workspace.
 */
export class TestRuns implements vscode.Disposable {
  readonly diagnostics = new TestDiagnostics();
  private readonly output = vscode.window.createOutputChannel('Tandem Tests');
  private readonly statusItem = new TestStatusItem();
  private readonly last = new Map<string, { report: TestRunReport; testText: string | undefined }>();
  private running = false;
  latest: { scope: RunScope; report: TestRunReport } | undefined;
  count = 0;

  constructor(private readonly deps: TestRunsDeps) {}

  /**
   * The last report of this scope's tests, if they ran in this window and the test file is still
   * as it was then: failures at lines the user has since edited would send the model astray.
   */
  async lastReport(scope: RunScope): Promise<TestRunReport | undefined> {
    const last = this.last.get(scopeKey(scope));
    if (!last) return undefined;
    return last.testText === (await testFileText(scope)) ? last.report : undefined;
  }

  /** Runs the scope's tests; throws RunRefused (after telling the user) when they may not or cannot run. */
  async run(scope: RunScope, signal?: AbortSignal): Promise<TestRunReport> {
    if (!this.deps.isTrusted()) {
      this.refuse('Tandem runs tests only in a trusted workspace: this one is in Restricted Mode. Trust it (Manage Workspace Trust) to let Tandem run them.', 'Manage Workspace Trust', 'workbench.trust.manage');
    }
    if (scope.folder.uri.scheme !== 'file') this.refuse(`Tandem runs tests only in folders on disk; ${scope.folder.name} is a virtual folder (${scope.folder.uri.scheme}:).`);
    if (this.running) this.refuse('Tandem is already running tests; wait until that run ends (see the terminal).');
    // Taken before the first await: a second Run Tests while the command is being worked out would start a second task.
    this.running = true;
    try {
      let command;
      try {
        command = await resolveRunCommand({
          files: scope.files, detected: scope.detected, configured: this.deps.configuredCommand(), shell: process.platform === 'win32' ? 'cmd' : 'posix',
          ...(scope.testFile !== undefined ? { testFile: scope.testFile } : {}),
          ...(scope.file !== undefined ? { file: scope.file } : {}),
        });
      } catch (error) {
        this.refuse(error instanceof Error ? error.message : String(error), 'Open Settings', 'workbench.action.openSettings', 'tandem.tests.command');
      }
      const testText = await testFileText(scope);
      const cwd = command.cwd ? vscode.Uri.joinPath(scope.folder.uri, ...command.cwd.split('/')).fsPath : scope.folder.uri.fsPath;
      this.deps.logger.info(`tests: running \`${command.command}\` in ${cwd} (${command.source})`);
      this.statusItem.running(scope.testFile ?? scope.folder.name);
      const result = await new TaskTestRunner(scope.folder, this.deps.storageDir).run({ command: command.command, cwd, label: `Tandem: ${command.command}` }, signal);
      const report = reportTestRun(result, {
        command: command.command, cwd: command.cwd, absoluteCwd: cwd,
        ...(scope.detected ? { framework: scope.detected.framework, ...(scope.detected.goModule ? { goModule: scope.detected.goModule } : {}) } : {}),
        ...(scope.testFile !== undefined ? { testFile: scope.testFile } : {}),
      });
      this.count++;
      this.record(scope, report, testText);
      return report;
    } finally {
      this.running = false;
      this.statusItem.settle();
    }
  }

  /** The run's verdict as a notification, with the next steps as buttons. */
  async showResult(report: TestRunReport, actions: { fix?: () => unknown; explain?: () => unknown } = {}): Promise<void> {
    const summary = summarizeRun(report);
    const where = report.testFile ?? (report.cwd || 'the workspace');
    noteInChat(report.exitCode === undefined ? `The test run of ${where} did not finish.` : `Tests of ${where}: ${summary}.`);
    if (report.exitCode === undefined) {
      this.deps.shown(`Tests: ${summary}`);
      void vscode.window.showWarningMessage(`Tandem: the test run of ${where} did not finish.`);
      return;
    }
    if (report.passed) {
      const message = `Tests of ${where}: ${summary}.`;
      this.deps.shown(message);
      void vscode.window.showInformationMessage(`Tandem: ${message}`);
      return;
    }
    const message = `Tests of ${where}: ${summary}.`;
    this.deps.shown(message);
    const buttons = [...(actions.fix ? ['Fix Failing Tests'] : []), ...(actions.explain ? ['Explain in Chat'] : []), 'Show Output'];
    const choice = await vscode.window.showWarningMessage(`Tandem: ${message}`, ...buttons);
    if (choice === 'Fix Failing Tests') await actions.fix?.();
    else if (choice === 'Explain in Chat') await actions.explain?.();
    else if (choice === 'Show Output') this.output.show(true);
  }

  showOutput(): void {
    this.output.show(true);
  }

  private record(scope: RunScope, report: TestRunReport, testText: string | undefined): void {
    this.last.set(scopeKey(scope), { report, testText });
    this.latest = { scope, report };
    this.statusItem.show(report, report.testFile ?? (report.cwd || scope.folder.name));
    this.diagnostics.show(scope.folder, report);
    this.output.clear();
    this.output.appendLine(`$ ${report.command}    (in ${scope.folder.name}/${report.cwd}; exit code ${report.exitCode ?? 'none: stopped'})`);
    this.output.append(report.output);
    this.output.appendLine(`\n${summarizeRun(report)}`);
  }

  private refuse(message: string, action?: string, command?: string, ...args: unknown[]): never {
    this.deps.shown(message);
    void vscode.window.showWarningMessage(`Tandem: ${message}`, ...(action ? [action] : [])).then((choice) => {
      if (choice && command) void vscode.commands.executeCommand(command, ...args);
    });
    throw new RunRefused(message);
  }

  dispose(): void {
    this.statusItem.dispose();
    this.diagnostics.dispose();
    this.output.dispose();
  }
}

function scopeKey(scope: RunScope): string {
  return `${scope.folder.uri.toString()}\u0000${scope.testFile ?? ''}`;
}

/** The test file as the user has it (an open editor's text, else the file on disk). */
async function testFileText(scope: RunScope): Promise<string | undefined> {
  if (scope.testFile === undefined) return undefined;
  const uri = vscode.Uri.joinPath(scope.folder.uri, ...scope.testFile.split('/'));
  const open = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
  if (open) return open.getText();
  return vscode.workspace.fs.readFile(uri).then((bytes) => new TextDecoder().decode(bytes), () => undefined);
}
