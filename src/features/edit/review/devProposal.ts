import * as vscode from 'vscode';
import { applyFileEdit, describeFailures, parseEditResponse, resolveUnderRoot, type FileEditResult } from '../../../core/edits';
import { placementNotes } from '../../../core/edits/review';
import type { Logger } from '../../../core/logger';
import type { ProposedFileChange, ReviewHandle, ReviewService } from './reviewApi';

/**
 * Development only (registered outside production): reads a model response from the clipboard,
 * runs it through the edit engine and opens the review, so the whole path from a response to a
 * reviewed file can be tried (and clicked through by the e2e suite) without a model.
 */
export async function proposeFromClipboard(service: ReviewService, logger: Logger): Promise<ReviewHandle | undefined> {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!root) return warn('open a folder first: the edits name files relative to it.');
  const response = await vscode.env.clipboard.readText();
  const active = vscode.window.activeTextEditor?.document.uri;
  const defaultPath = active?.scheme === root.scheme ? vscode.workspace.asRelativePath(active, false) : undefined;
  const plan = parseEditResponse(response, defaultPath ? { defaultPath } : {});
  if (plan.files.length === 0) return warn('the clipboard holds no edits (SEARCH/REPLACE blocks, a diff, apply_patch or a code block naming its file).');

  const files: ProposedFileChange[] = [];
  const failed: FileEditResult[] = [];
  for (const edit of plan.files) {
    const safe = edit.path === undefined ? undefined : resolveUnderRoot(root.fsPath, edit.path);
    if (safe && !safe.ok) {
      failed.push({ path: edit.path, status: 'failed', message: safe.reason, warnings: [], blocks: [] });
      continue;
    }
    const uri = safe ? vscode.Uri.joinPath(root, safe.relative) : undefined;
    const current = uri ? await readText(uri) : undefined;
    const result = applyFileEdit(current, edit);
    if (result.status === 'failed' || result.newText === undefined || !uri) failed.push(result);
    else files.push({ uri, originalText: current ?? '', proposedText: result.newText, ...(current === undefined ? { created: true } : {}), placements: placementNotes(result.placements) });
  }
  if (failed.length > 0) {
    logger.warn(`review: edits from the clipboard that did not apply:\n${describeFailures(failed, plan)}`);
    void vscode.window.showWarningMessage(`Tandem: ${failed.length} file${failed.length === 1 ? '' : 's'} of the clipboard's edits did not apply (${failed.map((f) => f.path ?? '(no file)').join(', ')}); details in "Tandem: Show Log".`);
  }
  return files.length > 0 ? service.propose({ title: 'Edits from the clipboard', origin: 'chat', files }) : undefined;
}

function warn(message: string): undefined {
  void vscode.window.showWarningMessage(`Tandem: ${message}`);
  return undefined;
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return (await vscode.workspace.openTextDocument(uri)).getText();
  } catch {
    return undefined;
  }
}
