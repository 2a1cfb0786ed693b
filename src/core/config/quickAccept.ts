// Settings that are plainly valid, accepted without zod: the validators (schema.ts) load only for a
// value this module does not vouch for, so a user's ordinary settings cost activation nothing.
// Each rule accepts a subset of what its schema accepts and returns what the schema would return
// (quickAccept.test compares both over a corpus); anything else goes to the schema, which decides
// and words the message.
import { fimModes, providerKinds } from './providerPresets';
import type { ProviderField, ScalarSettingKey } from './settingDefaults';

/** The value as its schema would return it, or undefined: "ask the schema". */
type Rule = (value: unknown) => { value: unknown } | undefined;

const trimmedText = (allowEmpty: boolean): Rule => (value) => {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return allowEmpty || trimmed.length > 0 ? { value: trimmed } : undefined;
};

const wholeNumber = (min: number, max: number): Rule => (value) =>
  (typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max ? { value } : undefined);

const flag: Rule = (value) => (typeof value === 'boolean' ? { value } : undefined);

const oneOf = (options: readonly string[]): Rule => (value) => (typeof value === 'string' && options.includes(value) ? { value } : undefined);

const patterns: Rule = (value) => {
  if (!Array.isArray(value)) return undefined;
  const items = value.map(trimmedText(false));
  return items.every((item) => item !== undefined) ? { value: items.map((item) => item?.value) } : undefined;
};

/** A plain object whose keys need no trimming and whose values all pass `rule`. */
const recordOf = (rule: Rule): Rule => (value) => {
  if (!isPlainRecord(value)) return undefined;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const accepted = key.length > 0 && key.trim() === key ? rule(item) : undefined;
    if (!accepted) return undefined;
    result[key] = accepted.value;
  }
  return { value: result };
};

const httpUrl: Rule = (value) => {
  const text = trimmedText(false)(value);
  if (!text) return undefined;
  try {
    const { protocol } = new URL(text.value as string);
    return protocol === 'http:' || protocol === 'https:' ? text : undefined;
  } catch {
    return undefined;
  }
};

const modelRoles: Rule = (value) => {
  if (!isPlainRecord(value)) return undefined;
  const result: Record<string, unknown> = {};
  for (const [role, model] of Object.entries(value)) {
    const accepted = role === 'chat' || role === 'edit' || role === 'completion' ? trimmedText(false)(model) : undefined;
    if (!accepted) return undefined;
    result[role] = accepted.value;
  }
  return { value: result };
};

const stringValue: Rule = (value) => (typeof value === 'string' ? { value } : undefined);

export const quickScalarRules: Record<ScalarSettingKey, Rule> = {
  provider: trimmedText(false),
  'timeouts.connectMs': wholeNumber(100, 120_000),
  'timeouts.firstTokenMs': wholeNumber(1_000, 600_000),
  'timeouts.idleMs': wholeNumber(1_000, 600_000),
  'timeouts.totalSeconds': wholeNumber(10, 86_400),
  'retries.maxRetries': wholeNumber(0, 10),
  'completions.enabled': flag,
  'completions.languages': recordOf(flag),
  'completions.prefetch': flag,
  'knowledge.enabled': flag,
  'tests.command': trimmedText(true),
  'tests.maxFixRounds': wholeNumber(0, 10),
  'tests.autoRunAfterAccept': flag,
  'agent.allowedCommands': patterns,
  'agent.maxSteps': wholeNumber(1, 500),
  'agent.tokenBudget': wholeNumber(10_000, 100_000_000),
  ignore: patterns,
};

export const quickProviderRules: Record<ProviderField, Rule> = {
  kind: oneOf(providerKinds),
  label: trimmedText(false),
  baseUrl: httpUrl,
  models: modelRoles,
  contextWindow: wholeNumber(512, 100_000_000),
  fimMode: oneOf(fimModes),
  headers: recordOf(stringValue),
  apiVersion: trimmedText(false),
  streamUsage: flag,
  toolProtocol: oneOf(['auto', 'native', 'text']),
};

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}
