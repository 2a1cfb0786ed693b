// Proves the integration harness itself: the suite runs inside a real VS Code 1.139 extension
// host, with the sample workspace open and Tandem loaded from this repository.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'tandem-dev.tandem';

describe('integration harness', () => {
  it('runs inside VS Code 1.139', () => {
    assert.match(vscode.version, /^1\.139\./);
  });

  it('has desktop VS Code\'s files.autoSave default (off), not the web build\'s afterDelay', () => {
    // With afterDelay the host saves unsaved text a second later, so tests of unsaved work flake.
    assert.equal(vscode.workspace.getConfiguration('files').get('autoSave'), 'off');
  });

  it('opens the sample workspace', async () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1, 'exactly one workspace folder');
    const manifest = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folders[0]!.uri, 'package.json'));
    assert.equal(JSON.parse(new TextDecoder().decode(manifest)).name, 'pocket-ledger');
  });

  it('shows a workspace file in an editor', async () => {
    const [source] = await vscode.workspace.findFiles('src/money.ts');
    assert.ok(source, 'src/money.ts is in the workspace');
    const editor = await vscode.window.showTextDocument(source);
    assert.equal(editor.document.languageId, 'typescript');
    assert.match(editor.document.getText(), /export function formatMoney/);
  });

  it('loads Tandem from this repository and activates it', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed as the development extension`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });
});
