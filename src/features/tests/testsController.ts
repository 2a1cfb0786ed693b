import * as vscode from 'vscode';
import { isLlmError } from '../../core/llm';
import type { Logger } from '../../core/logger';
import {
  detectTestFrameworks, formatFailures, isTestFile, outputTail, runFixLoop, summarizeRun, testScopeFor, type FixLoopResult, type TestRunReport,
} from '../../core/testing';
import type { ReviewService } from '../edit/review/reviewApi';
import type { DeclarationsSource } from '../knowledge/editDeclarations';
import { showLlmError } from '../errors/showLlmError';
import type { ModelService } from '../models/modelService';
import { uriFrom } from './commandArgs';
import { editorWorkspaceFiles, locate } from './editorWorkspaceFiles';
import { noteInChat } from './chatNote';
import { FixSteps } from './fixSteps';
import { generateForTarget, type GenerateRequest } from './generateFlow';
import { RunRefused, TestRuns, type RunScope } from './testRuns';
import { folderIgnore } from './testsIgnore';

export interface TestsControllerDeps {
  models: ModelService;
  review: ReviewService;
  logger: Logger;
  storageDir: string;
  isTrusted(): boolean;
  declarations?: DeclarationsSource;
}

/**
 * The tests feature once first used: Generate Tests (model -> review -> run), Run Tests, Fix
 * Failing Tests (the bounded fix loop) and Run Tests and Explain Failures (-> chat).
 */
export class TestsController implements vscode.Disposable {
  readonly runs: TestRuns;
  /** Every message shown to the user, oldest first (for the integration suite). */
  readonly messages: string[] = [];
  /** Test file URI -> the source its tests were generated for: the code a fix may change. */
  private readonly sources = new Map<string, string>();

  constructor(private readonly deps: TestsControllerDeps) {
    this.runs = new TestRuns({
      logger: deps.logger, storageDir: deps.storageDir, isTrusted: deps.isTrusted,
      configuredCommand: () => deps.models.config.tests.command,
      shown: (message) => this.messages.push(message),
    });
  }

  /** "Tandem: Generate Tests": for the selection, the function at the cursor, or the file. */
  async generate(request: GenerateRequest): Promise<void> {
    const outcome = await generateForTarget(request, {
      models: this.deps.models, review: this.deps.review, logger: this.deps.logger, ignoreFor: (folder) => this.ignoreFor(folder),
      shown: (message) => this.messages.push(message),
      remember: (testUri, sourcePath) => this.sources.set(testUri.toString(), sourcePath),
      ...(this.deps.declarations ? { declarations: this.deps.declarations } : {}),
    });
    if (!outcome) return;
    const scope = await this.scopeOf(outcome.testUri);
    if (!scope) return;
    if (this.deps.models.config.tests.autoRunAfterAccept) {
      await this.runAndShow(scope);
      return;
    }
    const message = `Tests written to ${scope.testFile ?? outcome.testUri.fsPath}.`;
    this.messages.push(message);
    if (request.fromChat) noteInChat(`${message} Run them with "Tandem: Run Tests" (or the button on the notification).`);
    void vscode.window.showInformationMessage(`Tandem: ${message}`, 'Run Tests').then((choice) => {
      if (choice) void this.runAndShow(scope);
    });
  }

  /** "Tandem: Run Tests": the file's tests (a test file, or the tests of a source file), else the project's. */
  async runTests(arg: unknown): Promise<TestRunReport | undefined> {
    const scope = await this.scopeOf(uriFrom(arg) ?? vscode.window.activeTextEditor?.document.uri);
    return scope ? this.runAndShow(scope) : undefined;
  }

  /** "Tandem: Fix Failing Tests": from the last run of the file's tests (or a new one), at most tandem.tests.maxFixRounds rounds. */
  async fixFailing(arg: unknown): Promise<FixLoopResult | undefined> {
    const scope = await this.fixScope(uriFrom(arg));
    if (!scope?.testFile) return undefined;
    const testUri = vscode.Uri.joinPath(scope.folder.uri, ...scope.testFile.split('/'));
    const last = await this.runs.lastReport(scope);
    const maxRounds = this.deps.models.config.tests.maxFixRounds;
    const ignore = await this.ignoreFor(scope.folder);
    let result: FixLoopResult;
    try {
      result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Tandem: fixing failing tests', cancellable: true },
        async (progress, token) => {
          const abort = new AbortController();
          const cancel = token.onCancellationRequested(() => abort.abort());
          try {
            const steps = new FixSteps({
              runs: this.runs, scope, review: this.deps.review, models: this.deps.models, logger: this.deps.logger,
              sourcePath: this.sources.get(testUri.toString()), mayRead: (path) => !ignore.isIgnored(path),
              progress: (message) => progress.report({ message }),
            });
            return await runFixLoop(steps, {
              maxRounds, signal: abort.signal,
              ...(last && !last.passed && last.exitCode !== undefined ? { initial: last } : {}),
              onProgress: (p) => progress.report({ message: p.message }),
            });
          } finally {
            cancel.dispose();
          }
        },
      );
    } catch (error) {
      if (error instanceof RunRefused) return undefined;
      this.fail('fix failing tests', error, () => this.fixFailing(arg));
      return undefined;
    }
    this.deps.logger.info(`tests: fix loop stopped (${result.stop}) after ${result.rounds} round(s): ${result.message}`);
    this.showFixResult(result, scope);
    return result;
  }

  /** "Tandem: Run Tests and Explain Failures": the project's tests, then the chat with the failures attached. */
  async runAndExplain(arg: unknown): Promise<TestRunReport | undefined> {
    const scope = await this.scopeOf(uriFrom(arg) ?? vscode.window.activeTextEditor?.document.uri, { wholeProject: true });
    if (!scope) return undefined;
    const report = await this.runWithProgress(scope);
    if (!report) return undefined;
    if (report.passed || report.exitCode === undefined) {
      await this.runs.showResult(report);
      return report;
    }
    await this.explain(scope, report);
    return report;
  }

  private async runAndShow(scope: RunScope): Promise<TestRunReport | undefined> {
    const report = await this.runWithProgress(scope);
    if (report) {
      void this.runs.showResult(report, {
        ...(scope.testFile !== undefined || report.failures.some((f) => f.file !== undefined) ? { fix: () => this.fixFailing(scope.testFile ? vscode.Uri.joinPath(scope.folder.uri, ...scope.testFile.split('/')) : undefined) } : {}),
        explain: () => this.explain(scope, report),
      });
    }
    return report;
  }

  private async runWithProgress(scope: RunScope): Promise<TestRunReport | undefined> {
    try {
      return await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Running tests…' }, () => this.runs.run(scope));
    } catch (error) {
      if (!(error instanceof RunRefused)) this.fail('run the tests', error);
      return undefined;
    }
  }

  private async explain(scope: RunScope, report: TestRunReport): Promise<void> {
    const body = report.failures.length > 0 ? formatFailures(report.failures) : `Tandem could not read individual failures; the end of the output:\n\n${outputTail(report.output)}`;
    const context: { label: string; content: string; language?: string }[] = [
      { label: `Test failures: ${report.command}`, content: `${report.command} (exit code ${report.exitCode}): ${summarizeRun(report)}\n\n${body}`, language: 'text' },
    ];
    const failingFiles = [...new Set(report.failures.map((f) => f.file).filter((f): f is string => f !== undefined && !f.startsWith('/')))].slice(0, 3);
    const ignore = await this.ignoreFor(scope.folder);
    for (const path of failingFiles) {
      if (ignore.isIgnored(path)) continue;
      const text = await scope.files.read(path);
      if (text !== undefined) context.push({ label: path, content: text, language: languageIdOf(path) });
    }
    await vscode.commands.executeCommand('tandem.askInChat', { text: 'Explain these test failures: what goes wrong, why, and how to fix it.', context });
  }

  /** How the loop ended: passed as information; otherwise a warning with the last run and the next steps. */
  private showFixResult(result: FixLoopResult, scope: RunScope): void {
    const report = result.report;
    const summary = report ? summarizeRun(report) : undefined;
    if (result.stop !== 'cancelled') noteInChat(`Fix Failing Tests: ${result.message}${summary ? ` (${summary})` : ''}`);
    if (result.stop === 'passed') {
      const message = `${result.message}${summary ? ` (${summary})` : ''}`;
      this.messages.push(message);
      void vscode.window.showInformationMessage(`Tandem: ${message}`);
      return;
    }
    this.messages.push(result.message);
    if (result.stop === 'cancelled') return;
    const lastRun = summary && result.stop !== 'rejected' ? ` Last run: ${summary}.` : '';
    void vscode.window.showWarningMessage(`Tandem: ${result.message}${lastRun}`, 'Show Output', ...(report ? ['Explain in Chat'] : [])).then((choice) => {
      if (choice === 'Show Output') this.runs.showOutput();
      else if (choice === 'Explain in Chat' && report) void this.explain(scope, report);
    });
  }

  /** The tests of a file: its test file, or its project's whole suite. */
  private async scopeOf(uri: vscode.Uri | undefined, options: { wholeProject?: boolean } = {}): Promise<RunScope | undefined> {
    const located = uri ? locate(uri) : undefined;
    const folder = located?.folder ?? vscode.workspace.workspaceFolders?.[0];
    if (!folder) {
      this.tell('Open a folder first: Tandem runs the tests of a workspace folder.');
      return undefined;
    }
    const files = editorWorkspaceFiles(folder);
    if (!located) {
      const detected = (await detectTestFrameworks(files))[0];
      return { folder, files, ...(detected ? { detected } : {}) };
    }
    const found = await testScopeFor(files, located.path);
    return {
      folder, files, file: located.path,
      ...(found.detected ? { detected: found.detected } : {}),
      ...(found.testFile !== undefined && !options.wholeProject ? { testFile: found.testFile } : {}),
    };
  }

  /** The test file to fix: the given or active file's, else the last run's first failing test file. */
  private async fixScope(uri: vscode.Uri | undefined): Promise<RunScope | undefined> {
    const scope = await this.scopeOf(uri ?? vscode.window.activeTextEditor?.document.uri);
    if (scope?.testFile !== undefined) return scope;
    const latest = this.runs.latest;
    const failing = latest?.report.failures.find((f) => f.file !== undefined && latest.scope.detected && isTestFile(f.file, latest.scope.detected.framework))?.file;
    if (latest && failing) return { ...latest.scope, testFile: failing };
    this.tell('Open the failing test file (or run its tests first): Tandem fixes the tests of one test file at a time.');
    return undefined;
  }

  private ignoreFor(folder: vscode.WorkspaceFolder) {
    return folderIgnore(folder, this.deps.models.config.ignore);
  }

  private tell(message: string): void {
    this.messages.push(message);
    void vscode.window.showInformationMessage(`Tandem: ${message}`);
  }

  private fail(what: string, error: unknown, retry?: () => unknown): void {
    if (isLlmError(error)) {
      void showLlmError(error, retry);
      return;
    }
    const message = `Could not ${what}: ${error instanceof Error ? error.message : String(error)}`;
    this.deps.logger.error(`tests: ${message}${error instanceof Error && error.stack ? `\n${error.stack}` : ''}`);
    this.messages.push(message);
    void vscode.window.showErrorMessage(`Tandem: ${message}`, 'Show Log').then((choice) => {
      if (choice) void vscode.commands.executeCommand('tandem.showLog');
    });
  }

  dispose(): void {
    this.runs.dispose();
  }
}

function languageIdOf(path: string): string {
  const ext = path.slice(path.lastIndexOf('.') + 1);
  const ids: Record<string, string> = { ts: 'typescript', tsx: 'typescriptreact', js: 'javascript', jsx: 'javascriptreact', mjs: 'javascript', cjs: 'javascript', py: 'python', go: 'go', rs: 'rust', java: 'java', kt: 'kotlin' };
  return ids[ext] ?? 'plaintext';
}
