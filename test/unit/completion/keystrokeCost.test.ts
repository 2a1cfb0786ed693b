import assert from 'node:assert/strict';
import { CompletionEngine, type CompletionDocument } from '../../../src/core/completion';
import { FakeLlmServer } from '../../support/fakeLlm';
import { testClient } from '../../support/llmTestKit';
import { ManualClock } from './manualClock';
import { MemoryDocument, requestAt } from './memoryDocument';

/** Counts the lines the engine reads: the per-keystroke cost must not grow with the file. */
class CountingDocument implements CompletionDocument {
  reads = 0;
  constructor(private readonly inner: MemoryDocument) {}
  get uri() { return this.inner.uri; }
  get languageId() { return this.inner.languageId; }
  get lineCount() { return this.inner.lineCount; }
  get relativePath() { return this.inner.relativePath; }
  lineText(line: number): string {
    this.reads++;
    return this.inner.lineText(line);
  }
}

describe('per-keystroke cost on a 5,000-line file', () => {
  let server: FakeLlmServer;
  before(async () => { server = await FakeLlmServer.start(); });
  after(() => server.close());

  it('reads a bounded number of lines per keystroke, whatever the file size', async () => {
    server.addRule({ reply: { text: 'computeTotal(order, taxRate);' } });
    const lines = Array.from({ length: 5_000 }, (_, i) => `  const value${i} = compute(${i}, options);`);
    const memory = new MemoryDocument(['function main(options) {', ...lines.slice(0, 2_500), '  const total = ', ...lines.slice(2_500), '}'].join('\n'));
    const document = new CountingDocument(memory);
    const clock = new ManualClock();
    const engine = new CompletionEngine({ client: testClient(server.baseUrl).client, clock });
    let position = { line: 2_501, character: '  const total = '.length };

    document.reads = 0;
    const pending = engine.complete(requestAt(document, position));
    await clock.advance(200);
    assert.equal((await pending)?.[0]?.insertText, 'computeTotal(order, taxRate);');
    const requestReads = document.reads;
    assert.ok(requestReads < 400, `a request read ${requestReads} lines (prompt window only, not the file)`);

    const perKeystroke: number[] = [];
    for (const ch of 'computeT') {
      position = memory.insert(position, ch);
      document.reads = 0;
      const items = await engine.complete(requestAt(document, position));
      assert.equal(items?.[0]?.source, 'typedThrough');
      perKeystroke.push(document.reads);
    }
    assert.ok(Math.max(...perKeystroke) < 80, `typed-through keystrokes read ${perKeystroke.join(', ')} lines`);
    engine.dispose();
  });
});
