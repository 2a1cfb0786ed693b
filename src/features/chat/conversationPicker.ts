import * as vscode from 'vscode';
import type { ChatSession } from '../../core/chat/chatSession';
import type { ConversationSummary } from '../../core/chat/conversation';
import { conversationToMarkdown } from '../../core/chat/markdownExport';
import type { HistoryStore } from '../../core/chat/historyStore';

interface ConversationItem extends vscode.QuickPickItem {
  id: string;
}

const deleteButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('trash'), tooltip: 'Delete this conversation' };

/**
 * "Tandem: Show Conversations": past conversations of this workspace, newest first. Choosing one
 * reopens it in the panel; the trash button deletes it (after a confirmation).
 */
export async function pickConversation(store: HistoryStore, session: ChatSession, reveal: () => Promise<void>): Promise<void> {
  const picker = vscode.window.createQuickPick<ConversationItem>();
  picker.title = 'Tandem: Conversations';
  picker.placeholder = 'Reopen a conversation (the trash button deletes it)';
  picker.matchOnDescription = true;
  const load = async () => {
    picker.busy = true;
    picker.items = (await store.list()).map((summary) => item(summary, summary.id === session.current.id));
    picker.busy = false;
  };
  const done = new Promise<void>((resolve) => {
    picker.onDidTriggerItemButton(async ({ item: chosen }) => {
      const answer = await vscode.window.showWarningMessage(`Delete the conversation "${chosen.label}"?`, { modal: true }, 'Delete');
      if (answer !== 'Delete') return;
      await session.delete(chosen.id);
      await load();
    });
    picker.onDidAccept(async () => {
      const chosen = picker.selectedItems[0];
      picker.hide();
      if (!chosen) return;
      if (await session.open(chosen.id)) await reveal();
    });
    picker.onDidHide(() => {
      picker.dispose();
      resolve();
    });
  });
  picker.show();
  await load();
  if (picker.items.length === 0) picker.placeholder = 'No saved conversations in this workspace yet';
  await done;
}

function item(summary: ConversationSummary, current: boolean): ConversationItem {
  return {
    id: summary.id,
    label: summary.title,
    description: `${new Date(summary.updatedAt).toLocaleString()} · ${summary.turnCount} messages${current ? ' · open' : ''}`,
    buttons: [deleteButton],
  };
}

/** "Tandem: Export Conversation as Markdown": opens the document, ready to save or share. */
export async function exportConversation(session: ChatSession): Promise<vscode.TextDocument | undefined> {
  const conversation = session.current;
  if (conversation.turns.length === 0) {
    void vscode.window.showInformationMessage('Tandem: this conversation is empty — nothing to export yet.');
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: conversationToMarkdown(conversation) });
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}
