import { lineCommentFor } from '../context/commentSyntax';
import type { CompletionBudget } from '../context/promptBudget';
import { redactSecrets } from '../context/redact';
import { redactCompletionWindows } from './redactWindow';
import type { ContextChunk } from './contextRing';
import type { ChatMessage, InfillRequest } from '../llm';
import { buildChatFimMessages, type FimSnippet } from '../prompts/fim';
import { snippetsAsComments } from '../prompts/fim/snippetComments';
import type { CursorContext } from './cursorContext';
import { prefixWindow, stablePrefixWindow, suffixWindow } from './documentText';
import type { FimStrategy } from './strategy';
import type { CompletionRequest } from './types';

/** One request to the model server, ready to send. */
export type ModelCall =
  | { endpoint: 'completions'; prompt: string; suffix?: string; stop: string[]; maxTokens: number }
  | { endpoint: 'chat'; messages: ChatMessage[]; maxTokens: number }
  | { endpoint: 'infill'; request: Omit<InfillRequest, 'model' | 'signal' | 'temperature' | 'role'> };

export interface PromptInput {
  request: CompletionRequest;
  cursor: CursorContext;
  strategy: FimStrategy;
  /** Pieces of other files, in the order they go into the prompt (any source: related files, the index). */
  snippets: readonly ContextChunk[];
  budget: CompletionBudget;
  maxTokens: number;
  /**
   * Lay the prompt out for a caching server (default): the prefix window starts on a line that
   * stays put for many keystrokes. false: the window slides with every keystroke (the old layout,
   * kept to measure against).
   */
  stableLayout?: boolean;
  /** llama.cpp /infill: generation stops at the first line break after this long. */
  infillMaxPredictMs?: number;
}

/** The prefix window's first line moves in steps of about 1/8 of its lines (see stablePrefixWindow). */
const prefixStepDivisor = 8;

/** Servers such as OpenAI accept at most four stop sequences; Tandem's own filters catch the rest. */
const maxStopSequences = 4;

/**
 * Builds the request: prefix and suffix read from the document within the budget (whatever the
 * suffix and snippets leave unused goes to the prefix), secrets redacted from everything sent,
 * laid out for the strategy.
 */
export function buildModelCall({ request, cursor, strategy, snippets, budget, maxTokens, stableLayout = true, infillMaxPredictMs = 0 }: PromptInput): ModelCall {
  const { document, position } = request;
  const languageId = document.languageId;
  const related: FimSnippet[] = snippets.map((s) => ({ path: s.path, text: redactSecrets(s.text, { languageId, path: s.path }).text }));
  const relatedChars = related.reduce((sum, s) => sum + s.text.length + s.path.length + 16, 0);
  const suffixRaw = suffixWindow(document, position, budget.suffixChars);
  const prefixBudget = budget.prefixChars + Math.max(0, budget.relatedChars - relatedChars) + Math.max(0, budget.suffixChars - suffixRaw.length);
  const prefixRaw = stableLayout ? stablePrefixWindow(document, position, prefixBudget, prefixStepDivisor) : prefixWindow(document, position, prefixBudget);
  // Detected on both windows together and the lines around them: a key block split by the cursor or the window is still found.
  const { prefix, suffix } = redactCompletionWindows(document, position.line - countBreaks(prefixRaw), position.line + countBreaks(suffixRaw), prefixRaw, suffixRaw);
  const singleLine = cursor.mode === 'singleLine';
  const lineComment = lineCommentFor(languageId);

  switch (strategy.kind) {
    case 'chat':
      return { endpoint: 'chat', maxTokens, messages: buildChatFimMessages({ prefix, suffix, languageId, path: document.relativePath, snippets: related, singleLine }) };
    case 'template': {
      // For a caching server the cursor line goes after the middle token (see FimPromptParts.middleStart).
      const split = stableLayout && strategy.template.splitsMiddle ? prefix.lastIndexOf('\n') + 1 : prefix.length;
      const prompt = strategy.template.render({
        prefix: prefix.slice(0, split), suffix, path: document.relativePath, repoName: document.workspaceName, snippets: related, lineComment,
        ...(split < prefix.length ? { middleStart: prefix.slice(split) } : {}),
      });
      const stop = [...(singleLine ? ['\n'] : []), ...strategy.template.stop].slice(0, maxStopSequences);
      return { endpoint: 'completions', prompt, stop, maxTokens };
    }
    case 'suffix':
      return { endpoint: 'completions', prompt: snippetsAsComments(related, lineComment) + prefix, suffix, stop: singleLine ? ['\n'] : [], maxTokens };
    case 'infill': {
      // The cursor line goes in `prompt` (after the FIM middle token): typing along a line then
      // changes only the very end of what the server reads, the extra chunks, lines above and suffix stay cached.
      const lineStart = prefix.lastIndexOf('\n') + 1;
      return {
        endpoint: 'infill',
        request: {
          inputPrefix: prefix.slice(0, lineStart), prompt: prefix.slice(lineStart), inputSuffix: suffix,
          extra: related.map((s) => ({ filename: s.path, text: s.text })),
          nIndent: singleLine ? 0 : leadingWhitespace(cursor.linePrefix),
          maxPredictMs: infillMaxPredictMs, stop: singleLine ? ['\n'] : [], maxTokens,
        },
      };
    }
  }
}

/** Characters of the line's leading whitespace (what llama.cpp's n_indent counts). */
function leadingWhitespace(linePrefix: string): number {
  return /^[ \t]*/.exec(linePrefix)?.[0].length ?? 0;
}

function countBreaks(text: string): number {
  let n = 0;
  for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) n++;
  return n;
}
