// zod/mini: the same validation and messages as zod, at a fraction of its size. Loaded only for a
// value quickAccept.ts does not vouch for, usually an invalid one (see readConfig.ts).
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { fimModes, providerKinds } from './providerPresets';
import { settingDefaults, type ProviderField, type ScalarSettingKey } from './settingDefaults';

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
export const providerFieldSchemas: Record<ProviderField, z.ZodMiniType> = {
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
};

const milliseconds = (min: number, max: number) =>
  z.number().check(z.int('expected a whole number of milliseconds'), z.minimum(min, `expected at least ${min} ms`), z.maximum(max, `expected at most ${max} ms`));

/** Every scalar setting Tandem reads: key (without the `tandem.` prefix), schema and default. */
export const scalarSettings = {
  provider: { schema: z.string().check(z.trim(), z.minLength(1)), default: settingDefaults.provider },
  'timeouts.connectMs': { schema: milliseconds(100, 120_000), default: settingDefaults['timeouts.connectMs'] },
  'timeouts.firstTokenMs': { schema: milliseconds(1_000, 600_000), default: settingDefaults['timeouts.firstTokenMs'] },
  'timeouts.idleMs': { schema: milliseconds(1_000, 600_000), default: settingDefaults['timeouts.idleMs'] },
  'timeouts.totalSeconds': {
    schema: z.number().check(z.int('expected a whole number of seconds'), z.minimum(10, 'expected at least 10 seconds'), z.maximum(86_400, 'expected at most 86400 seconds (a day)')),
    default: settingDefaults['timeouts.totalSeconds'],
  },
  'retries.maxRetries': { schema: z.number().check(z.int(), z.minimum(0), z.maximum(10)), default: settingDefaults['retries.maxRetries'] },
  'completions.enabled': { schema: z.boolean(), default: settingDefaults['completions.enabled'] },
  'completions.languages': {
    schema: z.record(z.string().check(z.trim(), z.minLength(1, 'a language id cannot be empty')), z.boolean()),
    default: settingDefaults['completions.languages'],
  },
  'completions.prefetch': { schema: z.boolean(), default: settingDefaults['completions.prefetch'] },
  'knowledge.enabled': { schema: z.boolean(), default: settingDefaults['knowledge.enabled'] },
  'tests.command': { schema: z.string().check(z.trim()), default: settingDefaults['tests.command'] },
  'tests.maxFixRounds': { schema: z.number().check(z.int('expected a whole number of rounds'), z.minimum(0), z.maximum(10)), default: settingDefaults['tests.maxFixRounds'] },
  'tests.autoRunAfterAccept': { schema: z.boolean(), default: settingDefaults['tests.autoRunAfterAccept'] },
  'agent.allowedCommands': { schema: z.array(z.string().check(z.trim(), z.minLength(1, 'a pattern cannot be empty'))), default: settingDefaults['agent.allowedCommands'] },
  'agent.maxSteps': { schema: z.number().check(z.int('expected a whole number of steps'), z.minimum(1), z.maximum(500)), default: settingDefaults['agent.maxSteps'] },
  'agent.tokenBudget': { schema: z.number().check(z.int('expected a whole number of tokens'), z.minimum(10_000), z.maximum(100_000_000)), default: settingDefaults['agent.tokenBudget'] },
  ignore: { schema: z.array(z.string().check(z.trim(), z.minLength(1, 'a pattern cannot be empty'))), default: settingDefaults.ignore },
} as const satisfies Record<ScalarSettingKey, { schema: z.ZodMiniType; default: unknown }>;
