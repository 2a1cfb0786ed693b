import * as vscode from 'vscode';
import { classifyLink } from '../../core/chat/links';
import type { Logger } from '../../core/logger';
import type { WorkspaceFiles } from './workspaceFiles';

/**
 * Opens a link the user clicked in an answer, after checking it (see classifyLink): web and mail
 * links go to the browser, workspace paths open in the editor (at the cited line), and anything
 * else is refused with a word to the user instead of being followed.
 */
export async function openChatLink(href: string, files: WorkspaceFiles, logger: Logger): Promise<void> {
  const target = classifyLink(href);
  switch (target.kind) {
    case 'external':
      await vscode.env.openExternal(vscode.Uri.parse(target.url, true));
      return;
    case 'workspaceFile': {
      const uri = await files.resolve(target.path);
      if (!uri) {
        void vscode.window.showWarningMessage(`Tandem: "${target.path}" is not a file in this workspace (or it is excluded by .gitignore / tandem.ignore).`);
        return;
      }
      const line = target.line === undefined ? undefined : new vscode.Range(target.line - 1, 0, target.line - 1, 0);
      await vscode.window.showTextDocument(uri, line ? { selection: line } : {});
      return;
    }
    case 'refused':
      logger.warn(`refused to open a chat link (${target.reason}): ${href.slice(0, 200)}`);
      void vscode.window.showWarningMessage(`Tandem did not open this link: ${target.reason}.`);
  }
}
