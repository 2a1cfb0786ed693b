import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FakeLlmServer, unusedPort } from '../support/fakeLlm';
import { setSetting, tandemApi } from './tandemApi';
import { waitFor } from './waitFor';

describe('model status bar, Select Model and API keys (against the fake server)', () => {
  let server: FakeLlmServer;

  before(async () => {
    server = await FakeLlmServer.start({ models: ['fake-chat', 'fake-coder', 'llama3.1:8b'] });
    await setSetting('providers', { fake: { kind: 'openai-compatible', label: 'Fake server', baseUrl: server.baseUrl, models: { chat: 'fake-chat', completion: 'fake-coder' } } });
    await setSetting('provider', 'fake');
  });

  after(async () => {
    await vscode.commands.executeCommand('tandem.setApiKey', 'fake', '');
    await setSetting('provider', undefined);
    await setSetting('providers', undefined);
    await server.close();
  });

  it('shows the active model in the status bar and the backend as reachable', async () => {
    const api = await tandemApi();
    await waitFor(() => api.statusBar().text.endsWith(' fake-chat'), 'the status bar to show fake-chat');
    const health = await api.checkHealth();
    assert.equal(health.state, 'ok');
    assert.equal(api.statusBar().text, '$(sparkle) fake-chat');
    assert.match(api.statusBar().tooltip, /fake-chat on Fake server \(http:\/\/127\.0\.0\.1:\d+\/v1\)\nServer reachable \(3 models\)\./);
  });

  it('"Select Model" lists the server\'s models and switches the chat model', async () => {
    const api = await tandemApi();
    void vscode.commands.executeCommand('tandem.selectModel');
    const items = await waitFor(() => {
      const shown = api.modelPickerItems();
      return shown?.includes('llama3.1:8b') ? shown : undefined;
    }, 'the picker to list the models');
    assert.deepEqual(items, ['fake-chat', 'fake-coder', 'llama3.1:8b', '', '$(server) Switch provider…']);

    // Keyboard as a user would: the current model starts highlighted, two steps down is
    // llama3.1:8b. Each step waits for the workbench to report the new highlight.
    await waitFor(() => api.modelPickerActiveItem() === 'fake-chat', 'the current model to be highlighted');
    for (const next of ['fake-coder', 'llama3.1:8b']) {
      await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
      await waitFor(() => api.modelPickerActiveItem() === next, `${next} to be highlighted`);
    }
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await waitFor(() => api.config().provider.models.chat === 'llama3.1:8b', 'the chat model to change');
    assert.equal(api.config().provider.models.edit, 'llama3.1:8b', 'edits follow the chat model');
    assert.equal(api.config().provider.models.completion, 'fake-coder', 'completions keep their own model');
    await waitFor(() => api.statusBar().text.endsWith(' llama3.1:8b'), 'the status bar to show the new model');
  });

  it('sends the API key from secret storage, never writing it to settings', async () => {
    const api = await tandemApi();
    await vscode.commands.executeCommand('tandem.setApiKey', 'fake', 'sk-integration-0123456789');
    server.reset();
    await waitFor(async () => (await api.checkHealth()).state === 'ok' && server.requests.length > 0, 'a request with the key');
    assert.equal(server.requests.at(-1)?.headers.authorization, 'Bearer sk-integration-0123456789');
    const everySetting = JSON.stringify(vscode.workspace.getConfiguration('tandem'));
    assert.doesNotMatch(everySetting, /sk-integration/);
  });

  it('shows an unreachable backend with the message that fixes it', async () => {
    const api = await tandemApi();
    const port = await unusedPort();
    await setSetting('providers', { fake: { baseUrl: `http://127.0.0.1:${port}/v1`, models: { chat: 'fake-chat' } } });
    await waitFor(() => api.config().provider.baseUrl.includes(String(port)), 'the new base URL');
    const health = await api.checkHealth();
    assert.equal(health.state, 'error');
    assert.equal(api.statusBar().text, '$(warning) fake-chat');
    assert.match(api.statusBar().tooltip, new RegExp(`No model server answers at http://127\\.0\\.0\\.1:${port}/v1 — check that the server is running and reachable, or change tandem\\.provider\\.`));
  });
});
