/* eslint-disable @typescript-eslint/no-require-imports -- require() is the lazy load of the validators that bundles correctly */
import type * as z from 'zod/mini';
import { defaultsForKind, providerPresets, type ProviderConfig, type ProviderKind } from './providerPresets';
import { quickProviderRules, quickScalarRules } from './quickAccept';
import { providerFields, settingDefaults, type ProviderField, type ScalarSettingKey } from './settingDefaults';

type Schemas = typeof import('./schema');
let loadedSchemas: Schemas | undefined;
/** The validators (zod), loaded by the first value quickAccept does not vouch for (usually an invalid one). */
const schemas = (): Schemas => (loadedSchemas ??= require('./schema') as Schemas);

export const settingsSection = 'tandem';

export interface TandemConfig {
  provider: ProviderConfig;
  providers: Readonly<Record<string, ProviderConfig>>;
  /** `totalMs`: the whole request, from sending to the last token (tandem.timeouts.totalSeconds). */
  timeouts: { connectMs: number; firstTokenMs: number; idleMs: number; totalMs: number };
  maxRetries: number;
  completions: CompletionsConfig;
  tests: TestsConfig;
  /** `tandem.ignore`: gitignore-style patterns of files Tandem never reads into a prompt. */
  ignore: readonly string[];
  agent: AgentConfig;
  /** `tandem.knowledge.enabled`: the workspace index for completions and the chat's #codebase. */
  knowledge: { enabled: boolean };
}

export interface AgentConfig {
  /** Globs over the whole command text that run without asking (destructive ones still ask). */
  allowedCommands: readonly string[];
  maxSteps: number;
  /** Tokens (in + out) one run of a task may use: a guard against runaway loops. */
  tokenBudget: number;
}

export interface TestsConfig {
  /** Command line that runs the tests, with ${file}/${testFile}; '' = detected from the project. */
  command: string;
  /** Fix rounds "Fix Failing Tests" may take (0..10). */
  maxFixRounds: number;
  /** Run the tests as soon as a generated test file is accepted. */
  autoRunAfterAccept: boolean;
}

export interface CompletionsConfig {
  enabled: boolean;
  /** Per-language switches by language id; a language not listed is on. */
  languages: Readonly<Record<string, boolean>>;
  /** After a whole suggestion is accepted, ask for the next one at once (tandem.completions.prefetch). */
  prefetch: boolean;
}

/** A setting that could not be used: shown to the user once, and its default used instead. */
export interface ConfigProblem {
  setting: string;
  message: string;
}

/** Reads a raw setting value by its key without the `tandem.` prefix (undefined when unset). */
export type SettingReader = (key: string) => unknown;

export interface ConfigReadResult {
  config: TandemConfig;
  problems: ConfigProblem[];
}

/**
 * Turns raw settings into a typed config. Never throws: each invalid value becomes a problem that
 * names the setting and what is wrong, and the default is used in its place.
 */
export function readConfig(read: SettingReader): ConfigReadResult {
  const problems: ConfigProblem[] = [];
  const scalar = <K extends ScalarSettingKey>(key: K): (typeof settingDefaults)[K] => {
    const fallback = settingDefaults[key];
    const raw = read(key);
    if (raw === undefined || raw === null) return fallback;
    const quick = quickScalarRules[key](raw);
    if (quick) return quick.value as (typeof settingDefaults)[K];
    const parsed = (schemas().scalarSettings[key].schema as z.ZodMiniType).safeParse(raw);
    if (parsed.success) return parsed.data as (typeof settingDefaults)[K];
    problems.push(problem(`${settingsSection}.${key}`, describeIssue(parsed.error), raw, fallback));
    return fallback;
  };

  const providers = readProviders(read('providers'), problems);
  let providerId = scalar('provider');
  if (!providers[providerId]) {
    problems.push({
      setting: `${settingsSection}.provider`,
      message: `${settingsSection}.provider: no provider named '${providerId}' (known: ${Object.keys(providers).join(', ')}). Using 'ollama'; define it under tandem.providers or pick one with "Tandem: Select Provider".`,
    });
    providerId = 'ollama';
  }
  const config: TandemConfig = {
    provider: providers[providerId] ?? buildProvider('ollama', {}),
    providers,
    timeouts: { connectMs: scalar('timeouts.connectMs'), firstTokenMs: scalar('timeouts.firstTokenMs'), idleMs: scalar('timeouts.idleMs'), totalMs: scalar('timeouts.totalSeconds') * 1000 },
    maxRetries: scalar('retries.maxRetries'),
    completions: {
      enabled: scalar('completions.enabled'),
      // The user's entries refine the defaults (turning markdown on keeps plaintext off).
      languages: { ...settingDefaults['completions.languages'], ...scalar('completions.languages') },
      prefetch: scalar('completions.prefetch'),
    },
    tests: { command: scalar('tests.command'), maxFixRounds: scalar('tests.maxFixRounds'), autoRunAfterAccept: scalar('tests.autoRunAfterAccept') },
    ignore: scalar('ignore'),
    knowledge: { enabled: scalar('knowledge.enabled') },
    agent: { allowedCommands: scalar('agent.allowedCommands'), maxSteps: scalar('agent.maxSteps'), tokenBudget: scalar('agent.tokenBudget') },
  };
  return { config, problems };
}

function readProviders(raw: unknown, problems: ConfigProblem[]): Record<string, ProviderConfig> {
  const result: Record<string, ProviderConfig> = {};
  for (const id of Object.keys(providerPresets)) result[id] = buildProvider(id, {});
  if (raw === undefined || raw === null) return result;
  if (!isPlainObject(raw)) {
    problems.push(problem(`${settingsSection}.providers`, 'expected an object mapping provider ids to their settings', raw, '{}'));
    return result;
  }
  for (const [id, entry] of Object.entries(raw)) {
    const setting = `${settingsSection}.providers.${id}`;
    if (!isPlainObject(entry)) {
      problems.push(problem(setting, 'expected an object with baseUrl, models, ...', entry, 'the built-in defaults'));
      continue;
    }
    const fields: Partial<Record<ProviderField, unknown>> = {};
    for (const [field, value] of Object.entries(entry)) {
      if (!(providerFields as readonly string[]).includes(field)) {
        problems.push({ setting: `${setting}.${field}`, message: `${setting}.${field}: unknown field (known: ${providerFields.join(', ')}); it is ignored.` });
        continue;
      }
      const quick = quickProviderRules[field as ProviderField](value);
      const parsed = quick ? { success: true as const, data: quick.value } : schemas().providerFieldSchemas[field as ProviderField].safeParse(value);
      if (parsed.success) fields[field as ProviderField] = parsed.data;
      else problems.push(problem(`${setting}.${field}`, describeIssue(parsed.error), value, 'the default'));
    }
    const provider = buildProvider(id, fields);
    if (!provider.baseUrl) {
      problems.push({ setting: `${setting}.baseUrl`, message: `${setting}.baseUrl: required for a provider that is not built in (e.g. "http://localhost:8080/v1"); provider '${id}' is unavailable until it is set.` });
      continue;
    }
    if (!provider.models.chat) {
      problems.push({ setting: `${setting}.models`, message: `${setting}.models.chat: required for a provider that is not built in (the model id, or the deployment name on Azure); provider '${id}' is unavailable until it is set.` });
      continue;
    }
    result[id] = provider;
  }
  return result;
}

function buildProvider(id: string, fields: Partial<Record<ProviderField, unknown>>): ProviderConfig {
  const kind = (fields.kind as ProviderKind | undefined) ?? providerPresets[id]?.kind ?? 'openai-compatible';
  const base = providerPresets[id] ?? defaultsForKind(kind);
  const models = (fields.models ?? {}) as Partial<ProviderConfig['models']>;
  const chat = models.chat ?? base.models.chat;
  return {
    ...base,
    id,
    kind,
    label: (fields.label as string | undefined) ?? base.label,
    baseUrl: stripTrailingSlash((fields.baseUrl as string | undefined) ?? base.baseUrl),
    // Edits follow the chat model unless set; completions keep their own (often a small base
    // model) and fall back to the chat model only when there is none.
    models: {
      chat,
      edit: models.edit ?? (models.chat ? chat : base.models.edit),
      completion: models.completion ?? (base.models.completion || chat),
    },
    contextWindow: (fields.contextWindow as number | undefined) ?? base.contextWindow,
    fimMode: (fields.fimMode as ProviderConfig['fimMode'] | undefined) ?? base.fimMode,
    headers: { ...(base.headers ?? {}), ...((fields.headers as Record<string, string> | undefined) ?? {}) },
    apiVersion: (fields.apiVersion as string | undefined) ?? base.apiVersion,
    streamUsage: (fields.streamUsage as boolean | undefined) ?? base.streamUsage,
    toolProtocol: (fields.toolProtocol as ProviderConfig['toolProtocol']) ?? base.toolProtocol ?? 'auto',
  };
}

function problem(setting: string, what: string, got: unknown, fallback: unknown): ConfigProblem {
  return { setting, message: `${setting}: ${what} (got ${preview(got)}). Using ${typeof fallback === 'string' && !/^(the |\{)/.test(fallback) ? `'${fallback}'` : String(fallback)} instead.` };
}

function describeIssue(error: z.core.$ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid value';
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message.replace(/^Invalid input: /, '')}`;
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stripTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
