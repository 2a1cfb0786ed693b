// llama-server's `GET /props` (tools/server/README.md): the generation defaults, the slot count,
// the model file and the build. Clients (llama.vscode, Tandem) read it to tell llama.cpp apart.
import type { PromptCacheSim } from './promptCache';
import type { JsonObject } from './requestView';

export function llamaProps(model: string, cache: PromptCacheSim | undefined): JsonObject {
  return {
    default_generation_settings: { id: 0, id_task: -1, n_ctx: 32768, speculative: false, is_processing: false, params: { n_predict: -1, temperature: 0.8, cache_prompt: true } },
    total_slots: cache?.slotCount ?? 1,
    model_path: `/models/${model}.gguf`,
    modalities: { vision: false, audio: false },
    chat_template: '{% for message in messages %}{{ message.content }}{% endfor %}',
    bos_token: '<|endoftext|>',
    eos_token: '<|endoftext|>',
    build_info: 'b6000-fa4e11a',
  };
}
