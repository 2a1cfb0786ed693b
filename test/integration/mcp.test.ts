import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { extensionId, setSetting, tandemApi } from './tandemApi';
import { waitFor } from './waitFor';

describe('MCP Servers view', function () {
  this.timeout(60_000);
  afterEach(async () => {
    await setSetting('mcp.servers', undefined);
  });

  it('shows server-everything ready with its tools; a crashed server shows the reason and restarts', async () => {
    const api = await tandemApi();
    const root = vscode.extensions.getExtension(extensionId)!.extensionPath;
    await setSetting('mcp.servers', {
      everything: { command: process.execPath, args: [path.join(root, 'node_modules/@modelcontextprotocol/server-everything/dist/index.js'), 'stdio'] },
      flaky: { command: process.execPath, args: [path.join(root, 'test/support/mcp/misbehavingServer.mjs'), 'tools'] },
    });
    await api.mcp.reload();
    await api.mcp.manager.startAll();
    const rows = await waitFor(() => {
      const shown = api.mcp.viewRows();
      return shown.some((r) => /^everything: ready with \d+ tools$/.test(r)) && shown.some((r) => /^flaky: ready/.test(r)) ? shown : undefined;
    }, 'both servers ready in the view');
    // A tool row: its title, then the name the model calls it by.
    assert.ok(rows.includes('  Echo Tool: mcp__everything__echo · read-only'), rows.join('\n'));

    await assert.rejects(api.mcp.manager.call('flaky', 'crash', {}, { signal: new AbortController().signal, timeoutMs: 10_000 }));
    const failed = await waitFor(() => api.mcp.viewRows().find((r) => r.startsWith('flaky: failed')), 'the crash in the view');
    assert.match(failed, /the server stopped unexpectedly \(last output: .*crash: exiting on purpose\)/);
    await waitFor(() => api.mcp.viewRows().some((r) => /^flaky: ready/.test(r)), 'the automatic restart');
  });
});
