/**
 * The engine's messages name VS Code commands ("Tandem: Set API Key", "Tandem: Show Log"), which
 * a terminal user cannot run: the CLI says what to do in its own terms instead.
 */
const rewrites: [RegExp, string][] = [
  [/ with "Tandem: Set API Key"/g, ' in the TANDEM_API_KEY environment variable'],
  [/([Dd])etails are in "Tandem: Show Log"/g, '$1etails are printed with --verbose'],
  [/ or pick one with "Tandem: Select Provider"/g, ' or pass --provider'],
  [/"Tandem: Select Chat Model"/g, '--model'],
];

export function forCommandLine(message: string): string {
  return rewrites.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), message);
}

/**
 * parseArgs' own messages, in the CLI's words: Node's unknown-option message ends in an
 * unbalanced quote (`'-- "--bogus"`) and never says where the options are listed.
 */
export function describeArgsError(error: unknown, command: string): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const help = `\`tandem ${command} --help\` lists the options`;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const name = /^Unknown option '([^']+)'/.exec(message)?.[1] ?? message;
    return `unknown option ${name}; ${help} (a text that starts with '-' goes after --, as in: -- "${name}")`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const name = /^Option '(-\S+)/.exec(message)?.[1];
    return name ? `${name} needs a value; ${help}` : `${message}; ${help}`;
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `${message.replace(/\.$/, '')}; ${help}`;
  return message;
}
