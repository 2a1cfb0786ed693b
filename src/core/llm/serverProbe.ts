import type OpenAI from 'openai';
import { serverRoot } from './infill';

/** Server software Tandem adapts to beyond the OpenAI API (only llama.cpp so far: its /infill). */
export type ServerFlavour = 'llamacpp';

/**
 * Asks the server what it is, cheaply: llama-server answers `GET /props` with its generation
 * defaults and slot count; behind a proxy that forwards only `/v1`, its `/v1/models` entries say
 * `owned_by: "llamacpp"` and carry a `meta` block. Undefined when neither says llama.cpp.
 */
export async function probeServerFlavour(sdk: OpenAI, baseUrl: string, signal: AbortSignal): Promise<ServerFlavour | undefined> {
  try {
    const props = await sdk.get<unknown>(`${serverRoot(baseUrl)}/props`, { signal, maxRetries: 0 });
    if (isObject(props) && ('default_generation_settings' in props || 'total_slots' in props)) return 'llamacpp';
  } catch {
    // not llama.cpp, or /props is not reachable: ask the model list
  }
  try {
    const models = await sdk.get<unknown>('/models', { signal, maxRetries: 0 });
    const data = isObject(models) && Array.isArray(models['data']) ? models['data'] : [];
    if (data.some((m) => isObject(m) && m['owned_by'] === 'llamacpp')) return 'llamacpp';
  } catch {
    // nothing more to learn
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
