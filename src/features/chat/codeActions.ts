import * as vscode from 'vscode';
import { applyEditPlan, applyFileEdit, describeFailures, editFromCodeBlock, parseEditResponse, type FileEditResult } from '../../core/edits';
import { placementNotes } from '../../core/edits/review';
import type { Logger } from '../../core/logger';
import type { ProposedFileChange, ReviewService } from '../edit/review/reviewApi';
import { refusalOf } from './applyRefusal';
import type { WorkspaceFiles } from './workspaceFiles';

/**
 * The buttons on a chat code block. Copy uses the system clipboard; Insert replaces the
 * selections of the last active editor; Apply goes through the edit engine and the diff review:
 * the code is placed in the file the fence names, or in the active editor (in place of its
 * selection, else wherever the engine matches it: a whole file, a file with "... existing code
 * ..." gaps, or one changed function). Code that cannot be placed is refused with the reason;
 * nothing is written until the user accepts in the review.
 */
/** Where an action's outcome is shown besides a notification: under the chat block it came from. */
export type ActionNotice = (level: 'info' | 'warning', text: string) => void;

const noNotice: ActionNotice = () => {};

export class CodeActions {
  constructor(private readonly files: WorkspaceFiles, private readonly review: ReviewService, private readonly logger: Logger) {}

  async copy(code: string): Promise<void> {
    await vscode.env.clipboard.writeText(code);
  }

  async insert(code: string, notice: ActionNotice = noNotice): Promise<void> {
    const editor = targetEditor();
    if (!editor) {
      warn(notice, 'Open a file and place the cursor where the code should go, then press Insert again.');
      return;
    }
    // Showing the editor again puts focus back where the code lands; its selections are kept.
    const shown = await vscode.window.showTextDocument(editor.document, editor.viewColumn);
    await shown.edit((builder) => {
      for (const selection of shown.selections) builder.replace(selection, fitToSelection(code, shown.document, selection));
    });
  }

  /** Proposes the code for review; resolves with the target's URI once the review is open (undefined when refused). */
  async apply(code: string, path: string | undefined, language = '', notice: ActionNotice = noNotice): Promise<vscode.Uri | undefined> {
    const change = path ? await this.changeForPath(code, path, language, notice) : await this.changeForEditor(code, language, notice);
    if (!change) return undefined;
    const name = vscode.workspace.asRelativePath(change.uri);
    this.review.propose({ title: `Apply from chat to ${name}`, origin: 'chat', files: [change] });
    return change.uri;
  }

  /**
   * "Apply All Edits": every edit in the answer (SEARCH/REPLACE, diffs, apply_patch, named code
   * blocks), for every file it names, into one review. A file whose edits do not all apply is left
   * out and named with the reason; the others are still offered.
   */
  async applyAnswer(text: string, notice: ActionNotice = noNotice): Promise<vscode.Uri[]> {
    const active = targetEditor()?.document;
    const plan = parseEditResponse(text, active ? { defaultPath: vscode.workspace.asRelativePath(active.uri, false) } : {});
    const problems: string[] = [];
    const targets = new Map<string, { uri: vscode.Uri; text: string | undefined }>();
    for (const edit of plan.files) {
      if (edit.path === undefined || targets.has(edit.path)) continue;
      const target = await this.files.locate(edit.path);
      if (!target) {
        problems.push(`${edit.path}: outside the workspace or excluded by .gitignore / tandem.ignore`);
        continue;
      }
      targets.set(edit.path, { uri: target.uri, text: target.exists ? (await vscode.workspace.openTextDocument(target.uri)).getText() : undefined });
    }
    const allowed = { ...plan, files: plan.files.filter((edit) => edit.path !== undefined && targets.has(edit.path)) };
    const results = applyEditPlan(allowed, (path) => targets.get(path)?.text);
    const changes: ProposedFileChange[] = [];
    for (const result of results) {
      const target = result.path === undefined ? undefined : targets.get(result.path);
      if (!target || result.status === 'unchanged') continue;
      const refusal = result.status === 'failed' ? firstReason(result) : result.deleted ? 'deleting a file is not offered from the chat; delete it yourself if you agree' : result.renameTo ? `moving it to ${result.renameTo} is not offered from the chat` : undefined;
      if (refusal || result.newText === undefined) {
        problems.push(`${result.path}: ${refusal ?? 'no text'}`);
        continue;
      }
      changes.push({ uri: target.uri, originalText: target.text ?? '', proposedText: result.newText, created: target.text === undefined, placements: placementNotes(result.placements) });
    }
    if (problems.length) {
      this.logger.warn(`chat Apply All Edits: not applied:\n${problems.join('\n')}\n${describeFailures(results, allowed)}`);
      const which = problems.map((p) => p.split(':')[0]).join(', ');
      warn(notice, `${problems.length === 1 ? `${problems[0]}.` : `${problems.length} files could not be applied (${which}).`} ${changes.length ? 'The other files are ready for review.' : 'Nothing was changed.'}`, 'Show Log');
    }
    if (!changes.length) {
      if (!problems.length) inform(notice, plan.files.length ? 'The files already contain these edits; nothing to apply.' : 'This answer has no edits Tandem can apply.');
      return [];
    }
    this.review.propose({ title: changes.length > 1 ? `Edits from chat (${changes.length} files)` : `Edits from chat to ${vscode.workspace.asRelativePath(changes[0]!.uri)}`, origin: 'chat', files: changes });
    return changes.map((change) => change.uri);
  }

  private async changeForPath(code: string, path: string, language: string, notice: ActionNotice): Promise<ProposedFileChange | undefined> {
    const target = await this.files.locate(path);
    if (!target) {
      warn(notice, `"${path}" is outside the workspace or excluded by .gitignore / tandem.ignore, so Apply will not write it.`);
      return undefined;
    }
    if (!target.exists) return { uri: target.uri, originalText: '', proposedText: code, created: true };
    const document = await vscode.workspace.openTextDocument(target.uri);
    return this.placed(document, code, path, language, notice);
  }

  private async changeForEditor(code: string, language: string, notice: ActionNotice): Promise<ProposedFileChange | undefined> {
    const editor = targetEditor();
    if (!editor) {
      warn(notice, 'Open the file the code is for (or select the part it replaces), then press Apply again.');
      return undefined;
    }
    const { document, selection } = editor;
    if (selection.isEmpty) return this.placed(document, code, vscode.workspace.asRelativePath(document.uri), language || document.languageId, notice);
    const text = document.getText();
    const proposedText = text.slice(0, document.offsetAt(selection.start)) + fitToSelection(code, document, selection) + text.slice(document.offsetAt(selection.end));
    return { uri: document.uri, originalText: text, proposedText };
  }

  /** The code placed in the document by the engine, or undefined (and the reason shown) when it cannot be placed. */
  private placed(document: vscode.TextDocument, code: string, path: string, language: string, notice: ActionNotice): ProposedFileChange | undefined {
    const originalText = document.getText();
    const result = applyFileEdit(originalText, editFromCodeBlock(path, code, language));
    if (result.status === 'failed' || result.newText === undefined) {
      const details = describeFailures(result);
      this.logger.warn(`chat Apply: could not place the code in ${path}:\n${details}`);
      const reason = result.message ?? result.blocks.find((b) => b.status === 'failed')?.reason ?? 'the engine found no place for it';
      warn(notice, refusalOf(path, reason), 'Show Log');
      return undefined;
    }
    if (result.status === 'unchanged') {
      inform(notice, `${path} already contains this code; nothing to apply.`);
      return undefined;
    }
    return { uri: document.uri, originalText, proposedText: result.newText };
  }
}

/** A warning as a notification (optionally with "Show Log") and under the chat block. */
function warn(notice: ActionNotice, text: string, showLog?: 'Show Log'): void {
  notice('warning', text);
  void vscode.window.showWarningMessage(`Tandem: ${text}`, ...(showLog ? [showLog] : []))
    .then((choice) => choice && vscode.commands.executeCommand('tandem.showLog'));
}

function inform(notice: ActionNotice, text: string): void {
  notice('info', text);
  void vscode.window.showInformationMessage(`Tandem: ${text}`);
}

function firstReason(result: FileEditResult): string {
  const failed = result.blocks.find((b) => b.status === 'failed');
  return result.message ?? failed?.reason ?? 'the edit did not apply';
}

/** The editor the user was in before clicking in the chat (a webview never becomes the active editor). */
function targetEditor(): vscode.TextEditor | undefined {
  return vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme !== 'output');
}

/**
 * A fenced block ends with a newline. Keep it where the code makes whole lines (a cursor at the
 * start of a line, a selection of whole lines); drop it inside a line, where it would split it.
 */
function fitToSelection(code: string, document: vscode.TextDocument, selection: vscode.Selection): string {
  const wholeLines = selection.isEmpty ? selection.start.character === 0 : document.getText(selection).endsWith('\n');
  return code.endsWith('\n') && !wholeLines ? code.replace(/\r?\n$/, '') : code;
}
