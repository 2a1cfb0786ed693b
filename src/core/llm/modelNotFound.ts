import type { ProviderConfig } from '../config';
import { wrongEndpoint } from './classify';
import { hostOf, LlmError } from './errors';

interface Lookup {
  provider: ProviderConfig;
  model: string;
  listModels: () => Promise<string[]>;
}

/**
 * A 404 means either the model does not exist or the base URL is wrong. The server's model list
 * tells which, and gives the user the names they can pick from.
 */
export async function describeMissingModel(failure: LlmError, { provider, model, listModels }: Lookup): Promise<LlmError> {
  const host = hostOf(provider.baseUrl);
  const base = { kind: 'modelNotFound' as const, status: failure.status, detail: failure.detail, cause: failure };
  if (provider.kind === 'azure') {
    return new LlmError({ ...base, message: `Deployment '${model}' not found at ${host} — check the deployment name in tandem.providers.${provider.id}.models.`, actions: ['openSettings'] });
  }
  let available: string[];
  try {
    available = await listModels();
  } catch (error) {
    if (error instanceof LlmError && error.kind === 'wrongEndpoint') return wrongEndpoint(provider, failure.status, failure.detail);
    return new LlmError({ ...base, message: `Model '${model}' not found at ${host}, and the list of available models could not be read. Pick one with "Tandem: Select Chat Model".`, actions: ['selectModel'] });
  }
  if (available.includes(model)) {
    return new LlmError({ ...base, message: `${host} lists model '${model}' but answered "not found" (HTTP 404) — details are in "Tandem: Show Log".`, actions: ['showLog', 'selectModel'] });
  }
  const shown = available.slice(0, 12).join(', ') + (available.length > 12 ? `, and ${available.length - 12} more` : '');
  const pull = provider.kind === 'ollama' ? `, or run \`ollama pull ${model}\`` : '';
  const list = available.length ? `available: ${shown}` : 'the server lists no models';
  return new LlmError({ ...base, message: `Model '${model}' not found; ${list}. Pick one with "Tandem: Select Chat Model"${pull}.`, actions: ['selectModel'] });
}
