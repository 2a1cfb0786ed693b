import type { Turn } from '../protocol';
import type { Conversation } from './conversation';

/**
 * A conversation as a Markdown document for a colleague: each message under a heading naming who
 * spoke, answers verbatim (they are Markdown already), the context that went with each question,
 * and the model and timing of each answer.
 */
export function conversationToMarkdown(conversation: Conversation, exportedAt = new Date()): string {
  const parts = [`# ${escapeInline(conversation.title)}`, '', `_Exported from Tandem on ${exportedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC._`];
  for (const turn of conversation.turns) parts.push('', ...turnSection(turn));
  return `${parts.join('\n')}\n`;
}

function turnSection(turn: Turn): string[] {
  switch (turn.role) {
    case 'user': {
      const lines = ['## You', ''];
      if (turn.context?.length) lines.push(`> Context: ${turn.context.map(escapeInline).join(', ')}`, '');
      lines.push(turn.command ? `/${turn.command} ${turn.text}`.trim() : turn.text);
      return lines;
    }
    case 'assistant': {
      const blocks = (turn.notes ?? []).map((note) => `> ${escapeInline(note)}`);
      if (turn.text) blocks.push(turn.text);
      if (turn.status === 'stopped') blocks.push('_(stopped)_');
      if (turn.error) blocks.push(`> **Error:** ${escapeInline(turn.error.message)}`);
      if (turn.metrics) {
        const m = turn.metrics;
        const ttft = m.timeToFirstTokenMs === undefined ? '' : `, first token ${Math.round(m.timeToFirstTokenMs)} ms`;
        blocks.push(`<sub>${escapeInline(m.model)}${ttft}, total ${Math.round(m.totalMs)} ms, ${m.tokensIn} tokens in, ${m.tokensOut} out${m.usageSource === 'estimate' ? ' (estimated)' : ''}</sub>`);
      }
      return ['## Tandem', '', ...blocks.flatMap((block, i) => (i === 0 ? [block] : ['', block]))];
    }
    case 'notice':
      return [`> ${turn.text.split('\n').join('\n> ')}`];
  }
}

/** Keeps a title or label on one line and stops it from opening HTML. */
function escapeInline(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/</g, '&lt;');
}
