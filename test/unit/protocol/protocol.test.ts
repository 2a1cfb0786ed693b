import assert from 'node:assert/strict';
import { parseExtensionMessage, parseWebviewMessage } from '../../../src/core/protocol';

describe('chat protocol: messages between the extension and the webview', () => {
  it('accepts every well-formed message from the webview', () => {
    const messages = [
      { type: 'ready' },
      { type: 'send', text: 'explain this', editing: false },
      { type: 'stop' },
      { type: 'regenerate' },
      { type: 'newChat' },
      { type: 'toggleContext', id: 'selection' },
      { type: 'removeContext', id: 'file:src/a.ts' },
      { type: 'addFile', path: 'src/a.ts' },
      { type: 'addProblems' },
      { type: 'addOpenEditors' },
      { type: 'addPasted', text: 'pasted' },
      { type: 'searchFiles', requestId: 3, query: 'mon' },
      { type: 'codeAction', action: 'apply', code: 'x', language: 'ts', path: 'src/a.ts' },
      { type: 'openLink', href: 'https://example.com' },
      { type: 'errorAction', action: 'setApiKey' },
      { type: 'snapshot', requestId: 1, transcript: 'You\nhello', input: '', chips: [] },
      { type: 'log', level: 'warn', message: 'something' },
    ];
    for (const message of messages) {
      const parsed = parseWebviewMessage(message);
      assert.ok(parsed.ok, `${message.type}: ${parsed.ok ? '' : parsed.problem}`);
      assert.deepEqual(parsed.message, message);
    }
  });

  it('rejects malformed, unknown and oversized messages, naming the problem', () => {
    const cases: Array<[unknown, RegExp]> = [
      [null, /without a type/],
      ['ready', /without a type/],
      [{ type: 'runShell', command: 'rm -rf /' }, /'runShell'/],
      [{ type: 'send', text: '' }, /'send' at (text|editing)/],
      [{ type: 'send', text: 'hi', editing: 'yes' }, /'send' at editing/],
      [{ type: 'codeAction', action: 'delete', code: 'x' }, /'codeAction' at action/],
      [{ type: 'errorAction', action: 'runCommand' }, /'errorAction' at action/],
      [{ type: 'searchFiles', requestId: -1, query: 'x' }, /at requestId/],
      [{ type: 'openLink', href: 'x'.repeat(10_000) }, /at href/],
      [{ type: 'toggleContext', id: 'x'.repeat(201) }, /at id/],
    ];
    for (const [raw, problem] of cases) {
      const parsed = parseWebviewMessage(raw);
      assert.equal(parsed.ok, false, JSON.stringify(raw)?.slice(0, 80));
      if (!parsed.ok) assert.match(parsed.problem, problem);
    }
  });

  it('validates what the extension sends, down to the turns inside a state message', () => {
    const turn = { id: 't1', role: 'assistant', text: 'Hi', createdAt: 1, status: 'done', metrics: { model: 'm', timeToFirstTokenMs: 12, totalMs: 40, tokensIn: 10, tokensOut: 3, usageSource: 'server' } };
    const state = { type: 'state', conversation: { id: 'c1', title: 'Hello', turns: [turn] }, chips: [{ id: 'selection', kind: 'selection', label: 'a.ts:1-3', tokens: 12, enabled: true }], busy: false, model: 'm', commands: [{ name: 'help', description: 'List the commands' }] };
    assert.ok(parseExtensionMessage(state).ok);
    assert.ok(parseExtensionMessage({ type: 'delta', turnId: 't1', text: 'more' }).ok);

    const badTurn = parseExtensionMessage({ ...state, conversation: { ...state.conversation, turns: [{ ...turn, role: 'system' }] } });
    assert.equal(badTurn.ok, false);
    if (!badTurn.ok) assert.match(badTurn.problem, /'state' at conversation\.turns\.0\.role/);
    const badChip = parseExtensionMessage({ type: 'chips', chips: [{ id: 'x', kind: 'secret', label: 'x', tokens: 1, enabled: true }] });
    assert.equal(badChip.ok, false);
  });
});
