import * as vscode from 'vscode';
import type { Logger } from '../../../core/logger';
import type { PromptContextItem, PromptHistoryTurn } from '../../../core/prompts/chat';
import type { ReviewService } from '../../edit/review/reviewApi';
import type { ModelService } from '../../models/modelService';
import { hostChat, partText, type HostChatContext, type HostChatRequest, type HostChatResponseStream, type HostChatResult } from './hostApi';

export const participantId = 'tandem.participant';

/**
 * `@tandem` in the host's own Chat view (where the host has one): the same prompt assembly,
 * slash commands, rules files and model server as the panel. Registered only when `vscode.chat`
 * exists; the engine loads on the first question.
 */
export function registerChatParticipant(extensionUri: vscode.Uri, models: ModelService, logger: Logger, review?: ReviewService): vscode.Disposable | undefined {
  const chat = hostChat();
  if (!chat) return undefined;
  const participant = chat.createChatParticipant(participantId, async (request, context, stream, token) => {
    // /agent: the agent (src/features/agent/environment), loaded on first use.
    if (request.command === 'agent' && review) return (await import('../../agent/environment/hostChatAgent')).runHostChatAgent(request, context, stream, token, { models, review, logger, participantId });
    return answer(request, context, stream, token, models, logger);
  });
  participant.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'tandem.svg');
  return participant;
}

async function answer(request: HostChatRequest, context: HostChatContext, stream: HostChatResponseStream, token: vscode.CancellationToken, models: ModelService, logger: Logger): Promise<HostChatResult> {
  const [{ runChat }, { commandNamed, commandPrompt, commandWants, helpText }, { isLlmError }, sources, { readRulesFiles }] = await Promise.all([
    import('../../../core/chat/chatRunner'), import('../../../core/chat/slashCommands'), import('../../../core/llm'),
    import('../contextSources'), import('../rulesFiles'),
  ]);
  const command = commandNamed(request.command);
  if (request.command === 'help') {
    stream.markdown(helpText());
    return {};
  }
  const items: PromptContextItem[] = [];
  const editor = vscode.window.activeTextEditor;
  const selection = editor ? sources.selectionItem(editor) : undefined;
  if (selection) items.push(selection);
  for (const reference of request.references) {
    const uri = reference.value instanceof vscode.Uri ? reference.value : reference.value instanceof vscode.Location ? reference.value.uri : undefined;
    const item = uri ? await sources.fileItem(uri).catch(() => undefined) : undefined;
    if (item) items.push(item);
  }
  if (command && commandWants(command) === 'problems') items.push(sources.problemsItem(editor?.document.uri));

  const controller = new AbortController();
  const cancel = token.onCancellationRequested(() => controller.abort());
  try {
    const client = await models.getClient();
    stream.progress(`Asking ${client.modelFor('chat')}…`);
    const result = await runChat(client, {
      question: command ? commandPrompt(command, request.prompt) : request.prompt,
      history: historyOf(context), context: items, rules: await readRulesFiles(logger),
      contextWindow: client.provider.contextWindow, model: client.modelFor('chat'),
    }, { providerId: client.provider.id }, { signal: controller.signal, onText: (text) => stream.markdown(text) });
    for (const note of result.notes) stream.markdown(`\n\n> ${note}`);
    return {};
  } catch (error) {
    if (isLlmError(error, 'cancelled')) return {};
    logger.warn(`@tandem: ${error instanceof Error ? error.message : String(error)}`);
    return { errorDetails: { message: error instanceof Error ? error.message : String(error) } };
  } finally {
    cancel.dispose();
  }
}

/** Earlier @tandem turns of the host's conversation, as alternating user/assistant text. */
function historyOf(context: HostChatContext): PromptHistoryTurn[] {
  const turns: PromptHistoryTurn[] = [];
  for (const turn of context.history) {
    if (turn.participant !== participantId) continue;
    if (typeof turn.prompt === 'string') turns.push({ role: 'user', text: turn.command ? `/${turn.command} ${turn.prompt}` : turn.prompt });
    else if (turn.response) {
      const text = turn.response.map(partText).join('');
      if (text && turns.at(-1)?.role === 'user') turns.push({ role: 'assistant', text });
    }
  }
  if (turns.at(-1)?.role === 'user') turns.pop();
  return turns;
}
