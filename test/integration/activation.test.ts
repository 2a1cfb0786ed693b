import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionId, tandemApi } from './tandemApi';

describe('activation', () => {
  it('activates on start-up without any user action', async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension);
    const api = await tandemApi();
    assert.equal(extension.isActive, true);
    assert.ok(api.activation.activateMs >= 0 && api.activation.activateMs < 1_000, `activate() took ${api.activation.activateMs} ms`);
  });

  it('registers every command it contributes', async () => {
    const manifest = vscode.extensions.getExtension(extensionId)?.packageJSON as { contributes: { commands: Array<{ command: string }> } };
    const contributed = manifest.contributes.commands.map((c) => c.command);
    assert.ok(contributed.length >= 5);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((id) => !registered.has(id)), [], 'contributed but not registered');
  });

  it('"Tandem: Show Log" opens the log channel', async () => {
    await vscode.commands.executeCommand('tandem.showLog');
  });
});
