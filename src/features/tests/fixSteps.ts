import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import {
  fixLabel, importedWorkspaceFiles, isTestFile, requestFix, type FixLoopSteps, type FixRound, type FixStepOutcome, type FixTarget, type TestRunReport,
} from '../../core/testing';
import type { ReviewOutcome, ReviewService } from '../edit/review/reviewApi';
import type { ModelService } from '../models/modelService';
import { askEditModel } from './askModel';
import type { RunScope, TestRuns } from './testRuns';

export interface FixStepsDeps {
  runs: TestRuns;
  /** Has a test file. */
  scope: RunScope;
  review: ReviewService;
  models: ModelService;
  logger: Logger;
  /** The source the tests were generated for, when Tandem wrote them. */
  sourcePath?: string;
  /** Ignore rules: files that may not be sent to the model. */
  mayRead(path: string): boolean;
  progress(message: string): void;
}

const targetWords: Record<FixTarget, string> = { test: 'fix to the test', code: 'fix to the code', both: 'fix to the test and the code' };

/** The fix loop in the editor: runs are VS Code tasks, fixes go through the diff review. */
export class FixSteps implements FixLoopSteps {
  private readonly previous: { target: FixTarget; explanation?: string }[] = [];

  constructor(private readonly deps: FixStepsDeps) {}

  run(signal: AbortSignal): Promise<TestRunReport> {
    return this.deps.runs.run(this.deps.scope, signal);
  }

  async fix(report: TestRunReport, round: FixRound, signal: AbortSignal): Promise<FixStepOutcome> {
    const { scope } = this.deps;
    const testPath = scope.testFile!;
    const testText = await scope.files.read(testPath);
    if (testText === undefined) return { kind: 'no-edit', reason: `The test file ${testPath} could not be read.` };
    const code = await this.codeUnderTest(testPath, testText, report);
    const client = await this.deps.models.getClient();
    const proposal = await requestFix({ report, testFile: { path: testPath, text: testText }, code, round, previous: this.previous, contextWindow: client.provider.contextWindow, signal }, askEditModel(this.deps.models));
    for (const note of proposal.notes) this.deps.logger.info(`tests: ${note}`);
    if (proposal.kind === 'none') return { kind: 'no-edit', reason: proposal.reason };
    for (const warning of proposal.warnings) this.deps.logger.warn(`tests: ${warning}`);
    if (proposal.declared && proposal.declared !== proposal.target) this.deps.logger.info(`tests: the reply said "Fix: ${proposal.declared}" but its edits are a ${targetWords[proposal.target]}`);

    const label = targetWords[proposal.target];
    this.deps.progress(`Round ${round.round} of ${round.of}: review the ${label}`);
    const handle = this.deps.review.propose({
      title: `Fix failing tests, round ${round.round} of ${round.of}: ${label}${proposal.explanation ? ` (${proposal.explanation})` : ''}`,
      origin: 'tests',
      files: proposal.files.map((file) => ({
        uri: vscode.Uri.joinPath(scope.folder.uri, ...file.path.split('/')),
        originalText: file.originalText,
        proposedText: file.proposedText,
        label: fixLabel(file.role),
      })),
    });
    const outcome = await untilAborted(handle.done, signal);
    if (!outcome) return { kind: 'rejected' };
    this.previous.push({ target: proposal.target, ...(proposal.explanation ? { explanation: proposal.explanation } : {}) });
    const failed = outcome.files.find((f) => f.status === 'failed');
    if (failed) return { kind: 'no-edit', reason: failed.message ?? 'The fix could not be written.' };
    if (outcome.superseded || !outcome.files.some((f) => f.status === 'accepted' || f.status === 'partial')) return { kind: 'rejected' };
    return { kind: 'applied', target: proposal.target };
  }

  /** The code a fix may change: the source the tests were written for, else what the test file imports; plus failing non-test files. */
  private async codeUnderTest(testPath: string, testText: string, report: TestRunReport): Promise<{ path: string; text: string }[]> {
    const { files, detected } = this.deps.scope;
    const code: { path: string; text: string }[] = [];
    const add = async (path: string, text?: string) => {
      if (path === testPath || code.some((c) => c.path === path) || !this.deps.mayRead(path)) return;
      const content = text ?? (await files.read(path));
      if (content !== undefined) code.push({ path, text: content });
    };
    if (this.deps.sourcePath) await add(this.deps.sourcePath);
    else for (const file of await importedWorkspaceFiles(files, testPath, testText)) await add(file.path, file.text);
    for (const failure of report.failures) {
      if (code.length >= 4) break;
      if (failure.file && !failure.file.startsWith('/') && !(detected && isTestFile(failure.file, detected.framework))) await add(failure.file);
    }
    return code;
  }
}

/** The review's outcome, or undefined if the loop was cancelled first (the review itself stays open). */
function untilAborted(done: Promise<ReviewOutcome>, signal: AbortSignal): Promise<ReviewOutcome | undefined> {
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const onAbort = () => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    void done.then((outcome) => {
      signal.removeEventListener('abort', onAbort);
      resolve(outcome);
    });
  });
}
