import * as vscode from 'vscode';
import type { ExtensionMessage } from '../../core/protocol';
import { chatHtml } from './webviewHtml';

export const chatViewId = 'tandem.chat';

/**
 * The Chat webview view in the Tandem activity-bar container. It owns only the page and the
 * message pipe: every raw message goes to `onMessage` (which validates it), and `post` reaches
 * the page while it is open. The page is rebuilt from the conversation state whenever VS Code
 * re-creates it, so nothing needs to be retained while the view is hidden.
 */
export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly extensionUri: vscode.Uri, private readonly onMessage: (raw: unknown) => void) {}

  get isOpen(): boolean {
    return this.view !== undefined;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
    view.webview.html = chatHtml(view.webview, this.extensionUri);
    const receiving = view.webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw));
    this.subscriptions.push(receiving, view.onDidDispose(() => {
      receiving.dispose();
      if (this.view === view) this.view = undefined;
    }));
  }

  /** Sends a message to the page; false when the view is not open (the state is re-sent on 'ready'). */
  post(message: ExtensionMessage): boolean {
    if (!this.view) return false;
    void this.view.webview.postMessage(message);
    return true;
  }

  /** Shows the view (opening the side bar if needed) and moves focus into it. */
  async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${chatViewId}.focus`);
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
  }
}
