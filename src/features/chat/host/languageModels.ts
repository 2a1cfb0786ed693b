import * as vscode from 'vscode';
import type { ChatMessage } from '../../../core/llm';
import { isLlmError } from '../../../core/llm/errors';
import { estimateTokens } from '../../../core/llm/tokens';
import type { Logger } from '../../../core/logger';
import { answerReserve } from '../../../core/prompts/answerReserve';
import type { ModelService } from '../../models/modelService';
import { hostLanguageModels, partText, type HostModelInformation, type HostModelMessage, type HostModelProvider } from './hostApi';

export const modelVendor = 'tandem';

interface TandemModel extends HostModelInformation {
  readonly model: string;
}

/**
 * Offers the configured models to the host's model picker (`vscode.lm`), so its Chat view and
 * other extensions can use the user's own model server through Tandem. Registered only when the
 * host has `registerLanguageModelChatProvider`; the list follows Tandem's settings.
 */
export function registerLanguageModels(models: ModelService, logger: Logger): vscode.Disposable | undefined {
  const host = hostLanguageModels();
  if (!host) return undefined;
  const changed = new vscode.EventEmitter<void>();
  const provider: HostModelProvider<TandemModel> = {
    onDidChangeLanguageModelChatInformation: changed.event,
    provideLanguageModelChatInformation: async () => describeModels(models),
    provideLanguageModelChatResponse: async (model, messages, _options, progress, token) => {
      const controller = new AbortController();
      const cancel = token.onCancellationRequested(() => controller.abort());
      try {
        const client = await models.getClient();
        for await (const event of client.streamChat({ model: model.model, messages: toChatMessages(messages), signal: controller.signal })) {
          if (event.type === 'text') progress.report(new host.TextPart(event.text));
        }
      } catch (error) {
        if (isLlmError(error, 'cancelled')) return;
        logger.warn(`vscode.lm request to ${model.model} failed: ${error instanceof Error ? error.message : String(error)}`);
        throw error instanceof Error ? new Error(`Tandem: ${error.message}`) : error;
      } finally {
        cancel.dispose();
      }
    },
    provideTokenCount: async (_model, text) => estimateTokens(typeof text === 'string' ? text : text.content.map(partText).join('')),
  };
  const registration = host.lm.registerLanguageModelChatProvider(modelVendor, provider);
  const following = models.onDidChange(() => changed.fire());
  return vscode.Disposable.from(registration, following, changed);
}

/** The active provider's models (chat first), each once. */
function describeModels(models: ModelService): TandemModel[] {
  const provider = models.config.provider;
  const reserve = answerReserve(provider.contextWindow);
  const ids = [...new Set([provider.models.chat, provider.models.edit].filter(Boolean))];
  return ids.map((model) => ({
    id: `${provider.id}/${model}`,
    model,
    name: model,
    family: provider.kind,
    version: '1',
    detail: `Tandem · ${provider.label}`,
    tooltip: `${model} on ${provider.label} (${provider.baseUrl}), through Tandem`,
    maxInputTokens: provider.contextWindow - reserve,
    maxOutputTokens: reserve,
    isUserSelectable: true,
    capabilities: { imageInput: false, toolCalling: false },
  }));
}

function toChatMessages(messages: readonly HostModelMessage[]): ChatMessage[] {
  return messages.map((message): ChatMessage => {
    const content = message.content.map(partText).join('');
    return message.role === 2 ? { role: 'assistant', content } : { role: 'user', content };
  });
}
