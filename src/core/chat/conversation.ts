import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { turnSchema, type Turn } from '../protocol';

/** A conversation as stored on disk (one JSON file each); `version` lets a later format migrate. */
export const conversationSchema = z.object({
  version: z.literal(1),
  id: z.string().regex(/^[\w-]{1,100}$/, 'expected a file-safe id'),
  title: z.string().max(2_000),
  createdAt: z.number(),
  updatedAt: z.number(),
  turns: z.array(turnSchema),
});

export type Conversation = z.infer<typeof conversationSchema>;

export interface ConversationSummary {
  id: string;
  title: string;
  updatedAt: number;
  turnCount: number;
}

export const untitled = 'New chat';
const titleChars = 60;

export function newConversation(now = Date.now()): Conversation {
  return { version: 1, id: randomUUID(), title: untitled, createdAt: now, updatedAt: now, turns: [] };
}

export function newTurn(role: Turn['role'], text: string, extra: Partial<Omit<Turn, 'id' | 'role' | 'text'>> = {}): Turn {
  return { id: randomUUID(), role, text, createdAt: Date.now(), ...extra };
}

/** The first line of the first user message, shortened: what the history list shows. */
export function titleFrom(text: string): string {
  const line = text.trim().split('\n', 1)[0]?.replace(/\s+/g, ' ') ?? '';
  if (!line) return untitled;
  return line.length > titleChars ? `${line.slice(0, titleChars - 1)}…` : line;
}

export function summarize(conversation: Conversation): ConversationSummary {
  return { id: conversation.id, title: conversation.title, updatedAt: conversation.updatedAt, turnCount: conversation.turns.length };
}

/** User and assistant turns that reached an answer: what the model sees as history. */
export function modelHistory(turns: readonly Turn[]): Array<{ role: 'user' | 'assistant'; text: string }> {
  const history: Array<{ role: 'user' | 'assistant'; text: string }> = [];
  for (const turn of turns) {
    if (turn.role === 'notice') continue;
    if (turn.role === 'assistant' && (turn.status === 'error' || !turn.text)) {
      // A failed answer leaves its question unanswered: drop both, so roles keep alternating.
      if (history.at(-1)?.role === 'user') history.pop();
      continue;
    }
    history.push({ role: turn.role, text: turn.text });
  }
  return history;
}

/**
 * Index of the last user turn, or -1. Regenerate and edit-and-resend remove that turn and every
 * turn after it before asking again.
 */
export function lastUserIndex(turns: readonly Turn[]): number {
  for (let i = turns.length - 1; i >= 0; i--) if (turns[i]?.role === 'user') return i;
  return -1;
}
