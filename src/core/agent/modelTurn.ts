import { isLlmError, type ChatMessage, type ChatRequest, type ChatStreamEvent, type ChatTool } from '../llm';
import { canonicalToolName, parseTextReply } from './protocols/textProtocol';
import type { ToolSpec } from './tools/definitions';
import type { AgentToolCall } from './types';

/** The model: `LlmClient.streamChat` or anything that streams the same events. */
export type ChatStreamer = (request: ChatRequest) => AsyncIterable<ChatStreamEvent>;

export interface TurnResult {
  text: string;
  calls: AgentToolCall[];
  /** Native tool calls (answered with tool messages) or calls read from the text (one user message). */
  via: 'native' | 'text';
  finishReason: string;
  tokensIn: number;
  tokensOut: number;
  /** The assistant message to record in the transcript. */
  message: ChatMessage;
}

export interface TurnRequest {
  stream: ChatStreamer;
  model?: string;
  messages: ChatMessage[];
  protocol: 'native' | 'text';
  tools: readonly ToolSpec[];
  nativeTools: ChatTool[];
  step: number;
  signal: AbortSignal;
  onText: (text: string) => void;
}

/**
 * One model turn: streams the reply (text deltas go to `onText` as they come) and reads its tool
 * calls — native ones from the streamed deltas (parallel calls, arguments split across chunks,
 * assembled by the client), or text-protocol ones from the reply. A model given native tools that
 * writes a text-protocol call anyway is understood too.
 */
export async function runModelTurn(request: TurnRequest): Promise<TurnResult> {
  const chat: ChatRequest = {
    messages: request.messages, signal: request.signal, role: 'chat',
    ...(request.model ? { model: request.model } : {}),
    ...(request.protocol === 'native' ? { tools: request.nativeTools, toolChoice: 'auto' as const } : {}),
  };
  for await (const event of request.stream(chat)) {
    if (event.type === 'text') {
      request.onText(event.text);
    } else if (event.type === 'done') {
      const { result } = event;
      const tokens = { tokensIn: result.metrics.tokensIn, tokensOut: result.metrics.tokensOut };
      const native = result.toolCalls.filter((c) => c.name !== '' || c.arguments !== '');
      if (request.protocol === 'native' && native.length > 0) {
        const names = new Set<string>(request.tools.map((t) => t.name));
        // Some servers send no ids or the same id for every call: each call needs its own for its result.
        const seen = new Set<string>();
        const calls = native.map((c, i) => {
          const id = c.id && !seen.has(c.id) ? c.id : `call_${request.step}_${i}`;
          seen.add(id);
          return { id, name: canonicalToolName(c.name, names), arguments: c.arguments };
        });
        return {
          text: result.text, calls, via: 'native', finishReason: result.finishReason, ...tokens,
          message: { role: 'assistant', content: result.text || null, tool_calls: calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })) },
        };
      }
      const parsed = parseTextReply(result.text, request.tools);
      const calls: AgentToolCall[] = [
        ...parsed.calls.map((c, i) => ({ id: `text_${request.step}_${i}`, name: c.name, arguments: c.arguments })),
        ...parsed.errors.map((error, i) => ({ id: `text_${request.step}_e${i}`, name: '', arguments: '', error })),
      ];
      return { text: calls.length ? parsed.text : result.text, calls, via: 'text', finishReason: result.finishReason, ...tokens, message: { role: 'assistant', content: result.text } };
    }
  }
  throw new Error('the model stream ended without a result');
}

/**
 * A server that does not take the `tools` parameter (many Ollama and llama.cpp models) answers
 * 400 naming tools or functions: auto mode then switches the task to the text protocol.
 */
export function rejectsNativeTools(error: unknown): boolean {
  if (!isLlmError(error) || (error.kind !== 'badRequest' && error.kind !== 'server')) return false;
  return /tool|function.?call/i.test(`${error.message} ${error.detail ?? ''}`);
}
