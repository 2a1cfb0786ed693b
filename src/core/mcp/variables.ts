// ${...} in a server's command, args, env, cwd, url and headers: VS Code's variables plus Tandem's
// ${secret:NAME}. Secret values are resolved only when the server starts, kept out of logs, and
// never written back to a file.
import type { McpInput } from './config';

/** Where secret values come from: VS Code's SecretStorage, or the environment in the CLI. */
export interface McpSecrets {
  get(key: string): Promise<string | undefined>;
  store(key: string, value: string): Promise<void>;
  /** Asks the user once (an input box, a terminal prompt); undefined when cancelled or nobody can be asked. */
  ask(request: { key: string; prompt: string; password: boolean; default?: string; options?: string[] }): Promise<string | undefined>;
}

export interface VariableContext {
  workspaceFolder: string | undefined;
  userHome: string;
  env: Readonly<Record<string, string | undefined>>;
  inputs: readonly McpInput[];
  secrets: McpSecrets;
  /** Every secret value resolved, so logs and messages can hide it. */
  resolvedSecrets: Set<string>;
}

/** A value could not be resolved: the message names the variable and how to provide it. */
export class UnresolvedVariable extends Error {}

const variablePattern = /\$\{([A-Za-z]+)(?::([^}]+))?\}/g;

/** The storage key of a `${secret:NAME}` value or an `${input:id}` answer. */
export function secretKey(kind: 'secret' | 'input', name: string): string {
  return `tandem.mcp.${kind}.${name}`;
}

export async function resolveVariables(text: string, ctx: VariableContext, where: string): Promise<string> {
  const matches = [...text.matchAll(variablePattern)];
  if (matches.length === 0) return text;
  let result = '';
  let last = 0;
  for (const match of matches) {
    result += text.slice(last, match.index);
    result += await resolveOne(match[1] ?? '', match[2], ctx, where);
    last = (match.index ?? 0) + match[0].length;
  }
  return result + text.slice(last);
}

async function resolveOne(kind: string, arg: string | undefined, ctx: VariableContext, where: string): Promise<string> {
  switch (kind) {
    case 'workspaceFolder':
      if (ctx.workspaceFolder === undefined) throw new UnresolvedVariable(`${where} uses \${workspaceFolder}, but no folder is open.`);
      return ctx.workspaceFolder;
    case 'userHome': return ctx.userHome;
    case 'pathSeparator': return process.platform === 'win32' ? '\\' : '/';
    case 'env': return (arg && ctx.env[arg]) ?? '';
    case 'secret': {
      if (!arg) throw new UnresolvedVariable(`${where}: \${secret:} needs a name, e.g. \${secret:GITHUB_TOKEN}.`);
      return await secretValue(ctx, secretKey('secret', arg), { prompt: `Value of the secret "${arg}" (${where}); kept in secret storage`, password: true }, `\${secret:${arg}}`, where);
    }
    case 'input': {
      if (!arg) throw new UnresolvedVariable(`${where}: \${input:} needs an input id.`);
      const input = ctx.inputs.find((i) => i.id === arg);
      if (!input) throw new UnresolvedVariable(`${where} uses \${input:${arg}}, but no entry of "inputs" has the id "${arg}".`);
      return await secretValue(ctx, secretKey('input', arg), {
        prompt: input.description, password: input.password,
        ...(input.default !== undefined ? { default: input.default } : {}), ...(input.options ? { options: input.options } : {}),
      }, `\${input:${arg}}`, where);
    }
    default:
      throw new UnresolvedVariable(`${where} uses \${${kind}${arg ? `:${arg}` : ''}}, which Tandem does not know (known: workspaceFolder, userHome, env:NAME, input:ID, secret:NAME).`);
  }
}

async function secretValue(ctx: VariableContext, key: string, ask: { prompt: string; password: boolean; default?: string; options?: string[] }, variable: string, where: string): Promise<string> {
  let value = await ctx.secrets.get(key);
  if (value === undefined) {
    value = await ctx.secrets.ask({ key, ...ask });
    if (value === undefined) throw new UnresolvedVariable(`${where} needs ${variable}, which has no value yet and was not given.`);
    await ctx.secrets.store(key, value);
  }
  if (value.length >= 4) ctx.resolvedSecrets.add(value);
  return value;
}

/** Reads a dotenv file's KEY=value lines (quotes removed, # comments skipped). */
export function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match || line.trimStart().startsWith('#')) continue;
    let value = match[2] ?? '';
    const quoted = /^(['"])(.*)\1$/.exec(value);
    if (quoted) value = quoted[1] === '"' ? (quoted[2] ?? '').replace(/\\n/g, '\n') : (quoted[2] ?? '');
    else value = value.replace(/\s+#.*$/, '');
    env[match[1] ?? ''] = value;
  }
  return env;
}
