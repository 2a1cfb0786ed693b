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

declare global {
  interface Window {
    benchAgent(steps: number, outputBytes: number): Promise<{ messages: number; maxMessageMs: number }>;
  }
}

/**
 * Agent mode: a task of `steps` steps, each with the model's words, a command whose output
 * (`outputBytes` in all, coloured) arrives in the extension's 100 ms batches while its card is
 * open, and the result; then the stop and the summary.
 */
window.benchAgent = async (steps, outputBytes) => {
  let maxMessageMs = 0;
  let messages = 0;
  const send = async (message: ExtensionMessage) => {
    maxMessageMs = Math.max(maxMessageMs, deliver(message));
    messages++;
    await nextTask();
  };
  const taskId = 'bench-task';
  await send({ type: 'agentMode', mode: 'agent', readOnly: false });
  await send({ type: 'agentTask', task: { id: taskId, task: 'bench', status: 'running', events: [{ type: 'user', text: 'Make the tests pass.' }], checkpoints: [], restores: [] } });
  const line = '\u001b[32m✓\u001b[0m src/module/file.test.ts > parses the input and returns a value \u001b[2m(3 ms)\u001b[22m\n';
  const perStep = Math.floor(outputBytes / steps);
  const chunk = 4_096;
  for (let step = 1; step <= steps; step++) {
    const id = `call-${step}`;
    await send({ type: 'agentEvents', taskId, events: [{ type: 'step', step }, { type: 'assistant', step, text: `Step ${step}: running the **tests** again after \`fix ${step}\`.` }, { type: 'toolCall', step, id, name: 'run_command', arguments: { command: 'npm test' } }] });
    document.querySelector<HTMLButtonElement>(`[data-call="${id}"] .agent-card-head`)?.click();
    await send({ type: 'agentStatus', taskId, status: { running: true, step, maxSteps: 100, tokens: step * 1_500, activity: 'running npm test', activityMs: 0 } });
    const output = line.repeat(Math.ceil(perStep / line.length)).slice(0, perStep);
    for (let at = 0; at < output.length; at += chunk) await send({ type: 'agentEvents', taskId, events: [{ type: 'output', step, id, text: output.slice(at, at + chunk) }] });
    await send({ type: 'agentEvents', taskId, events: [{ type: 'toolResult', step, id, name: 'run_command', ok: true, refused: false, summary: 'ran npm test: exit code 0', durationMs: 1_200, command: { command: 'npm test', exitCode: 0 } }] });
  }
  await send({ type: 'agentEvents', taskId, events: [{ type: 'stop', reason: 'finished', message: 'Done.' }, { type: 'summary', summary: { steps, filesChanged: ['src/a.ts'], commandsRun: Array.from({ length: steps }, () => ({ command: 'npm test', exitCode: 0 })), tokens: { input: steps * 1_000, output: steps * 500 } } }] });
  await send({ type: 'agentStatus', taskId, status: { running: false, step: steps, maxSteps: 100, tokens: steps * 1_500, activity: '', activityMs: 0 } });
  return { messages, maxMessageMs };
};
