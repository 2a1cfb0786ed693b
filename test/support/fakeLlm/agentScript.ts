// Scripted agent sessions for the fake model server: one rule per model turn (matched by the
// number of assistant messages already in the request), in the native protocol (tool-call deltas,
// parallel calls, arguments split across chunks) or the text protocol (with the mistakes small
// models make), plus misbehaving agents: loops, invalid arguments, path escapes, destructive
// commands, huge outputs.
import type { FakeRule, FakeToolCall } from './types';

export interface AgentCall {
  name: string;
  /** An object (sent as JSON) or raw argument text exactly as the model writes it (e.g. broken JSON). */
  args: unknown;
}

export interface AgentTurn {
  text?: string;
  calls?: AgentCall[];
}

export interface SessionOptions {
  /** Only requests whose last user message matches (several sessions on one server). */
  lastUser?: string | RegExp;
}

function argumentsText(args: unknown): string {
  return typeof args === 'string' ? args : JSON.stringify(args);
}

/** Native tool calls: turn i answers the request that already holds i assistant messages. */
export function nativeAgentSession(turns: readonly AgentTurn[], options: SessionOptions = {}): FakeRule[] {
  return turns.map((turn, i) => ({
    match: { endpoint: 'chat', turn: i, tools: true, ...(options.lastUser !== undefined ? { lastUser: options.lastUser } : {}) },
    reply: {
      ...(turn.text !== undefined ? { text: turn.text } : {}),
      ...(turn.calls?.length ? { toolCalls: turn.calls.map((c): FakeToolCall => ({ name: c.name, arguments: argumentsText(c.args) })) } : {}),
    },
  }));
}

/** Text-protocol replies (the request offers no tools): each turn's reply text as given. */
export function textAgentSession(replies: readonly string[], options: SessionOptions = {}): FakeRule[] {
  return replies.map((text, i) => ({
    match: { endpoint: 'chat', turn: i, tools: false, ...(options.lastUser !== undefined ? { lastUser: options.lastUser } : {}) },
    reply: { text },
  }));
}

/** The ways small models write a text-protocol call. */
export const textCall = {
  tagged: (name: string, args: unknown) => `<tool_call>\n${JSON.stringify({ name, arguments: args })}\n</tool_call>`,
  missingClosingTag: (name: string, args: unknown) => `<tool_call>\n${JSON.stringify({ name, arguments: args })}\n`,
  fencedJson: (name: string, args: unknown) => `\`\`\`json\n${JSON.stringify({ name, arguments: args }, null, 2)}\n\`\`\``,
  xmlTags: (name: string, args: Record<string, string | number | boolean>) =>
    `<${name}>\n${Object.entries(args).map(([k, v]) => `<${k}>${String(v)}</${k}>`).join('\n')}\n</${name}>`,
  trailingProse: (name: string, args: unknown) => `I will look at it first.\n<tool_call>\n${JSON.stringify({ name, arguments: args })}\n</tool_call>\nThen I will fix the bug and run the tests.`,
  trailingComma: (name: string, args: Record<string, unknown>) => `<tool_call>\n{"name": "${name}", "arguments": ${JSON.stringify(args).replace(/}$/, ',}')},}\n</tool_call>`,
  malformed: () => '<tool_call>\n{"name": "read_file", "arguments": {"path": src/app.ts}}\n</tool_call>',
};

/** A server without tool support answering a request that offers `tools` (Ollama's 400). */
export function rejectsTools(model = 'fake-chat'): FakeRule {
  return {
    match: { endpoint: 'chat', tools: true },
    fault: { kind: 'status', status: 400, body: { error: { message: `registry.ollama.ai/library/${model} does not support tools`, type: 'api_error', param: null, code: null } } },
  };
}

/** A model stuck in a loop: the same call on every turn, forever. */
export function loopingAgent(call: AgentCall): FakeRule {
  return { match: { endpoint: 'chat' }, reply: { toolCalls: [{ name: call.name, arguments: argumentsText(call.args) }] } };
}

/** Misbehaving agents, each a single turn to put in a session. */
export const misbehaving = {
  invalidArguments: (): AgentTurn => ({ calls: [{ name: 'read_file', args: '{"path": 42, "startLine": "x"' }] }),
  unknownTool: (): AgentTurn => ({ calls: [{ name: 'format_disk', args: {} }] }),
  pathEscape: (): AgentTurn => ({ calls: [{ name: 'read_file', args: { path: '../../etc/passwd' } }] }),
  absolutePath: (): AgentTurn => ({ calls: [{ name: 'write_file', args: { path: '/tmp/tandem-escape.txt', content: 'x' } }] }),
  secretFile: (): AgentTurn => ({ calls: [{ name: 'read_file', args: { path: '.env' } }] }),
  destructiveCommand: (): AgentTurn => ({ calls: [{ name: 'run_command', args: { command: 'rm -rf src' } }] }),
  gitReset: (): AgentTurn => ({ calls: [{ name: 'run_command', args: { command: 'git reset --hard HEAD~1' } }] }),
  hugeOutput: (bytes = 5 * 1024 * 1024): AgentTurn => ({ calls: [{ name: 'run_command', args: { command: `node -e "process.stdout.write('x'.repeat(${bytes}))"` } }] }),
};
