// The refactor commands are instructions fed to the same range edit as a typed one: one place says
// what each does, for the editor's commands, the instruction picker and the CLI.

export type RefactorPresetId = 'document' | 'simplify' | 'addTypes' | 'improveNames';

export interface RefactorPreset {
  id: RefactorPresetId;
  /** The command's title, also the proposal's title. */
  title: string;
  instruction: string;
}

export const refactorPresets: readonly RefactorPreset[] = [
  {
    id: 'document',
    title: 'Add Documentation',
    instruction: "Add documentation comments in the language's standard style (JSDoc/TSDoc, Python docstrings, rustdoc, Javadoc, XML doc comments, Go doc comments, ...) to the functions, methods, classes and types in this code: what each does, its parameters, what it returns and the errors it raises. Replace an existing doc comment rather than adding a second one. Do not change the code itself.",
  },
  {
    id: 'simplify',
    title: 'Simplify',
    instruction: 'Simplify this code: remove duplication and needless steps, flatten deep nesting with early returns, and use clearer constructs of the language. Keep its behaviour exactly the same, including edge cases, error handling and the public names.',
  },
  {
    id: 'addTypes',
    title: 'Add Types',
    instruction: 'Add precise type annotations where the language supports them (TypeScript types, Python type hints, PHP types, ...): parameters, return values, and variables whose type is not obvious. Prefer exact types over escape hatches such as `any`. Do not change behaviour.',
  },
  {
    id: 'improveNames',
    title: 'Improve Names',
    instruction: "Rename the local variables, parameters and private helpers in this code to clear, descriptive names that follow the language's conventions, and update every use within this code. Do not rename anything code outside this range may use (exported, public or global names). Do not change behaviour.",
  },
];

export function refactorPreset(id: RefactorPresetId): RefactorPreset {
  return refactorPresets.find((preset) => preset.id === id)!;
}

/** A problem reported in the code (a diagnostic), for the Quick Fix prompt. */
export interface CodeProblem {
  /** 0-based line in the document. */
  line: number;
  severity: 'error' | 'warning';
  message: string;
  /** Who reported it: `ts`, `eslint`, `pylint`, ... */
  source?: string;
  code?: string;
}

/** One line per problem: `line 14: error TS2322 (ts): Type 'string' is not assignable to type 'number'.` */
export function describeProblem(problem: CodeProblem): string {
  const code = problem.code ? ` ${/^\d+$/.test(problem.code) && problem.source === 'ts' ? `TS${problem.code}` : problem.code}` : '';
  const source = problem.source ? ` (${problem.source})` : '';
  return `line ${problem.line + 1}: ${problem.severity}${code}${source}: ${problem.message.replace(/\s+/g, ' ').trim()}`;
}

export function quickFixInstruction(problems: readonly CodeProblem[]): string {
  const what = problems.length === 1 ? 'the problem listed above' : `the ${problems.length} problems listed above`;
  return `Fix ${what} with the smallest correct change. Do not change unrelated code, and do not silence the problem (no casts to any, no ignore comments) unless that is the only correct fix.`;
}

/** The proposal's title for a Quick Fix: "Fix: Type 'string' is not assignable…" */
export function quickFixTitle(problems: readonly CodeProblem[]): string {
  const first = problems[0]?.message.replace(/\s+/g, ' ').trim() ?? 'problem';
  const short = first.length > 60 ? `${first.slice(0, 59)}…` : first;
  return problems.length > 1 ? `Fix: ${short} (+${problems.length - 1} more)` : `Fix: ${short}`;
}
