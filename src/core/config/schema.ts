import * as z from 'zod';
import { fimModes, providerKinds } from './providerPresets';

/** A model id as the server names it; whitespace around it is a copy-paste accident. */
const modelId = z.string().trim().min(1, 'a model id cannot be empty');

const httpUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const { protocol } = new URL(value);
      return protocol === 'http:' || protocol === 'https:';
    } catch {
      return false;
    }
  }, 'expected an http:// or https:// URL, e.g. http://localhost:11434/v1');

/**
 * One provider entry of `tandem.providers`. Each field is validated on its own (see readConfig) so
 * a typo in one field never discards the rest of the entry.
 */
export const providerFieldSchemas = {
  kind: z.enum(providerKinds),
  label: z.string().trim().min(1),
  baseUrl: httpUrl,
  models: z.object({ chat: modelId.optional(), edit: modelId.optional(), completion: modelId.optional() }).strict(),
  contextWindow: z.number().int('expected a whole number of tokens').min(512).max(100_000_000),
  fimMode: z.enum(fimModes),
  headers: z.record(z.string().min(1), z.string()),
  apiVersion: z.string().trim().min(1),
  streamUsage: z.boolean(),
} as const;

export type ProviderField = keyof typeof providerFieldSchemas;

const milliseconds = (min: number, max: number) =>
  z.number().int('expected a whole number of milliseconds').min(min, `expected at least ${min} ms`).max(max, `expected at most ${max} ms`);

/** Every scalar setting Tandem reads: key (without the `tandem.` prefix), schema and default. */
export const scalarSettings = {
  provider: { schema: z.string().trim().min(1), default: 'ollama' },
  'timeouts.connectMs': { schema: milliseconds(100, 120_000), default: 5_000 },
  'timeouts.firstTokenMs': { schema: milliseconds(1_000, 600_000), default: 60_000 },
  'timeouts.idleMs': { schema: milliseconds(1_000, 600_000), default: 30_000 },
  'retries.maxRetries': { schema: z.number().int().min(0).max(10), default: 2 },
  'completions.enabled': { schema: z.boolean(), default: true },
  // Prose is where ghost text distracts more than it helps; every other language is on.
  'completions.languages': {
    schema: z.record(z.string().trim().min(1, 'a language id cannot be empty'), z.boolean()),
    default: { markdown: false, plaintext: false, scminput: false } as Readonly<Record<string, boolean>>,
  },
} as const;

export type ScalarSettingKey = keyof typeof scalarSettings;
