import { lineCommentFor } from '../context/commentSyntax';
import type { CompletionBudget } from '../context/promptBudget';
import { redactSecrets } from '../context/redact';
import { redactCompletionWindows } from './redactWindow';
import type { SelectedSnippet } from '../context/snippetSelection';
import type { ChatMessage } from '../llm';
import { buildChatFimMessages, type FimSnippet } from '../prompts/fim';
import { snippetsAsComments } from '../prompts/fim/snippetComments';
import type { CursorContext } from './cursorContext';
import { prefixWindow, suffixWindow } from './documentText';
import type { FimStrategy } from './strategy';
import type { CompletionRequest } from './types';

/** One request to the model server, ready to send. */
export type ModelCall =
  | { endpoint: 'completions'; prompt: string; suffix?: string; stop: string[]; maxTokens: number }
  | { endpoint: 'chat'; messages: ChatMessage[]; maxTokens: number };

export interface PromptInput {
  request: CompletionRequest;
  cursor: CursorContext;
  strategy: FimStrategy;
  snippets: readonly SelectedSnippet[];
  budget: CompletionBudget;
  maxTokens: number;
}

/** Servers such as OpenAI accept at most four stop sequences; Tandem's own filters catch the rest. */
const maxStopSequences = 4;

/**
 * Builds the request: prefix and suffix read from the document within the budget (whatever the
 * suffix and snippets leave unused goes to the prefix), secrets redacted from everything sent,
 * laid out for the strategy.
 */
export function buildModelCall({ request, cursor, strategy, snippets, budget, maxTokens }: PromptInput): ModelCall {
  const { document, position } = request;
  const languageId = document.languageId;
  const related: FimSnippet[] = snippets.map((s) => ({ path: s.path, text: redactSecrets(s.text, { languageId, path: s.path }).text }));
  const relatedChars = related.reduce((sum, s) => sum + s.text.length + s.path.length + 16, 0);
  const suffixRaw = suffixWindow(document, position, budget.suffixChars);
  const prefixBudget = budget.prefixChars + Math.max(0, budget.relatedChars - relatedChars) + Math.max(0, budget.suffixChars - suffixRaw.length);
  const prefixRaw = prefixWindow(document, position, prefixBudget);
  // Detected on both windows together and the lines around them: a key block split by the cursor or the window is still found.
  const { prefix, suffix } = redactCompletionWindows(document, position.line - countBreaks(prefixRaw), position.line + countBreaks(suffixRaw), prefixRaw, suffixRaw);
  const singleLine = cursor.mode === 'singleLine';
  const lineComment = lineCommentFor(languageId);

  switch (strategy.kind) {
    case 'chat':
      return { endpoint: 'chat', maxTokens, messages: buildChatFimMessages({ prefix, suffix, languageId, path: document.relativePath, snippets: related, singleLine }) };
    case 'template': {
      const prompt = strategy.template.render({ prefix, suffix, path: document.relativePath, repoName: document.workspaceName, snippets: related, lineComment });
      const stop = [...(singleLine ? ['\n'] : []), ...strategy.template.stop].slice(0, maxStopSequences);
      return { endpoint: 'completions', prompt, stop, maxTokens };
    }
    case 'suffix':
      return { endpoint: 'completions', prompt: snippetsAsComments(related, lineComment) + prefix, suffix, stop: singleLine ? ['\n'] : [], maxTokens };
  }
}

function countBreaks(text: string): number {
  let n = 0;
  for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) n++;
  return n;
}
