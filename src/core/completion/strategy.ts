import type { ProviderConfig } from '../config';
import { detectFimFamily, fimTemplates, type FimTemplate } from '../prompts/fim';

/** How a completion request asks the model to fill in the middle. */
export type FimStrategy =
  /** `/v1/completions` with the `suffix` parameter: the server applies the model's FIM template (Ollama, OpenAI instruct). */
  | { kind: 'suffix' }
  /** `/v1/completions` with a raw prompt in the model family's template, no `suffix` parameter. */
  | { kind: 'template'; template: FimTemplate }
  /** A chat request asking for only the missing code: for models without FIM. */
  | { kind: 'chat' }
  /** llama.cpp's native `/infill`: the server applies the model's FIM tokens; context chunks as `input_extra`. */
  | { kind: 'infill' };

export interface StrategyChoice {
  strategy: FimStrategy;
  /** Why, in words for the log. */
  reason: string;
}

/** Hosted APIs whose completion-capable models are chat models. */
const chatOnlyKinds = new Set<ProviderConfig['kind']>(['openai', 'openrouter', 'azure']);

/**
 * The `fimMode` setting decides; `auto` picks by server and model id: llama.cpp gets its native
 * `/infill`, a known FIM family gets its template as a raw prompt, hosted chat APIs get the chat
 * fallback, anything else the `suffix` parameter (a llama.cpp server found later switches to
 * `/infill`: see serverProbe.ts).
 */
export function chooseFimStrategy(provider: Pick<ProviderConfig, 'kind' | 'fimMode'>, modelId: string): StrategyChoice {
  const family = detectFimFamily(modelId);
  switch (provider.fimMode) {
    case 'infill':
      return { strategy: { kind: 'infill' }, reason: 'fimMode is "infill": llama.cpp\'s /infill' };
    case 'suffix':
      return { strategy: { kind: 'suffix' }, reason: 'fimMode is "suffix"' };
    case 'chat':
      return { strategy: { kind: 'chat' }, reason: 'fimMode is "chat"' };
    case 'template':
      if (family) return { strategy: { kind: 'template', template: fimTemplates[family] }, reason: `fimMode is "template": ${fimTemplates[family].label} template` };
      return chatOnlyKinds.has(provider.kind)
        ? { strategy: { kind: 'chat' }, reason: `fimMode is "template" but no FIM template is known for ${modelId}: chat fallback` }
        : { strategy: { kind: 'suffix' }, reason: `fimMode is "template" but no FIM template is known for ${modelId}: suffix parameter` };
    case 'auto':
      if (provider.kind === 'llamacpp') return { strategy: { kind: 'infill' }, reason: 'a llama.cpp server: its native /infill' };
      if (family) return { strategy: { kind: 'template', template: fimTemplates[family] }, reason: `${modelId} is a ${fimTemplates[family].label} model: its FIM template` };
      if (chatOnlyKinds.has(provider.kind)) return { strategy: { kind: 'chat' }, reason: `${provider.kind} serves chat models: chat fallback` };
      return { strategy: { kind: 'suffix' }, reason: `no known FIM family in ${modelId}: suffix parameter` };
  }
}
