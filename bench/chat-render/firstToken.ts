// Time Tandem's extension side adds between the model's first token and the message that carries
// it to the webview: the engine yields the first text event -> ChatSession -> DeltaBatcher ->
// post. Runs the real session against the fake server; prints one JSON line with the samples (ms).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ChatSession } from '../../src/core/chat/chatSession';
import type { ChatBackend } from '../../src/core/chat/chatRunner';
import { ContextSet } from '../../src/core/chat/contextSet';
import { HistoryStore } from '../../src/core/chat/historyStore';
import { FakeLlmServer } from '../../test/support/fakeLlm';
import { testClient } from '../../test/support/llmTestKit';

const runs = 30;

async function main(): Promise<void> {
  const server = await FakeLlmServer.start({ ttftMs: 5 });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-bench-'));
  const samples: number[] = [];
  try {
    server.addRule({ reply: { text: 'The first token, then the rest of a short answer.' } });
    const { client } = testClient(server.baseUrl);
    for (let i = 0; i < runs; i++) {
      let tokenAt: number | undefined;
      let postedAt: number | undefined;
      // Marks the moment the engine hands over the first text, just before Tandem's own code sees it.
      const timed: ChatBackend = {
        async *streamChat(request) {
          for await (const event of client.streamChat(request)) {
            if (event.type === 'text' && tokenAt === undefined) tokenAt = performance.now();
            yield event;
          }
        },
      };
      const session = new ChatSession({
        store: new HistoryStore(dir), context: new ContextSet(),
        target: async () => ({ client: timed, model: 'fake-chat', contextWindow: 8192, providerId: 'fake' }),
        modelName: () => 'fake-chat', attach: async () => undefined,
        post: (message) => { if (message.type === 'delta' && postedAt === undefined) postedAt = performance.now(); },
      });
      await session.send(`question ${i}`, false);
      if (tokenAt === undefined || postedAt === undefined) throw new Error('no delta was posted');
      samples.push(postedAt - tokenAt);
    }
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
  console.log(JSON.stringify({ samples }));
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
