import * as vscode from 'vscode';

/**
 * Puts a line from the tests feature into Tandem's chat (a notice, never sent to the model), so
 * results and refusals are on the Tandem view too, not only in notifications.
 */
export function noteInChat(text: string): void {
  void vscode.commands.executeCommand('tandem.chat.notice', text).then(undefined, () => undefined);
}
