import * as vscode from 'vscode';
import type { ChatMessage } from '../../core/llm';
import type { Logger } from '../../core/logger';
import { buildCommitMessagePrompt, cleanCommitMessage } from '../../core/prompts/commitMessage';
import { showLlmError } from '../errors/showLlmError';
import type { ModelService } from '../models/modelService';
import { gitApi, type GitApi, type GitRepository } from './gitApi';

/** How often the input box is refreshed while the message streams in. */
const refreshMs = 80;

/**
 * Writes a commit message for the staged changes into the Source Control input box, streaming it
 * in so a slow local model shows progress. Cancelling, or a failure, puts back what was there; a
 * message the user had typed is replaced only with a way to restore it.
 */
export async function generateCommitMessage(models: ModelService, logger: Logger, target: unknown): Promise<string | undefined> {
  const git = await gitApi();
  if (!git) {
    void vscode.window.showWarningMessage('Tandem: the Git extension is not available. It is built into VS Code: check that "Git" is enabled in the Extensions view and that git.enabled is on.');
    return undefined;
  }
  const repository = await pickRepository(git, target);
  if (!repository) return undefined;
  const name = vscode.workspace.asRelativePath(repository.rootUri, false) || repository.rootUri.fsPath;

  let diff = await repository.diff(true);
  if (!diff.trim()) {
    if (!(await repository.diff(false)).trim()) {
      void vscode.window.showInformationMessage(`Tandem: there are no changes in ${name} to describe.`);
      return undefined;
    }
    const useAll = 'Use All Changes';
    if ((await vscode.window.showInformationMessage(`Tandem: nothing is staged in ${name}. Describe all changes instead?`, useAll)) !== useAll) return undefined;
    diff = await repository.diff(false);
  }
  // A repository without commits has no log: the prompt then asks for git's own style.
  const recent = await repository.log({ maxEntries: 10 }).catch(() => []);
  const prompt = buildCommitMessagePrompt({ diff, recentMessages: recent.map((commit) => commit.message), branch: repository.state.HEAD?.name });
  if (prompt.shortened.length) logger.info(`commit message: diff shortened or summarised for ${prompt.shortened.join(', ')}`);
  if (prompt.redactions) logger.info(`commit message: ${prompt.redactions} secret(s) redacted from the diff before sending`);

  const previous = repository.inputBox.value;
  let message: string | undefined;
  try {
    message = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Tandem: writing the commit message…', cancellable: true },
      (_progress, token) => streamInto(repository, models, prompt.messages, token),
    );
  } catch (error) {
    repository.inputBox.value = previous;
    logger.error(`commit message: ${error instanceof Error ? error.message : String(error)}`);
    void showLlmError(error, () => vscode.commands.executeCommand('tandem.generateCommitMessage', repository.rootUri));
    return undefined;
  }
  if (message === undefined || !message) {
    repository.inputBox.value = previous;
    if (message === '') void vscode.window.showWarningMessage('Tandem: the model answered with an empty commit message; your input box was left as it was.');
    return undefined;
  }
  repository.inputBox.value = message;
  if (previous.trim() && previous !== message) void offerRestore(repository, previous);
  return message;
}

async function streamInto(repository: GitRepository, models: ModelService, messages: ChatMessage[], token: vscode.CancellationToken): Promise<string | undefined> {
  const controller = new AbortController();
  const cancel = token.onCancellationRequested(() => controller.abort());
  try {
    const client = await models.getClient();
    let text = '';
    let shownAt = 0;
    for await (const event of client.streamChat({ role: 'chat', purpose: 'commitMessage', messages, temperature: 0.2, signal: controller.signal })) {
      if (event.type !== 'text') continue;
      text += event.text;
      if (Date.now() - shownAt >= refreshMs) {
        repository.inputBox.value = cleanCommitMessage(text);
        shownAt = Date.now();
      }
    }
    return token.isCancellationRequested ? undefined : cleanCommitMessage(text);
  } catch (error) {
    if (token.isCancellationRequested) return undefined;
    throw error;
  } finally {
    cancel.dispose();
  }
}

async function offerRestore(repository: GitRepository, previous: string): Promise<void> {
  const restore = 'Restore My Message';
  if ((await vscode.window.showInformationMessage('Tandem replaced the commit message you had typed.', restore)) === restore) repository.inputBox.value = previous;
}

/** The repository meant: the Source Control the button belongs to, the active file's, the only one, or the user's pick. */
async function pickRepository(git: GitApi, target: unknown): Promise<GitRepository | undefined> {
  const targetUri = target instanceof vscode.Uri ? target : rootUriOf(target);
  const fromTarget = targetUri ? git.getRepository(targetUri) : null;
  if (fromTarget) return fromTarget;
  const active = vscode.window.activeTextEditor?.document.uri;
  const fromEditor = active ? git.getRepository(active) : null;
  if (fromEditor) return fromEditor;
  if (git.repositories.length === 1) return git.repositories[0];
  if (git.repositories.length === 0) {
    void vscode.window.showWarningMessage('Tandem: no Git repository is open. Open a folder that is a Git repository (or run "Git: Initialize Repository") and stage your changes.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    git.repositories.map((repository) => ({ label: vscode.workspace.asRelativePath(repository.rootUri, false) || repository.rootUri.fsPath, repository })),
    { placeHolder: 'Which repository is the commit message for?' },
  );
  return picked?.repository;
}

/** The Source Control title bar passes the SourceControl, whose rootUri names the repository. */
function rootUriOf(value: unknown): vscode.Uri | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const rootUri = (value as { rootUri?: unknown }).rootUri;
  return rootUri instanceof vscode.Uri ? rootUri : undefined;
}
