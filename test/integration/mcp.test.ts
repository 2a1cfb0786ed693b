import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
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

  it('a server that crashes on start shows why in the view; once the cause is fixed, Restart brings it up', async () => {
    const api = await tandemApi();
    const root = vscode.extensions.getExtension(extensionId)!.extensionPath;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-mcp-restart-'));
    const marker = path.join(dir, 'configured');
    try {
      await setSetting('mcp.servers', { broken: { command: process.execPath, args: [path.join(root, 'test/support/mcp/misbehavingServer.mjs'), 'crash-until', marker] } });
      await api.mcp.reload();
      await api.mcp.manager.startAll();
      const failed = await waitFor(() => api.mcp.viewRows().find((r) => r.startsWith('broken: failed')), 'the start failure in the view');
      assert.match(failed, /exited before the MCP handshake finished.*fatal: .*configured does not exist yet; cannot start/);

      writeFileSync(marker, 'now it may start\n');
      await vscode.commands.executeCommand('tandem.mcp.restart', { server: { name: 'broken' } });
      const ready = await waitFor(() => api.mcp.viewRows().find((r) => r.startsWith('broken: ready')), 'the server ready after Restart');
      assert.match(ready, /^broken: ready with 7 tools$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
