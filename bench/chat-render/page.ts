// The chat-render benchmark's page: the real chat skeleton and webview code (media/chat), with a
// stand-in for the VS Code webview API. run.mjs drives it through `benchStream` with the same
// messages the extension sends (state, turnAdded, batched deltas, turnUpdated).
import type { ExtensionMessage, Turn } from '../../src/core/protocol';
import { chatPageMarkup } from '../../src/features/chat/chatPageMarkup';

declare global {
  interface Window {
    acquireVsCodeApi(): { postMessage(message: unknown): void; getState(): unknown; setState(state: unknown): void };
    benchReady: Promise<void>;
    benchStream(text: string, batchChars: number): Promise<{ batches: number; firstDeltaMs: number; maxDeltaMs: number; finishMs: number }>;
  }
}

window.acquireVsCodeApi = () => ({ postMessage: () => undefined, getState: () => undefined, setState: () => undefined });
document.body.innerHTML = chatPageMarkup;
window.benchReady = import('../../media/chat/main').then(() => undefined);

function deliver(message: ExtensionMessage): number {
  const started = performance.now();
  window.dispatchEvent(new MessageEvent('message', { data: message }));
  void document.getElementById('transcript')?.scrollHeight; // layout is part of the cost
  return performance.now() - started;
}

/** Yields to the event loop without setTimeout's 4 ms clamp, so each batch is its own task. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

window.benchStream = async (text, batchChars) => {
  const answer: Turn = { id: 'answer', role: 'assistant', text: '', createdAt: 0, status: 'streaming' };
  deliver({ type: 'state', conversation: { id: 'bench', title: 'bench', turns: [] }, chips: [], busy: true, model: 'bench', commands: [] });
  deliver({ type: 'turnAdded', turn: { id: 'question', role: 'user', text: 'Walk me through it.', createdAt: 0 } });
  deliver({ type: 'turnAdded', turn: answer });
  await nextTask();
  let firstDeltaMs = 0;
  let maxDeltaMs = 0;
  let batches = 0;
  for (let at = 0; at < text.length; at += batchChars) {
    const ms = deliver({ type: 'delta', turnId: answer.id, text: text.slice(at, at + batchChars) });
    if (batches === 0) firstDeltaMs = ms;
    maxDeltaMs = Math.max(maxDeltaMs, ms);
    batches++;
    await nextTask();
  }
  const finishMs = deliver({ type: 'turnUpdated', turn: { ...answer, text, status: 'done', metrics: { model: 'bench', totalMs: 1, tokensIn: 1, tokensOut: 1, usageSource: 'estimate' } } });
  await nextTask();
  return { batches, firstDeltaMs, maxDeltaMs, finishMs };
};
