import * as vscode from 'vscode';
import type { IgnoreMatcher } from '../../core/context';
import { isLlmError } from '../../core/llm';
import type { Logger } from '../../core/logger';
import { generateTests, prepareGeneration, resolveRunCommand, TestGenerationError, type GeneratedTests, type GenerationTarget } from '../../core/testing';
import type { ReviewService } from '../edit/review/reviewApi';
import { showLlmError } from '../errors/showLlmError';
import type { DeclarationsSource } from '../knowledge/editDeclarations';
import type { ModelService } from '../models/modelService';
import { askEditModel } from './askModel';
import { noteInChat } from './chatNote';
import { focusInEditor } from './codeTarget';
import { editorWorkspaceFiles, locate } from './editorWorkspaceFiles';

/** What to write tests for: a file (Explorer, editor menu) or the active editor; words from `/tests`. */
export interface GenerateRequest {
  uri?: vscode.Uri;
  instruction?: string;
  /** Started with `/tests` in the chat: refusals and outcomes are also said there. */
  fromChat?: boolean;
}

export interface GenerateFlowDeps {
  models: ModelService;
  review: ReviewService;
  logger: Logger;
  /** The folder's ignore rules, read when asked (see testsIgnore.ts). */
  ignoreFor(folder: vscode.WorkspaceFolder): Promise<IgnoreMatcher>;
  shown(message: string): void;
  /** Remembers which source a test file's tests are for (the fix loop may change that code). */
  remember(testUri: vscode.Uri, sourcePath: string): void;
  /** Beyond the import walk: what the code under test uses, from the codebase index when ready. */
  declarations?: DeclarationsSource;
}

/**
 * Generate Tests up to the user's decision: prepares the prompt from the workspace, asks the model
 * (cancellable progress), opens the test file's proposal in the diff review and waits for it.
 * Resolves with the test file once (some of) it was accepted and written; undefined otherwise
 * (everything that went wrong has been shown).
 */
export async function generateForTarget(request: GenerateRequest, deps: GenerateFlowDeps): Promise<{ testUri: vscode.Uri } | undefined> {
  const tell = (message: string, level: 'info' | 'warning' | 'error' = 'info') => {
    deps.shown(message);
    if (request.fromChat) noteInChat(message);
    const show = level === 'error' ? vscode.window.showErrorMessage : level === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    void show(`Tandem: ${message}`);
  };
  const editor = vscode.window.activeTextEditor;
  const uri = request.uri ?? editor?.document.uri;
  if (!uri) {
    tell('Open the file to write tests for (or right-click it in the Explorer), then run "Tandem: Generate Tests".');
    return undefined;
  }
  const located = locate(uri);
  if (!located) {
    tell('Tandem writes tests for files inside a workspace folder; open the file\'s folder first.');
    return undefined;
  }
  const { folder, path } = located;
  if (/(^|\/)node_modules\//.test(path)) {
    tell(`${path} belongs to an installed dependency (node_modules); Tandem writes tests for the project's own code.`, 'warning');
    return undefined;
  }
  const ignore = await deps.ignoreFor(folder);
  if (ignore.isIgnored(path)) {
    tell(`${path} is excluded by tandem.ignore or .gitignore (or is a sensitive file), so Tandem does not send it to a model.`, 'warning');
    return undefined;
  }
  const files = editorWorkspaceFiles(folder);
  const inEditor = editor && editor.document.uri.toString() === uri.toString() ? editor : undefined;
  const sourceText = inEditor?.document.getText() ?? (await files.read(path));
  if (sourceText === undefined) {
    tell(`${path} could not be read as text.`, 'warning');
    return undefined;
  }
  const focus = inEditor ? await focusInEditor(inEditor, path) : undefined;
  const target: GenerationTarget = { sourcePath: path, sourceText, ...(focus ? { focus } : {}), ...(request.instruction ? { instruction: request.instruction } : {}) };
  const what = focus?.kind === 'symbol' && focus.name ? `\`${focus.name}\`` : focus?.kind === 'selection' ? `the selection in ${baseName(path)}` : baseName(path);

  let generated: GeneratedTests | undefined;
  try {
    generated = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Tandem: writing tests for ${what}`, cancellable: true },
      async (progress, token) => {
        const abort = new AbortController();
        const cancel = token.onCancellationRequested(() => abort.abort());
        try {
          progress.report({ message: 'looking at the project…' });
          const mayRead = (p: string) => !ignore.isIgnored(p);
          const { declarations } = deps;
          const prepared = await prepareGeneration(files, target, {
            mayRead,
            ...(declarations ? { moreDeclarations: ({ focusText, covered }) => declarations({ purpose: 'tests', uri, text: focusText, exclude: covered, folder: folder.uri, mayRead }) } : {}),
          });
          const runCommand = await resolveRunCommand({
            files, detected: prepared.detected, configured: deps.models.config.tests.command, testFile: prepared.plan.path, file: path,
            shell: process.platform === 'win32' ? 'cmd' : 'posix',
          }).then((c) => c.command, () => undefined);
          const client = await deps.models.getClient();
          progress.report({ message: `asking ${client.modelFor('edit')}…` });
          const result = await generateTests(prepared, askEditModel(deps.models), { contextWindow: client.provider.contextWindow, signal: abort.signal, ...(runCommand ? { runCommand } : {}) });
          return token.isCancellationRequested ? undefined : result;
        } catch (error) {
          if (token.isCancellationRequested) return undefined;
          throw error;
        } finally {
          cancel.dispose();
        }
      },
    );
  } catch (error) {
    if (error instanceof TestGenerationError) tell(error.message, 'warning');
    else if (isLlmError(error)) void showLlmError(error, () => vscode.commands.executeCommand('tandem.generateTests', request.uri ?? uri));
    else {
      deps.logger.error(`tests: generating tests failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      tell(`Could not write tests: ${error instanceof Error ? error.message : String(error)}`, 'error');
    }
    return undefined;
  }
  if (!generated) return undefined;
  for (const note of [...generated.notes, ...generated.warnings]) deps.logger.info(`tests: ${note}`);
  const redacted = generated.notes.filter((n) => /redacted/.test(n));
  if (redacted.length > 0) tell(redacted.join(' '));

  const testUri = vscode.Uri.joinPath(folder.uri, ...generated.path.split('/'));
  deps.remember(testUri, path);
  const handle = deps.review.propose({
    title: `Tests for ${what}`,
    origin: 'tests',
    files: [{ uri: testUri, originalText: generated.originalText, proposedText: generated.proposedText, created: generated.created, label: generated.created ? 'new test file' : 'added tests' }],
  });
  const outcome = await handle.done;
  const file = outcome.files.find((f) => f.uri.toString() === testUri.toString());
  if (!file || outcome.superseded) return undefined;
  if (file.status === 'failed') {
    tell(file.message ?? `${generated.path} could not be written.`, 'error');
    return undefined;
  }
  if (file.status !== 'accepted' && file.status !== 'partial') return undefined;
  return { testUri };
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
