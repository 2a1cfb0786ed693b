import { estimateTokens } from '../llm';
import type { DiffHunk, FileDiff } from './diffParse';
import { renderFileView } from './fileView';
import type { PromptFile } from './prompt';

/** One file (or part of one) ready for the prompt. */
export interface ReviewUnit {
  file: FileDiff;
  prompt: PromptFile;
  tokens: number;
}

export interface ReviewBatch {
  units: ReviewUnit[];
}

export interface UnitSource {
  file: FileDiff;
  /** The new file's text, redacted; undefined when it cannot be read (the hunks alone are shown). */
  text: string | undefined;
  languageId: string;
  /** Declarations the change uses, shown with the file's first unit when they fit. */
  definitions?: string;
}

/**
 * Each file's view within `budget` tokens: whole functions around the changes when they fit, else
 * the hunks alone, else the hunks split into parts that each fit (a hunk bigger than the budget
 * is cut, visibly). Never silently loses a changed line that fits somewhere.
 */
export function unitsFor(source: UnitSource, budget: number): ReviewUnit[] {
  const { file, text, languageId } = source;
  const status = file.status === 'renamed' && file.oldPath ? `renamed from ${file.oldPath}` : file.status;
  const unit = (view: string, hunks: readonly DiffHunk[], part?: string): ReviewUnit => {
    const prompt: PromptFile = { path: file.path, status, languageId, view, ...(part ? { part } : {}) };
    return { file: hunks === file.hunks ? file : { ...file, hunks: [...hunks] }, prompt, tokens: estimateTokens(view) + 30 };
  };
  const full = renderFileView(file, text, languageId);
  const definitions = source.definitions ?? '';
  if (definitions && estimateTokens(full.text) + estimateTokens(definitions) <= budget) {
    const withDefinitions = unit(full.text, file.hunks);
    return [{ ...withDefinitions, prompt: { ...withDefinitions.prompt, definitions }, tokens: withDefinitions.tokens + estimateTokens(definitions) }];
  }
  if (estimateTokens(full.text) <= budget) return [unit(full.text, file.hunks)];
  const bare = renderFileView(file, undefined, languageId);
  if (estimateTokens(bare.text) <= budget) return [unit(bare.text, file.hunks)];
  const groups: DiffHunk[][] = [];
  let current: DiffHunk[] = [];
  let tokens = 0;
  for (const hunk of file.hunks) {
    const cost = estimateTokens(renderFileView(file, undefined, languageId, [hunk]).text);
    if (current.length > 0 && tokens + cost > budget) {
      groups.push(current);
      current = [];
      tokens = 0;
    }
    current.push(hunk);
    tokens += cost;
  }
  if (current.length) groups.push(current);
  return groups.map((hunks, i) => {
    let view = renderFileView(file, undefined, languageId, hunks).text;
    if (estimateTokens(view) > budget) view = `${view.slice(0, budget * 3)}\n… (the rest of this hunk was cut to fit the model's context; it is not reviewed)`;
    return unit(view, hunks, groups.length > 1 ? `part ${i + 1} of ${groups.length}` : undefined);
  });
}

/** Packs units into requests of at most `budget` tokens each, in file order. */
export function packBatches(units: readonly ReviewUnit[], budget: number): ReviewBatch[] {
  const batches: ReviewBatch[] = [];
  let current: ReviewUnit[] = [];
  let tokens = 0;
  for (const unit of units) {
    if (current.length > 0 && tokens + unit.tokens > budget) {
      batches.push({ units: current });
      current = [];
      tokens = 0;
    }
    current.push(unit);
    tokens += unit.tokens;
  }
  if (current.length) batches.push({ units: current });
  return batches;
}
