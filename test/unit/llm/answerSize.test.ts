import assert from 'node:assert/strict';
import { runRangeEdit, type RangeEditBackend } from '../../../src/core/edits/rewrite';
import type { ChatStreamEvent, RequestMetrics } from '../../../src/core/llm';
import { FakeLlmServer } from '../../support/fakeLlm';
import { collect, testClient } from '../../support/llmTestKit';

const line = 'line 00000001: the quick brown fox jumps over the lazy dog, again and again.\n';

/** A model that answers with `bytes` of code in a fence, in 16 KB deltas (as the huge fault does). */
function hugeAnswer(bytes: number): RangeEditBackend {
  const body = line.repeat(Math.ceil(bytes / line.length));
  return {
    async *streamChat(): AsyncGenerator<ChatStreamEvent> {
      const text = `\`\`\`ts\n${body}\`\`\`\n`;
      for (let at = 0; at < text.length; at += 16_384) yield { type: 'text', text: text.slice(at, at + 16_384) };
      yield { type: 'done', result: { text, toolCalls: [], finishReason: 'stop', metrics: {} as RequestMetrics } };
    },
  };
}

async function editSeconds(bytes: number): Promise<number> {
  const started = performance.now();
  let progress = 0;
  await runRangeEdit(hugeAnswer(bytes), {
    path: 'src/a.ts', languageId: 'typescript', documentText: 'export const a = 1;\n', range: { start: 0, end: 1 },
    instruction: 'rewrite', contextWindow: 8192, model: 'fake-chat',
  }, { onProgress: ({ lines }) => (progress = lines) });
  assert.ok(progress > bytes / line.length / 2, `progress reported ${progress} lines`);
  return (performance.now() - started) / 1000;
}

/**
 * The 1 MB time as the median of three runs and the 10 MB time as the best of two: one slow or
 * fast run on a loaded machine must not decide a 10x-vs-100x question.
 */
// Linear reading measures 10-18x here (a 10 MB string costs more to collect than ten of 1 MB);
// re-reading the answer per delta, the bug this guards against, measured 100x.
const maxRatio = 30;
async function ratio(seconds: (bytes: number) => Promise<number>): Promise<{ small: number; large: number }> {
  await seconds(256 * 1024); // warm up the JIT so the small run is not all start-up
  const smalls = [await seconds(1024 * 1024), await seconds(1024 * 1024), await seconds(1024 * 1024)].sort((a, b) => a - b);
  const large = Math.min(await seconds(10 * 1024 * 1024), await seconds(10 * 1024 * 1024));
  return { small: smalls[1]!, large };
}

describe('Big answers cost time in proportion to their size', function () {
  this.timeout(60_000);

  it('an edit answer of 10 MB takes at most ~10x the time of 1 MB (it took 100x: re-read per delta)', async () => {
    const { small, large } = await ratio(editSeconds);
    assert.ok(large / Math.max(small, 0.01) < maxRatio, `1 MB: ${small.toFixed(2)} s, 10 MB: ${large.toFixed(2)} s`);
  });

  it('the client reads 10 MB vs 1 MB streams in proportion too', async () => {
    const server = await FakeLlmServer.start();
    try {
      const { client } = testClient(server.baseUrl, { provider: { contextWindow: 10_000_000 } });
      const seconds = async (bytes: number) => {
        server.clearRules();
        server.addRule({ fault: { kind: 'huge', bytes } });
        const started = performance.now();
        const { text } = await collect(client.streamChat({ messages: [{ role: 'user', content: 'big' }], maxTokens: 3_000_000 }));
        assert.equal(text.length, bytes);
        return (performance.now() - started) / 1000;
      };
      const { small, large } = await ratio(seconds);
      assert.ok(large / Math.max(small, 0.01) < maxRatio, `1 MB: ${small.toFixed(2)} s, 10 MB: ${large.toFixed(2)} s`);
    } finally {
      await server.close();
    }
  });
});
