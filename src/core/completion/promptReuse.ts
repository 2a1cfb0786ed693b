import { charsPerToken } from '../context/promptBudget';
import type { ModelCall } from './promptBuilder';

/**
 * The request as a server lays it out before tokenising, in its order: what its prompt cache
 * compares with the previous request. Chat: the messages in turn; completions: prompt then the
 * `suffix` (the server's FIM template puts it after); /infill: extra chunks, prefix, suffix, then
 * the cursor line (llama.cpp's format_infill).
 */
export function promptLayoutText(call: ModelCall): string {
  switch (call.endpoint) {
    case 'chat':
      return call.messages.map((m) => `<|${m.role}|>${typeof m.content === 'string' ? m.content : JSON.stringify(m.content ?? '')}`).join('\n');
    case 'completions':
      return call.prompt + (call.suffix ?? '');
    case 'infill': {
      const { extra, inputPrefix, inputSuffix, prompt } = call.request;
      return `${extra.map((c) => `<|file_sep|>${c.filename}\n${c.text}`).join('')}<|fim_prefix|>${inputPrefix}<|fim_suffix|>${inputSuffix}<|fim_middle|>${prompt}`;
    }
  }
}

export interface PromptReuse {
  /** Estimated tokens of the prompt. */
  promptTokens: number;
  /** Estimated tokens of its beginning that the previous request to the same model also began with. */
  reusedTokens: number;
}

/**
 * Measures, request by request, the longest common prefix with the previous prompt sent to the
 * same model: the part a server with a prompt cache does not read again. Token counts are the
 * usual estimate (4 characters per token), good enough to compare layouts.
 */
export class PromptReuseMeter {
  private readonly last = new Map<string, string>();

  measure(model: string, text: string): PromptReuse {
    const previous = this.last.get(model) ?? '';
    this.last.set(model, text);
    const max = Math.min(previous.length, text.length);
    let shared = 0;
    while (shared < max && previous.charCodeAt(shared) === text.charCodeAt(shared)) shared++;
    return { promptTokens: Math.ceil(text.length / charsPerToken), reusedTokens: Math.floor(shared / charsPerToken) };
  }
}
