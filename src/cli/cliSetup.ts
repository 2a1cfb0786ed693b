import { statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { providerPresets, readConfig, type TandemConfig } from '../core/config';
import { providerFieldSchemas } from '../core/config/schema';
import { LlmClient } from '../core/llm';
import { redactingLogger, type Logger } from '../core/logger';
import { forCommandLine } from './commandLineWording';
import { readSettingsFile, type SettingsFile } from './settingsFile';

/**
 * The options every command shares, parsed once for the whole command line: where the project
 * and its settings are, and which server and model to use. Precedence, for each value:
 * command-line flag > environment variable > settings file > built-in default.
 */
export const globalOptionsHelp = `Global options (any command, anywhere on the line):
  --cwd DIR           the project folder (default: the current folder)
  --settings FILE     settings JSON with tandem.* keys (default: DIR/.vscode/settings.json);
                      FILE is relative to the current folder and must exist
  --provider ID       a provider: ollama, lmstudio, llamacpp, vllm, openai, openrouter, or
                      one defined under tandem.providers        (env TANDEM_PROVIDER)
  --base-url URL      the server's OpenAI-compatible base URL, e.g. http://localhost:8000/v1
                                                                (env TANDEM_BASE_URL)
  --model ID          the model for every request of this command (env TANDEM_MODEL)
  --verbose           log requests and timings to standard error

Each setting is taken from the first place that has it: the flag, the environment variable,
the settings file (tandem.provider, tandem.providers.<id>.baseUrl / models), the built-in
default (Ollama at http://localhost:11434/v1). A --base-url without a provider is a generic
OpenAI-compatible server. The API key comes from TANDEM_API_KEY; for the openai provider also
from OPENAI_API_KEY (and its address from OPENAI_BASE_URL), which is never sent elsewhere.`;

const globalOptionSpec = {
  cwd: { type: 'string' }, settings: { type: 'string' }, provider: { type: 'string' }, 'base-url': { type: 'string' },
  model: { type: 'string' }, verbose: { type: 'boolean' },
} as const;

export interface GlobalOptions {
  cwd?: string;
  settings?: string;
  provider?: string;
  baseUrl?: string;
  model?: string;
  verbose: boolean;
}

/** A command line that cannot be run as written: printed with the usage, exit code 2. */
export class UsageError extends Error {}

/** Takes the global options out of `argv` wherever they stand; the rest goes to the command, in order. */
export function splitGlobalOptions(argv: readonly string[]): { globals: GlobalOptions; rest: string[] } {
  const { tokens } = parseArgs({ args: [...argv], options: globalOptionSpec, strict: false, allowPositionals: true, tokens: true });
  const globals: GlobalOptions = { verbose: false };
  const taken = new Set<number>();
  let terminated = false;
  for (const token of tokens) {
    if (token.kind === 'option-terminator') terminated = true;
    if (terminated || token.kind !== 'option' || !(token.name in globalOptionSpec)) continue;
    taken.add(token.index);
    if (token.name === 'verbose') {
      globals.verbose = true;
      continue;
    }
    if (token.value === undefined) throw new UsageError(`--${token.name} needs a value`);
    if (!token.inlineValue) taken.add(token.index + 1);
    const key = token.name === 'base-url' ? 'baseUrl' : (token.name as Exclude<keyof GlobalOptions, 'verbose' | 'baseUrl'>);
    globals[key] = token.value;
  }
  return { globals, rest: argv.filter((_, index) => !taken.has(index)) };
}

/** Where a value came from, in words a user can act on. */
type Source = { kind: 'flag' | 'env' | 'file' | 'default'; name: string };

export interface CliSetup {
  root: string;
  settings: SettingsFile;
  config: TandemConfig;
  apiKey: string | undefined;
  verbose: boolean;
  /** Where the provider and its address came from (for "no server" messages). */
  origin: { provider: Source; baseUrl: Source };
  /** Settings problems and notes, already worded for the terminal. */
  warnings: string[];
}

type Env = Readonly<Record<string, string | undefined>>;

/** Resolves the project folder, the settings and the server for one command. Throws UsageError. */
export function resolveSetup(globals: GlobalOptions, env: Env, cwd: string): CliSetup {
  const root = path.resolve(cwd, globals.cwd ?? '.');
  if (!isFolder(root)) throw new UsageError(`--cwd ${globals.cwd}: ${root} is not a folder`);
  const settings = readSettingsFile(globals.settings, cwd, root);
  if (settings.error && globals.settings !== undefined) throw new UsageError(settings.error);
  const warnings = settings.error ? [settings.error] : [];
  const fileName = settings.source ?? path.join(root, '.vscode', 'settings.json');

  const fileProvider = stringSetting(settings.read('provider'));
  const provider = pick<string>([[globals.provider, { kind: 'flag', name: '--provider' }], [nonEmpty(env.TANDEM_PROVIDER), { kind: 'env', name: 'TANDEM_PROVIDER' }], [fileProvider, { kind: 'file', name: `tandem.provider in ${fileName}` }]]);
  let baseUrl = pick<string>([[globals.baseUrl, { kind: 'flag', name: '--base-url' }], [nonEmpty(env.TANDEM_BASE_URL), { kind: 'env', name: 'TANDEM_BASE_URL' }]]);
  const model = globals.model ?? nonEmpty(env.TANDEM_MODEL);
  const fileProviders = objectSetting(settings.read('providers'));
  // A bare --base-url is a generic OpenAI-compatible server, not the default Ollama.
  const providerId = provider?.value ?? (baseUrl ? 'cli' : 'ollama');
  const fileEntry = objectSetting(fileProviders[providerId]);
  const kind = stringSetting(fileEntry.kind) ?? providerPresets[providerId]?.kind ?? 'openai-compatible';
  if (!baseUrl && kind === 'openai' && nonEmpty(env.OPENAI_BASE_URL)) baseUrl = { value: env.OPENAI_BASE_URL!, source: { kind: 'env', name: 'OPENAI_BASE_URL' } };
  if (baseUrl && !providerFieldSchemas.baseUrl.safeParse(baseUrl.value).success) {
    throw new UsageError(`${baseUrl.source.name} ${JSON.stringify(baseUrl.value)}: expected an http:// or https:// URL, e.g. http://localhost:8000/v1`);
  }
  if (provider && provider.source.kind !== 'file' && !providerPresets[providerId] && !fileProviders[providerId] && !baseUrl) {
    const known = [...new Set([...Object.keys(providerPresets), ...Object.keys(fileProviders)])].join(', ');
    throw new UsageError(`${provider.source.name} ${providerId}: no such provider (known: ${known}); define it under tandem.providers in the settings file, or give its address with --base-url`);
  }

  const entry: Record<string, unknown> = { ...fileEntry };
  if (baseUrl) entry.baseUrl = baseUrl.value;
  if (model) entry.models = { chat: model, edit: model, completion: model };
  else if (!providerPresets[providerId] && !objectSetting(fileEntry.models).chat) entry.models = { chat: 'default' };
  const { config, problems } = readConfig((key) => {
    if (key === 'provider') return providerId;
    if (key === 'providers') return { ...fileProviders, [providerId]: entry };
    return settings.read(key);
  });
  warnings.push(...problems.map((p) => forCommandLine(p.message)));

  const apiKey = chooseApiKey(config, env, baseUrl?.source.name === 'OPENAI_BASE_URL', warnings);
  // A provider the settings file names but does not define falls back to Ollama (with a warning).
  const used = config.provider.id === providerId;
  const baseUrlSource: Source = (used ? baseUrl?.source : undefined)
    ?? (used && typeof fileEntry.baseUrl === 'string' ? { kind: 'file', name: `tandem.providers.${providerId}.baseUrl in ${fileName}` } : { kind: 'default', name: `the ${config.provider.label} preset's address` });
  return {
    root, settings, config, apiKey, verbose: globals.verbose, warnings,
    origin: { provider: (used ? provider?.source : undefined) ?? { kind: 'default', name: 'the default provider (Ollama)' }, baseUrl: baseUrlSource },
  };
}

/** TANDEM_API_KEY for any server; OPENAI_API_KEY only for OpenAI itself (or the address set beside it). */
function chooseApiKey(config: TandemConfig, env: Env, urlFromOpenAiEnv: boolean, warnings: string[]): string | undefined {
  const tandemKey = nonEmpty(env.TANDEM_API_KEY);
  if (tandemKey) return tandemKey;
  const openAiKey = nonEmpty(env.OPENAI_API_KEY);
  if (!openAiKey || config.provider.kind !== 'openai') return undefined;
  if (urlFromOpenAiEnv || hostOf(config.provider.baseUrl) === 'api.openai.com') return openAiKey;
  warnings.push(`OPENAI_API_KEY is not sent to ${hostOf(config.provider.baseUrl)} (it is meant for OpenAI); set TANDEM_API_KEY for that server.`);
  return undefined;
}

export function createCliClient(setup: CliSetup, logger: Logger): LlmClient {
  const { config } = setup;
  return new LlmClient({ provider: config.provider, apiKey: setup.apiKey, timeouts: config.timeouts, maxRetries: config.maxRetries, logger, userAgent: 'Tandem-CLI' });
}

/** Requests and timings with --verbose, errors always; the API key never. */
export function cliLogger(setup: Pick<CliSetup, 'apiKey' | 'verbose'>, write: (text: string) => void): Logger {
  const line = (level: string) => (message: string) => {
    if (setup.verbose || level === 'error') write(`[${level}] ${message}\n`);
  };
  const inner: Logger = { trace: line('trace'), debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };
  return redactingLogger(inner, () => (setup.apiKey ? [setup.apiKey] : []));
}

/**
 * For failures to reach the server: which address was used, where it came from, and the three
 * ways to change it. With no settings at all the CLI talks to Ollama's default address, which
 * surprises anyone who runs another server.
 */
export function serverOriginHint(setup: CliSetup): string {
  const { origin, config } = setup;
  const url = config.provider.baseUrl;
  const from = origin.baseUrl.kind === 'default'
    ? `${url} is ${origin.baseUrl.name}, used because no --base-url, TANDEM_BASE_URL or tandem.providers.${config.provider.id}.baseUrl in ${setup.settings.source ?? `${path.join(setup.root, '.vscode', 'settings.json')} (no such file)`} says otherwise`
    : `${url} comes from ${origin.baseUrl.name}`;
  const which = origin.provider.kind === 'default' ? '' : ` (provider '${config.provider.id}' from ${origin.provider.name})`;
  return `The address ${from}${which}. To use another server: --base-url URL (and --model ID), the TANDEM_BASE_URL environment variable, or "tandem.provider"/"tandem.providers" in the settings file (--settings FILE).`;
}

function pick<T>(candidates: Array<[T | undefined, Source]>): { value: T; source: Source } | undefined {
  for (const [value, source] of candidates) if (value !== undefined) return { value, source };
  return undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function stringSetting(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function objectSetting(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function isFolder(folder: string): boolean {
  try {
    return statSync(folder).isDirectory();
  } catch {
    return false;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** An engine failure as the terminal shows it: CLI wording, and where the address came from when the server was not reached. */
export function describeCliFailure(error: unknown, setup: CliSetup | undefined): string {
  const isLlm = error instanceof Error && error.name === 'LlmError';
  const message = forCommandLine(error instanceof Error ? error.message : String(error));
  const kind = isLlm ? (error as { kind?: string }).kind : undefined;
  if (!setup || (kind !== 'unreachable' && kind !== 'connectTimeout')) return message;
  return `${message}\n${serverOriginHint(setup)}`;
}
