/**
 * Built-in providers. A user's `tandem.providers.<id>` entry is merged over the preset with the
 * same id, so pointing Tandem at LM Studio is one setting: "tandem.provider": "lmstudio".
 */
export const providerKinds = ['openai-compatible', 'ollama', 'lmstudio', 'llamacpp', 'vllm', 'openai', 'azure', 'openrouter'] as const;
export type ProviderKind = (typeof providerKinds)[number];

export const fimModes = ['auto', 'suffix', 'template', 'chat', 'infill'] as const;
export type FimMode = (typeof fimModes)[number];

export interface ModelRoles {
  chat: string;
  edit: string;
  completion: string;
}

export interface ProviderConfig {
  id: string;
  kind: ProviderKind;
  label: string;
  /** OpenAI-compatible base URL, ending in /v1 for everything but Azure (the resource endpoint). */
  baseUrl: string;
  models: ModelRoles;
  /** Tokens the model accepts (prompt + answer); prompts are budgeted against it. */
  contextWindow: number;
  fimMode: FimMode;
  headers: Record<string, string>;
  /** Azure OpenAI only. */
  apiVersion?: string;
  /** Ask for the final usage chunk (`stream_options.include_usage`); servers that reject it get false. */
  streamUsage: boolean;
  /** Hosted services refuse requests without a key; local servers do not need one. */
  requiresApiKey: boolean;
  /** The agent's tool protocol: 'auto' (default) tries native tool calls and falls back to text. */
  toolProtocol?: 'auto' | 'native' | 'text';
}

type Preset = Omit<ProviderConfig, 'id' | 'headers'> & { headers?: Record<string, string> };

const localCoder: ModelRoles = { chat: 'qwen2.5-coder:7b', edit: 'qwen2.5-coder:7b', completion: 'qwen2.5-coder:1.5b-base' };

export const providerPresets: Readonly<Record<string, Preset>> = {
  ollama: { kind: 'ollama', label: 'Ollama', baseUrl: 'http://localhost:11434/v1', models: localCoder, contextWindow: 8192, fimMode: 'auto', streamUsage: true, requiresApiKey: false },
  lmstudio: { kind: 'lmstudio', label: 'LM Studio', baseUrl: 'http://localhost:1234/v1', models: { chat: 'qwen2.5-coder-7b-instruct', edit: 'qwen2.5-coder-7b-instruct', completion: 'qwen2.5-coder-1.5b' }, contextWindow: 8192, fimMode: 'auto', streamUsage: true, requiresApiKey: false },
  llamacpp: { kind: 'llamacpp', label: 'llama.cpp server', baseUrl: 'http://localhost:8080/v1', models: { chat: 'default', edit: 'default', completion: 'default' }, contextWindow: 8192, fimMode: 'auto', streamUsage: true, requiresApiKey: false },
  vllm: { kind: 'vllm', label: 'vLLM', baseUrl: 'http://localhost:8000/v1', models: { chat: 'Qwen/Qwen2.5-Coder-7B-Instruct', edit: 'Qwen/Qwen2.5-Coder-7B-Instruct', completion: 'Qwen/Qwen2.5-Coder-7B-Instruct' }, contextWindow: 32768, fimMode: 'auto', streamUsage: true, requiresApiKey: false },
  openai: { kind: 'openai', label: 'OpenAI', baseUrl: 'https://api.openai.com/v1', models: { chat: 'gpt-4.1', edit: 'gpt-4.1', completion: 'gpt-4.1-mini' }, contextWindow: 1_000_000, fimMode: 'chat', streamUsage: true, requiresApiKey: true },
  openrouter: { kind: 'openrouter', label: 'OpenRouter', baseUrl: 'https://openrouter.ai/api/v1', models: { chat: 'qwen/qwen-2.5-coder-32b-instruct', edit: 'qwen/qwen-2.5-coder-32b-instruct', completion: 'qwen/qwen-2.5-coder-32b-instruct' }, contextWindow: 32768, fimMode: 'chat', streamUsage: true, requiresApiKey: true },
};

/** What a user-defined provider with no preset starts from. */
export function defaultsForKind(kind: ProviderKind): Preset {
  const sameKind = Object.values(providerPresets).find((p) => p.kind === kind);
  if (sameKind) return sameKind;
  const blank: ModelRoles = { chat: '', edit: '', completion: '' };
  if (kind === 'azure') {
    return { kind, label: 'Azure OpenAI', baseUrl: '', models: blank, contextWindow: 128_000, fimMode: 'chat', apiVersion: '2024-10-21', streamUsage: true, requiresApiKey: true };
  }
  return { kind, label: 'OpenAI-compatible server', baseUrl: '', models: blank, contextWindow: 8192, fimMode: 'auto', streamUsage: true, requiresApiKey: false };
}
