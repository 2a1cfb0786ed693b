import type { SlashCommandInfo } from '../protocol';

/**
 * The chat's slash commands. Model commands turn into an instruction in front of the user's own
 * words; `clear` and `help` are answered by Tandem without a request.
 */
interface CommandSpec {
  description: string;
  /** undefined: handled locally, never sent to the model. */
  instruction?: string;
  /** Context the command needs attached before it is sent. */
  wants?: 'problems';
}

const specs = {
  explain: {
    description: 'Explain the selected code or the attached context',
    instruction: 'Explain what the attached code does: its purpose, how it works step by step, and anything surprising or risky in it.',
  },
  fix: {
    description: 'Fix the problems reported in the current file (attaches its diagnostics)',
    instruction: 'Fix the attached problems. Show the corrected code in fenced blocks that name the file (```lang path/to/file), and say briefly what was wrong.',
    wants: 'problems',
  },
  tests: {
    description: 'Generate tests for the code at the cursor or the selection: reviewed as a diff, then run (in the chat when no file is open)',
    instruction: "Write unit tests for the attached code with the project's test framework. Cover normal cases, edge cases and failures. Put the test file in one fenced block that names its path.",
  },
  doc: {
    description: 'Write documentation comments for the selected code',
    instruction: "Add documentation comments to the attached code in the language's usual style (JSDoc, docstrings, ...). Return the documented code in a fenced block; do not change behaviour.",
  },
  review: {
    description: 'Review your changes (or the selection; add "staged" or "branch"): findings become comments on the changed lines',
    instruction: 'Review the attached code for real bugs, security problems and missing tests. Report only real problems, each with the line it is about; say so plainly if you find none.',
  },
  clear: { description: 'Start a new conversation (this one stays in the history)' },
  help: { description: 'List the commands and how to attach context' },
} as const satisfies Record<string, CommandSpec>;

export type SlashCommandName = keyof typeof specs;

export type ParsedInput =
  | { kind: 'plain'; text: string }
  | { kind: 'command'; command: SlashCommandName; rest: string }
  | { kind: 'unknownCommand'; name: string };

/** `/explain why is this slow` -> command 'explain', rest 'why is this slow'. */
export function parseSlashCommand(input: string): ParsedInput {
  const match = /^\/([A-Za-z][\w-]*)(?:\s+([\s\S]*))?$/.exec(input.trim());
  if (!match) return { kind: 'plain', text: input.trim() };
  const name = (match[1] ?? '').toLowerCase();
  if (!isCommand(name)) return { kind: 'unknownCommand', name };
  return { kind: 'command', command: name, rest: (match[2] ?? '').trim() };
}

function isCommand(name: string): name is SlashCommandName {
  return Object.prototype.hasOwnProperty.call(specs, name);
}

/** The command of a saved turn (undefined for plain messages and names that no longer exist). */
export function commandNamed(name: string | undefined): SlashCommandName | undefined {
  return name !== undefined && isCommand(name) ? name : undefined;
}

/** True for commands Tandem answers itself. */
export function isLocalCommand(command: SlashCommandName): boolean {
  return !('instruction' in specs[command]);
}

export function commandWants(command: SlashCommandName): 'problems' | undefined {
  const spec: CommandSpec = specs[command];
  return spec.wants;
}

/** The text the model receives for a command: its instruction, then the user's own words. */
export function commandPrompt(command: SlashCommandName, rest: string): string {
  const spec: CommandSpec = specs[command];
  const instruction = spec.instruction ?? '';
  return rest ? `${instruction}\n\n${rest}` : instruction;
}

export function slashCommandList(): SlashCommandInfo[] {
  return Object.entries(specs).map(([name, spec]) => ({ name, description: spec.description }));
}

/** Model commands only (what a host chat participant declares). */
export function modelCommandNames(): SlashCommandName[] {
  return (Object.keys(specs) as SlashCommandName[]).filter((name) => !isLocalCommand(name));
}

export function helpText(): string {
  const commands = slashCommandList().map((c) => `- \`/${c.name}\` — ${c.description}`).join('\n');
  return [
    '**Commands**',
    commands,
    '',
    '**Context**: the current selection is attached automatically (click its chip to leave it out).',
    'Type `#` to attach a file, `#problems` for the diagnostics, `#editors` for the open editors; pasted blocks of text become chips too.',
    "**MCP**: your MCP servers' resources are in the `#` list too, and their prompts are commands named `/mcp.<server>.<prompt>` (Tandem asks for their arguments).",
    '',
    '**Keys**: Enter sends, Shift+Enter starts a new line, Up recalls your previous message, Escape stops an answer.',
  ].join('\n');
}

export function unknownCommandText(name: string): string {
  return `There is no \`/${name}\` command. ${helpText()}`;
}
