import type { AskModel } from '../../core/testing';
import type { ModelService } from '../models/modelService';

/** The edit model of the active provider, streamed (so the idle timeout guards a stalled answer) and cancellable. */
export function askEditModel(models: ModelService): AskModel {
  return async (messages, signal) => {
    const client = await models.getClient();
    let text = '';
    for await (const event of client.streamChat({ messages, role: 'edit', purpose: 'tests', ...(signal ? { signal } : {}) })) {
      if (event.type === 'text') text += event.text;
    }
    return text;
  };
}
