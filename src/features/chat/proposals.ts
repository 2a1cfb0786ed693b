import * as vscode from 'vscode';

export const proposalScheme = 'tandem-proposal';

interface Proposal {
  target: vscode.Uri;
  text: string;
  /** The target's text when the proposal was made: accepting refuses if it changed since. */
  baseText: string;
  exists: boolean;
}

/**
 * "Apply" from chat until the edit engine's review exists: the proposed text is served as a
 * read-only document and shown in a diff against the target file; "Accept Proposal" (in the diff
 * editor's title bar) writes it as one undoable edit, "Discard" closes the diff. Nothing touches
 * the file before the user accepts, and a file that changed meanwhile is never overwritten.
 */
export class Proposals implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly proposals = new Map<string, Proposal>();
  private next = 1;
  private readonly registration: vscode.Disposable;

  constructor() {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(proposalScheme, this);
  }

  /** Opens the diff; returns the proposal's URI (the diff's right side). */
  async show(target: vscode.Uri, text: string, exists: boolean): Promise<vscode.Uri> {
    const name = target.path.split('/').pop() ?? 'file';
    const id = this.next++;
    // The file name stays last in the path, so the diff editor picks the right language.
    const uri = vscode.Uri.from({ scheme: proposalScheme, path: `/${id}/${name}` });
    const baseText = exists ? (await vscode.workspace.openTextDocument(target)).getText() : '';
    this.proposals.set(uri.toString(), { target, text, baseText, exists });
    const left = exists ? target : vscode.Uri.from({ scheme: proposalScheme, path: `/${id}/empty/${name}` });
    const title = `${vscode.workspace.asRelativePath(target)} ↔ Tandem's proposal${exists ? '' : ' (new file)'}`;
    await vscode.commands.executeCommand('vscode.diff', left, uri, title, { preview: true });
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.proposals.get(uri.toString())?.text ?? '';
  }

  /** Writes the proposal shown in `uri` (or the active diff) into its file. */
  async accept(uri?: vscode.Uri): Promise<boolean> {
    const key = this.keyOf(uri);
    const proposal = key ? this.proposals.get(key) : undefined;
    if (!key || !proposal) {
      void vscode.window.showWarningMessage('Tandem: no proposal to accept here — use Apply on a code block in the chat first.');
      return false;
    }
    const current = proposal.exists ? (await vscode.workspace.openTextDocument(proposal.target)).getText() : undefined;
    if (proposal.exists && current !== proposal.baseText) {
      void vscode.window.showWarningMessage(`Tandem: ${vscode.workspace.asRelativePath(proposal.target)} changed after the proposal was made, so it was not applied. Press Apply in the chat again for a fresh diff.`);
      return false;
    }
    const edit = new vscode.WorkspaceEdit();
    if (proposal.exists) {
      const document = await vscode.workspace.openTextDocument(proposal.target);
      edit.replace(proposal.target, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), proposal.text);
    } else {
      edit.createFile(proposal.target, { ignoreIfExists: false });
      edit.insert(proposal.target, new vscode.Position(0, 0), proposal.text);
    }
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage(`Tandem: could not apply the proposal to ${vscode.workspace.asRelativePath(proposal.target)}.`);
      return false;
    }
    await this.close(key);
    await vscode.window.showTextDocument(proposal.target, { preview: false });
    return true;
  }

  async discard(uri?: vscode.Uri): Promise<void> {
    const key = this.keyOf(uri);
    if (key) await this.close(key);
  }

  private async close(key: string): Promise<void> {
    this.proposals.delete(key);
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs)
      .filter((tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === key);
    if (tabs.length) await vscode.window.tabGroups.close(tabs);
  }

  /** The proposal meant: the given URI, else the active diff's right side, else the latest one. */
  private keyOf(uri: vscode.Uri | undefined): string | undefined {
    if (uri?.scheme === proposalScheme) return uri.toString();
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    if (input instanceof vscode.TabInputTextDiff && input.modified.scheme === proposalScheme) return input.modified.toString();
    return [...this.proposals.keys()].at(-1);
  }

  dispose(): void {
    this.registration.dispose();
    this.proposals.clear();
  }
}
