import type { ChatTool } from '../../llm';
import type { ToolName } from '../types';

type ParamType = 'string' | 'integer' | 'boolean';

interface ParamSpec {
  type: ParamType;
  description: string;
  required?: boolean;
}

export interface ToolSpec {
  name: ToolName;
  description: string;
  params: Readonly<Record<string, ParamSpec>>;
  /** Reads only: allowed in untrusted folders and never needs approval. */
  readOnly: boolean;
}

/**
 * The tool contract (names and parameters are stable; more tools may be added). Descriptions are
 * short on purpose: system prompt and tool definitions together stay under 3,000 tokens, since
 * local models often have an 8k window.
 */
export const toolSpecs: readonly ToolSpec[] = [
  {
    name: 'read_file', readOnly: true,
    description: 'Read a text file; lines are numbered. Long files are cut: ask for a line range.',
    params: {
      path: { type: 'string', description: 'workspace-relative path', required: true },
      startLine: { type: 'integer', description: 'first line (1-based)' },
      endLine: { type: 'integer', description: 'last line' },
    },
  },
  {
    name: 'list_files', readOnly: true,
    description: 'List files and folders (ignored files left out).',
    params: {
      path: { type: 'string', description: 'folder, default the workspace root' },
      recursive: { type: 'boolean', description: 'include subfolders' },
    },
  },
  {
    name: 'search', readOnly: true,
    description: 'Search file contents; returns path:line: text matches (capped).',
    params: {
      query: { type: 'string', description: 'text to find', required: true },
      isRegex: { type: 'boolean', description: 'query is a JavaScript regular expression' },
      path: { type: 'string', description: 'folder or file to search in' },
    },
  },
  {
    name: 'apply_edits', readOnly: false,
    description: 'Edit files. `response` holds SEARCH/REPLACE blocks (file path on the line before each), a unified diff or an apply_patch envelope. SEARCH text must match the file exactly.',
    params: { response: { type: 'string', description: 'the edits', required: true } },
  },
  {
    name: 'write_file', readOnly: false,
    description: 'Create a file, or rewrite a small file whole.',
    params: {
      path: { type: 'string', description: 'workspace-relative path', required: true },
      content: { type: 'string', description: 'the complete file text', required: true },
    },
  },
  {
    name: 'delete_file', readOnly: false,
    description: 'Delete a file.',
    params: { path: { type: 'string', description: 'workspace-relative path', required: true } },
  },
  {
    name: 'run_command', readOnly: false,
    description: 'Run a shell command in the workspace; returns exit code and output (long output cut). May need the user\'s approval.',
    params: {
      command: { type: 'string', description: 'the command line', required: true },
      timeoutMs: { type: 'integer', description: 'default 120000' },
    },
  },
  {
    name: 'run_tests', readOnly: false,
    description: 'Run the project\'s tests; returns pass/fail and the failures with file and line.',
    params: { path: { type: 'string', description: 'a test file to narrow the run to' } },
  },
  {
    name: 'git_status', readOnly: true,
    description: 'git status of the workspace (read-only).',
    params: {},
  },
  {
    name: 'git_diff', readOnly: true,
    description: 'git diff of the workspace (read-only).',
    params: { staged: { type: 'boolean', description: 'the staged changes instead' } },
  },
  {
    name: 'get_problems', readOnly: true,
    description: 'Compiler and linter problems from the editor, of the files you changed (or those named).',
    params: { paths: { type: 'string', description: 'comma-separated files, default the ones you changed' } },
  },
];

const byName = new Map<string, ToolSpec>(toolSpecs.map((spec) => [spec.name, spec]));

export function toolSpec(name: string): ToolSpec | undefined {
  return byName.get(name);
}

/** Tools offered only where the environment has their port. */
export interface ToolPorts {
  /** Editor diagnostics (VS Code); without them there is no get_problems. */
  problems?: boolean;
}

/** The specs offered for a task: every tool, or only the read-only ones (untrusted folders); tools without their port are left out. */
export function offeredTools(readOnly: boolean, ports: ToolPorts = {}): readonly ToolSpec[] {
  return toolSpecs.filter((spec) => (!readOnly || spec.readOnly) && (spec.name !== 'get_problems' || ports.problems === true));
}

/** The `tools` parameter of a chat request (native protocol). */
export function nativeToolDefinitions(specs: readonly ToolSpec[]): ChatTool[] {
  return specs.map((spec) => ({
    type: 'function',
    function: {
      name: spec.name,
      description: spec.description,
      parameters: {
        type: 'object',
        properties: Object.fromEntries(Object.entries(spec.params).map(([name, p]) => [name, { type: p.type, description: p.description }])),
        required: Object.entries(spec.params).filter(([, p]) => p.required).map(([name]) => name),
        additionalProperties: false,
      },
    },
  }));
}

/** One line per tool for the text protocol: `read_file(path, startLine?, endLine?) — Read ...`. */
export function textToolList(specs: readonly ToolSpec[]): string {
  return specs.map((spec) => {
    const params = Object.entries(spec.params).map(([name, p]) => `${name}${p.required ? '' : '?'}: ${p.type}`).join(', ');
    return `- ${spec.name}(${params}) — ${spec.description}`;
  }).join('\n');
}

export type ToolArgs = Record<string, string | number | boolean | undefined>;

/**
 * Parses and checks a call's arguments against the tool's parameters. The error names exactly
 * what is wrong (unknown tool, not JSON, missing or mistyped parameter) and shows one example.
 */
export function validateArguments(name: string, argumentsText: string, specs: readonly ToolSpec[] = toolSpecs): { ok: true; args: ToolArgs } | { ok: false; error: string } {
  const spec = specs.find((s) => s.name === name);
  if (!spec) return { ok: false, error: `Unknown tool "${name}". Tools: ${specs.map((s) => s.name).join(', ')}.` };
  let value: unknown;
  const text = argumentsText.trim() === '' ? '{}' : argumentsText;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `The arguments of ${name} are not valid JSON (${(error as Error).message}). Example: ${exampleCall(spec)}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: `The arguments of ${name} must be a JSON object. Example: ${exampleCall(spec)}` };
  }
  const args: ToolArgs = {};
  for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
    const param = spec.params[key];
    if (!param) return { ok: false, error: `${name} has no parameter "${key}" (parameters: ${Object.keys(spec.params).join(', ') || 'none'}). Example: ${exampleCall(spec)}` };
    if (raw === null || raw === undefined) continue;
    const coerced = coerce(raw, param.type);
    if (coerced === undefined) return { ok: false, error: `${name}: "${key}" must be ${param.type === 'integer' ? 'a whole number' : `a ${param.type}`} (got ${JSON.stringify(raw)?.slice(0, 60)}). Example: ${exampleCall(spec)}` };
    args[key] = coerced;
  }
  for (const [key, param] of Object.entries(spec.params)) {
    if (param.required && args[key] === undefined) return { ok: false, error: `${name} needs "${key}" (${param.description}). Example: ${exampleCall(spec)}` };
  }
  return { ok: true, args };
}

/** Small models send "10" for 10 and "true" for true; those are accepted, nothing looser. */
function coerce(raw: unknown, type: ParamType): string | number | boolean | undefined {
  if (type === 'string') return typeof raw === 'string' ? raw : undefined;
  if (type === 'boolean') return typeof raw === 'boolean' ? raw : raw === 'true' ? true : raw === 'false' ? false : undefined;
  const number = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : NaN;
  return Number.isInteger(number) ? number : undefined;
}

const examples: Record<ToolName, Record<string, unknown>> = {
  read_file: { path: 'src/index.ts', startLine: 1, endLine: 80 },
  list_files: { path: 'src', recursive: true },
  search: { query: 'parseArgs', path: 'src' },
  apply_edits: { response: 'src/a.ts\n<<<<<<< SEARCH\nold line\n=======\nnew line\n>>>>>>> REPLACE' },
  write_file: { path: 'src/new.ts', content: 'export const x = 1;\n' },
  delete_file: { path: 'src/old.ts' },
  run_command: { command: 'npm run build' },
  run_tests: { path: 'test/a.test.ts' },
  git_status: {},
  git_diff: { staged: false },
  get_problems: { paths: 'src/a.ts, src/b.ts' },
};

export function exampleCall(spec: ToolSpec): string {
  return JSON.stringify({ name: spec.name, arguments: examples[spec.name] });
}
