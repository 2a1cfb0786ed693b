// zod/mini: the same validation and messages as zod, at a fraction of the start-up cost (settings
// are read during activation, which has a 50 ms budget).
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { fimModes, providerKinds } from './providerPresets';

/** A model id as the server names it; whitespace around it is a copy-paste accident. */
z.config(en());

const modelId = z.string().check(z.trim(), z.minLength(1, 'a model id cannot be empty'));

const httpUrl = z.string().check(
  z.trim(),
  z.refine((value) => {
    try {
      const { protocol } = new URL(value);
      return protocol === 'http:' || protocol === 'https:';
    } catch {
      return false;
    }
  }, 'expected an http:// or https:// URL, e.g. http://localhost:11434/v1'),
);

/**
 * One provider entry of `tandem.providers`. Each field is validated on its own (see readConfig) so
 * a typo in one field never discards the rest of the entry.
 */
export const providerFieldSchemas = {
  kind: z.enum(providerKinds),
  label: z.string().check(z.trim(), z.minLength(1)),
  baseUrl: httpUrl,
  models: z.strictObject({ chat: z.optional(modelId), edit: z.optional(modelId), completion: z.optional(modelId) }),
  contextWindow: z.number().check(z.int('expected a whole number of tokens'), z.minimum(512), z.maximum(100_000_000)),
  fimMode: z.enum(fimModes),
  headers: z.record(z.string().check(z.minLength(1)), z.string()),
  apiVersion: z.string().check(z.trim(), z.minLength(1)),
  streamUsage: z.boolean(),
  // How the agent offers tools: auto = native tool calls, the text protocol if the server rejects them.
  toolProtocol: z.enum(['auto', 'native', 'text']),
} as const;

export type ProviderField = keyof typeof providerFieldSchemas;

const milliseconds = (min: number, max: number) =>
  z.number().check(z.int('expected a whole number of milliseconds'), z.minimum(min, `expected at least ${min} ms`), z.maximum(max, `expected at most ${max} ms`));

/** Every scalar setting Tandem reads: key (without the `tandem.` prefix), schema and default. */
export const scalarSettings = {
  provider: { schema: z.string().check(z.trim(), z.minLength(1)), default: 'ollama' },
  'timeouts.connectMs': { schema: milliseconds(100, 120_000), default: 5_000 },
  'timeouts.firstTokenMs': { schema: milliseconds(1_000, 600_000), default: 60_000 },
  'timeouts.idleMs': { schema: milliseconds(1_000, 600_000), default: 30_000 },
  // The whole answer, however steadily it streams: a server that never stops must not hang Tandem.
  // 10 minutes fits a long answer from a slow local model (8k tokens at ~15 tokens/s).
  'timeouts.totalSeconds': {
    schema: z.number().check(z.int('expected a whole number of seconds'), z.minimum(10, 'expected at least 10 seconds'), z.maximum(86_400, 'expected at most 86400 seconds (a day)')),
    default: 600,
  },
  'retries.maxRetries': { schema: z.number().check(z.int(), z.minimum(0), z.maximum(10)), default: 2 },
  'completions.enabled': { schema: z.boolean(), default: true },
  // Prose is where ghost text distracts more than it helps; every other language is on.
  'completions.languages': {
    schema: z.record(z.string().check(z.trim(), z.minLength(1, 'a language id cannot be empty')), z.boolean()),
    default: { markdown: false, plaintext: false, scminput: false } as Readonly<Record<string, boolean>>,
  },
  // After a whole suggestion is accepted, ask for the next one at once: off saves the server a request per accept.
  'completions.prefetch': { schema: z.boolean(), default: true },
  // The workspace index (completions' cross-file definitions, #codebase in the chat): read locally, sent only through the gate.
  'knowledge.enabled': { schema: z.boolean(), default: true },
  // '' = the command detected from the project (framework, npm test script).
  'tests.command': { schema: z.string().check(z.trim()), default: '' },
  'tests.maxFixRounds': { schema: z.number().check(z.int('expected a whole number of rounds'), z.minimum(0), z.maximum(10)), default: 3 },
  'tests.autoRunAfterAccept': { schema: z.boolean(), default: false },
  // Commands the agent may run without asking (globs over the whole command); deny rules still win.
  'agent.allowedCommands': { schema: z.array(z.string().check(z.trim(), z.minLength(1, 'a pattern cannot be empty'))), default: [] as readonly string[] },
  'agent.maxSteps': { schema: z.number().check(z.int('expected a whole number of steps'), z.minimum(1), z.maximum(500)), default: 25 },
  // Every step resends the conversation: 25 steps of a 32k prompt are 800k tokens, an ordinary task.
  'agent.tokenBudget': { schema: z.number().check(z.int('expected a whole number of tokens'), z.minimum(10_000), z.maximum(100_000_000)), default: 1_000_000 },
  // Keys and env files never reach a prompt; .gitignore files are respected on top of these.
  ignore: { schema: z.array(z.string().check(z.trim(), z.minLength(1, 'a pattern cannot be empty'))), default: ['.env', '.env.*', '*.pem', '*.key', 'id_rsa*'] as readonly string[] },
} as const;

export type ScalarSettingKey = keyof typeof scalarSettings;
