import assert from 'node:assert/strict';
import { isLlmError } from '../../../src/core/llm';
import { FakeLlmServer, QUIRK_PROFILES } from '../../support/fakeLlm';
import { collect, rejectionOf, testClient } from '../../support/llmTestKit';

describe('LlmClient against each server profile (Ollama, vLLM, llama.cpp, LM Studio, OpenAI)', () => {
  let server: FakeLlmServer;
  before(async () => { server = await FakeLlmServer.start(); });
  after(() => server.close());
  beforeEach(() => server.reset());

  for (const quirks of QUIRK_PROFILES) {
    it(`${quirks}: streams a chat answer and a tool call, with usage from the server or an estimate`, async () => {
      server.setOptions({ quirks });
      server.addRule({ match: { lastUser: 'hi' }, reply: { text: 'Hello from the server.' } });
      server.addRule({ match: { lastUser: 'tool' }, reply: { toolCalls: [{ name: 'read_file', arguments: '{"path":"a.ts"}' }], finishReason: 'tool_calls' } });
      const { client } = testClient(server.baseUrl);
      const { text, result } = await collect(client.streamChat({ messages: [{ role: 'user', content: 'hi' }] }));
      assert.equal(text, 'Hello from the server.');
      assert.ok((result?.metrics.tokensOut ?? 0) > 0);
      const tool = await collect(client.streamChat({ messages: [{ role: 'user', content: 'tool' }] }));
      assert.deepEqual(tool.result?.toolCalls.map((c) => [c.name, c.arguments]), [['read_file', '{"path":"a.ts"}']]);
    });
  }

  it('vLLM rejecting the suffix parameter is a clear bad-request error, not a crash', async () => {
    server.setOptions({ quirks: 'vllm' });
    const { client } = testClient(server.baseUrl);
    const error = await rejectionOf(client.complete({ prompt: 'a', suffix: 'b' }));
    assert.ok(isLlmError(error, 'badRequest'), String(error));
    assert.match(String((error as Error).message), /rejected the request \(HTTP 400\)/);
  });
});
