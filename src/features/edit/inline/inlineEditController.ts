import * as vscode from 'vscode';
import { createIgnoreMatcher } from '../../../core/context';
import { DocumentLines, describeLines, mapRange, pendingRange, rebaseOnCurrent, runRangeEdit, type LineRange, type RangeEditOutcome } from '../../../core/edits/rewrite';
import { isLlmError } from '../../../core/llm';
import type { UsedDeclaration } from '../../../core/knowledge';
import type { Logger } from '../../../core/logger';
import type { CodeProblem } from '../../../core/prompts/refactorPresets';
import { toProblem } from './codeProblem';
import { showLlmError } from '../../errors/showLlmError';
import type { DeclarationsSource } from '../../knowledge/editDeclarations';
import type { ModelService } from '../../models/modelService';
import type { ProposalRequest, ReviewService } from '../review/reviewApi';
import { reviewScheme } from '../review/reviewUris';
import { EditProgress } from './editProgress';
import { editRange, fixRange, selectionLines } from './editRange';
import { InstructionHistory } from './instructionHistory';
import { pickInstruction } from './instructionPicker';
import { PendingEdits, type PendingEdit } from './pendingEdits';
import type { InlineEditRequest, InlineEditResult } from './inlineEditTypes';

export interface InlineEditDeps {
  models: ModelService;
  review: ReviewService;
  logger: Logger;
  /** Where the instruction history is kept. */
  state: vscode.Memento;
  /** What the code under edit uses from other files (the codebase index, when ready). */
  declarations?: DeclarationsSource;
}

/** Where an edit happens, once resolved. */
interface EditSite {
  document: vscode.TextDocument;
  range: LineRange;
  /** The text the model is shown (for a refinement: what the pending proposal was made against). */
  seen: string;
  refine?: PendingEdit;
}

/**
 * Inline edit, refactor presets and Quick Fix: the range (selection, enclosing function, or the
 * block around a problem), the instruction, the streamed model answer shown in place, and the
 * result proposed through the review — never written directly. A follow-up on a range whose
 * proposal is still under review refines that proposal and replaces it.
 */
export class InlineEditController implements vscode.Disposable {
  private readonly history: InstructionHistory;
  private readonly pending: PendingEdits;
  private running: AbortController | undefined;

  constructor(private readonly deps: InlineEditDeps) {
    this.history = new InstructionHistory(deps.state);
    this.pending = new PendingEdits(deps.review);
  }

  cancel(): void {
    this.running?.abort();
  }

  async run(request: InlineEditRequest): Promise<InlineEditResult> {
    if (this.running) {
      void vscode.window.showInformationMessage('Tandem is still working on an edit. Press Esc (or Cancel on its progress) to stop it first.');
      return { status: 'failed', message: 'another edit is running' };
    }
    const site = await this.site(request);
    if ('failed' in site) return this.fail(site.failed);
    const { document, refine } = site;
    const fileName = vscode.workspace.asRelativePath(document.uri, false);

    const instruction = request.instruction ?? (await this.askInstruction(request, site, fileName));
    if (!instruction) return { status: 'cancelled' };
    if (!request.instruction) await this.history.add(instruction);

    const outcome = await this.ask(request, site, instruction, fileName);
    if ('status' in outcome) return outcome;
    if (!outcome.ok) return this.fail(outcome.reason);
    this.deps.logger.info(`inline edit: ${fileName} ${describeLines(site.range)} via ${outcome.via}${outcome.notes.length ? ` (${outcome.notes.join('; ')})` : ''}; ${outcome.metrics.tokensIn} in / ${outcome.metrics.tokensOut} out tokens, ${Math.round(outcome.metrics.totalMs)} ms`);

    // The user may have typed meanwhile: land on the right lines, or refuse on overlap.
    const current = document.getText();
    const rebased = rebaseOnCurrent(site.seen, outcome.newText, current, site.range);
    if (!rebased.ok) return this.fail(rebased.reason);
    if (rebased.proposedText === rebased.originalText) {
      void vscode.window.showInformationMessage(`Tandem: the model proposed no change to ${fileName} ${describeLines(site.range)}.`);
      return { status: 'unchanged' };
    }
    const proposal: ProposalRequest = {
      title: request.title ?? shortTitle(instruction),
      origin: request.origin ?? 'inline-edit',
      files: [{ uri: document.uri, originalText: rebased.originalText, proposedText: rebased.proposedText }],
    };
    const handle = refine ? this.deps.review.replace(refine.reviewId, proposal) : this.deps.review.propose(proposal);
    const followUp = pendingRange(rebased.originalText, rebased.proposedText, mapRange(site.seen, rebased.originalText, site.range));
    this.pending.add({
      reviewId: handle.id, uri: document.uri, originalText: rebased.originalText, range: followUp.range, lines: followUp.lines,
      instructions: [...(refine?.instructions ?? []), instruction], title: proposal.title,
    }, handle.done);
    return { status: 'proposed', reviewId: handle.id, refined: refine !== undefined };
  }

  /** The document, range and base text of the edit; a refinement when the range has a pending proposal. */
  private async site(request: InlineEditRequest): Promise<EditSite | { failed: string }> {
    const editor = request.uri
      ? vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === request.uri!.toString())
      : vscode.window.activeTextEditor;
    const shown = editor?.document ?? (request.uri ? await vscode.workspace.openTextDocument(request.uri) : undefined);
    if (!shown) return { failed: 'Open a file and select the code to edit (or place the cursor in a function), then run the edit again.' };
    const selection = request.range ?? editor?.selection ?? new vscode.Range(0, 0, 0, 0);
    const refine = request.range || request.problems ? undefined : this.pending.find(shown, selection);
    if (refine) {
      const document = await vscode.workspace.openTextDocument(refine.uri);
      return { document, range: refine.range, seen: refine.originalText, refine };
    }
    if (shown.uri.scheme === reviewScheme) return { failed: 'This review did not come from an inline edit, so there is nothing here to refine. Open the file itself to edit it.' };
    if (shown.uri.scheme === 'output' || shown.uri.scheme === 'vscode-settings') return { failed: 'This editor cannot be edited. Open a file, then run the edit again.' };
    const ignored = this.ignoredReason(shown);
    if (ignored) return { failed: ignored };
    const range = request.problems && request.range ? await fixRange(shown, request.range)
      : request.range ? selectionLines(request.range)
        : await editRange(shown, selection);
    return { document: shown, range, seen: shown.getText() };
  }

  private ignoredReason(document: vscode.TextDocument): string | undefined {
    if (document.isUntitled) return undefined;
    const relative = vscode.workspace.asRelativePath(document.uri, false);
    if (!createIgnoreMatcher(this.deps.models.config.ignore).isIgnored(relative)) return undefined;
    return `${relative} is a sensitive file or matches tandem.ignore, so Tandem never sends it to a model. Change tandem.ignore to allow it.`;
  }

  private askInstruction(request: InlineEditRequest, site: EditSite, fileName: string): Promise<string | undefined> {
    const previous = site.refine?.instructions.at(-1);
    return pickInstruction({
      title: site.refine ? `Refine: ${previous ?? site.refine.title}` : `${request.inputTitle ?? 'Tandem: Edit'} ${fileName} ${describeLines(site.range)}`,
      placeholder: site.refine ? 'How should Tandem change its proposal? (the new proposal replaces the pending one)' : 'Describe the change, e.g. "handle the empty case", or pick a recent instruction',
      history: this.history.list(),
      presets: !site.refine,
    });
  }

  /** The model call with its progress; the outcome, or what ended it (cancelled, failed). */
  private async ask(request: InlineEditRequest, site: EditSite, instruction: string, fileName: string): Promise<RangeEditOutcome | InlineEditResult> {
    const { document, refine } = site;
    const abort = new AbortController();
    this.running = abort;
    const progress = new EditProgress(document, mapRange(site.seen, document.getText(), site.range));
    try {
      return await progress.run(`Tandem: ${refine ? 'refining' : 'editing'} ${fileName} ${describeLines(site.range)}`, () => abort.abort(), async () => {
        const client = await this.deps.models.getClient();
        const declarations = await this.declarationsFor(site);
        return runRangeEdit(client, {
          path: fileName, languageId: document.languageId, documentText: site.seen, range: site.range, instruction, declarations,
          ...(refine ? { refine: { proposedLines: refine.lines, previousInstructions: refine.instructions } } : {}),
          ...(request.problems ? { problems: this.problemsIn(document, site.range, request.problems) } : {}),
          contextWindow: client.provider.contextWindow, model: client.modelFor('edit'),
        }, {
          signal: abort.signal,
          onProgress: ({ lines }) => progress.update(lines),
          onPrompt: (prompt) => prompt.notes.forEach((note) => this.deps.logger.info(`inline edit: ${note}`)),
        });
      });
    } catch (error) {
      if (abort.signal.aborted || isLlmError(error, 'cancelled')) {
        this.deps.logger.info(`inline edit: cancelled (${fileName} ${describeLines(site.range)})`);
        return { status: 'cancelled' };
      }
      this.deps.logger.error(`inline edit: ${error instanceof Error ? error.message : String(error)}`);
      void showLlmError(error, () => this.run({ ...request, instruction }));
      return { status: 'failed', message: error instanceof Error ? error.message : String(error) };
    } finally {
      this.running = undefined;
      progress.dispose();
    }
  }

  /** Declarations of what the range (and a pending proposal for it) uses, through the same ignore rules as the file. */
  private async declarationsFor(site: EditSite): Promise<UsedDeclaration[]> {
    if (!this.deps.declarations) return [];
    const ignore = createIgnoreMatcher(this.deps.models.config.ignore);
    const text = [...new DocumentLines(site.seen).slice(site.range), ...(site.refine?.lines ?? [])].join('\n');
    return this.deps.declarations({ purpose: 'inline edit', uri: site.document.uri, text, mayRead: (path) => !ignore.isIgnored(path) });
  }

  /** The problems passed in, plus every other error or warning within the range. */
  private problemsIn(document: vscode.TextDocument, range: LineRange, given: readonly CodeProblem[]): CodeProblem[] {
    const problems = [...given];
    for (const diagnostic of vscode.languages.getDiagnostics(document.uri)) {
      if (diagnostic.severity > vscode.DiagnosticSeverity.Warning) continue;
      if (diagnostic.range.end.line < range.start || diagnostic.range.start.line >= range.end) continue;
      const problem = toProblem(diagnostic);
      if (!problems.some((p) => p.line === problem.line && p.message === problem.message)) problems.push(problem);
    }
    return problems.sort((a, b) => a.line - b.line);
  }

  private fail(message: string): InlineEditResult {
    void vscode.window.showWarningMessage(`Tandem: ${message}`);
    return { status: 'failed', message };
  }

  dispose(): void {
    this.running?.abort();
  }
}

function shortTitle(instruction: string): string {
  const line = instruction.replace(/\s+/g, ' ').trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}
