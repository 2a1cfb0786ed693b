import type { ChatMessage } from '../../llm';
import type { FimSnippet } from './types';

/** Marks the hole in the file shown to a chat model; unlikely to occur in real code. */
export const holeMarker = '<<FILL_HERE>>';

export interface ChatFimParts {
  prefix: string;
  suffix: string;
  languageId: string;
  path?: string;
  snippets: readonly FimSnippet[];
  /** Only the rest of the current line is wanted. */
  singleLine: boolean;
}

const systemPrompt = [
  'You are a code completion engine inside an editor. You receive a file with one hole marked ' + holeMarker + '.',
  'Reply with exactly the code that belongs at the hole and nothing else:',
  '- no explanations, no Markdown, no code fences;',
  '- do not repeat any code that is already before or after the hole;',
  '- match the indentation and style of the surrounding code;',
  '- if nothing belongs there, reply with an empty message.',
].join('\n');

/**
 * The chat-model fallback for models without FIM (e.g. OpenAI chat models): the file with a marked
 * hole, related code first, and an instruction to return only the missing code.
 */
export function buildChatFimMessages(parts: ChatFimParts): ChatMessage[] {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(parts.prefix + parts.suffix) + 1));
  const related = parts.snippets.map((s) => `Related code from ${s.path}:\n${fence}\n${s.text}\n${fence}`).join('\n\n');
  const scope = parts.singleLine ? 'Complete only the rest of the current line (no line break).' : 'Complete the code at the hole (it may span several lines).';
  const file = `${parts.path ? `File ${parts.path} ` : ''}(${parts.languageId}):\n${fence}${parts.languageId}\n${parts.prefix}${holeMarker}${parts.suffix}\n${fence}`;
  const user = [related, file, scope].filter(Boolean).join('\n\n');
  return [
    { role: 'system', content: systemPrompt },
    { role: 'user', content: user },
  ];
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const match of text.matchAll(/`+/g)) longest = Math.max(longest, match[0].length);
  return longest;
}
