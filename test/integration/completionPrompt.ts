import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FakeLlmServer, RecordedRequest } from '../support/fakeLlm';
import { waitFor } from './waitFor';

/**
 * Opens `uri` with the cursor at the end of its line `line` (0-based), asks for an inline
 * completion there and returns the completion request the fake server recorded for it.
 */
export async function completionRequestAt(server: FakeLlmServer, uri: vscode.Uri, line: number): Promise<RecordedRequest> {
  const editor = await vscode.window.showTextDocument(uri);
  const end = editor.document.lineAt(line).range.end;
  editor.selection = new vscode.Selection(end, end);
  return waitFor(async () => {
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    return server.requests.filter((r) => r.path.startsWith('/v1/completions')).at(-1);
  }, 'a completion request');
}

/** The fixtures' shelf.ts defines `restockShelf`: a prompt that uses it carries its signature and doc comment, not its body. */
export function assertSendsRestockShelfSummary(request: RecordedRequest): void {
  const prompt = JSON.stringify(request.body);
  assert.ok(prompt.includes('Fills the shelf up to its capacity from the back room.'), `the doc comment of restockShelf is in the prompt: ${prompt.slice(0, 2_000)}`);
  assert.ok(prompt.includes('export function restockShelf(shelf: Shelf, backRoom: number): number'), 'and its signature');
  assert.ok(!prompt.includes('shelf.items += moved'), 'not its body');
}
