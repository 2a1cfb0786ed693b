import type { ChatCompletionMessageParam, ChatCompletionTool, ChatCompletionToolChoiceOption } from 'openai/resources/chat/completions';
import type { RequestMetrics } from './metrics';

export type ChatMessage = ChatCompletionMessageParam;
export type ChatTool = ChatCompletionTool;
export type ModelRole = 'chat' | 'edit' | 'completion';
/** The job a request does: it sets the default bound on output tokens (see outputBudget). */
export type RequestPurpose = 'chat' | 'edit' | 'tests' | 'commitMessage' | 'completion';

interface RequestBase {
  /** Defaults to the provider's model for `role`. */
  model?: string;
  role?: ModelRole;
  /** Default: from the role (edit -> 'edit', completion -> 'completion', else 'chat'). */
  purpose?: RequestPurpose;
  temperature?: number;
  /** Output tokens to allow; default: the purpose's bound (every request sends one). */
  maxTokens?: number;
  stop?: string[];
  signal?: AbortSignal;
  /**
   * Called once when the request ends, however it ends (answered, stopped early by the caller,
   * cancelled, failed): what it cost and what the server reported up to then.
   */
  onMetrics?: (metrics: RequestMetrics) => void;
}

export interface ChatRequest extends RequestBase {
  messages: ChatMessage[];
  tools?: ChatTool[];
  toolChoice?: ChatCompletionToolChoiceOption;
}

export interface CompletionRequest extends RequestBase {
  prompt: string;
  /** Text after the cursor, for servers that fill in the middle through the `suffix` parameter. */
  suffix?: string;
}

export interface ToolCall {
  id: string;
  name: string;
  /** JSON text as the model wrote it; parse it with the tool's schema. */
  arguments: string;
}

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call' | (string & {});

export interface ChatResult {
  text: string;
  toolCalls: ToolCall[];
  finishReason: FinishReason;
  metrics: RequestMetrics;
}

export interface CompletionResult {
  text: string;
  finishReason: FinishReason;
  metrics: RequestMetrics;
}

export type ChatStreamEvent =
  | { type: 'text'; text: string }
  | { type: 'toolCall'; index: number; id?: string; name?: string; argumentsDelta: string }
  | { type: 'done'; result: ChatResult };

export type CompletionStreamEvent =
  | { type: 'text'; text: string }
  | { type: 'done'; result: CompletionResult };
