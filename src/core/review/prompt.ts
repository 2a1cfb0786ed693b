import type { ChatMessage } from '../llm';
import { fenced } from '../prompts/textBudget';
import { replyFormatInstructions } from './replyFormat';

export interface PromptFile {
  path: string;
  /** "modified", "added", "renamed from x" — said to the model as is. */
  status: string;
  languageId: string;
  /** The numbered view of the change (see fileView). */
  view: string;
  /** "part 2 of 3" when a large file's hunks were split over several requests. */
  part?: string;
  /** Declarations from other files that the added lines use (see definitions.ts). */
  definitions?: string;
}

export interface ReviewPromptInput {
  files: readonly PromptFile[];
  /** Files of the change not shown here (lock files, generated, ignored, other batches), one line each. */
  notShown: readonly string[];
  /** The project's rules files (AGENTS.md, ...), already passed through the gate. */
  rules: ReadonlyArray<{ path: string; text: string }>;
  maxFindingsPerFile: number;
}

const reviewerRules = (maxPerFile: number) => `You are a senior engineer reviewing a change before it is committed. Report only what a careful reviewer would block or seriously flag:
- bugs: wrong logic, off-by-one, null/undefined access, unhandled errors, broken edge cases, race conditions;
- security: injection, missing validation of untrusted input, secrets in code, unsafe deserialisation, path traversal;
- performance problems with real impact;
- test gaps: new or changed behaviour without a test, when the project has tests;
- maintainability problems that will cause bugs (not taste).
Rules:
- Comment only on changed lines (marked +) or a line right next to a change. Never on code the change did not touch.
- Use the line numbers shown at the left of each line (new-file numbers).
- No style nits, no formatting, no naming preferences, no praise, no summaries of the change.
- If you are not sure something is wrong, do not report it. An empty review is a good review.
- At most ${maxPerFile} findings per file, the most important first.
- A fix is optional; give one only when it is small and certain, as a SEARCH/REPLACE block:
<<<<<<< SEARCH
exact lines of the current file
=======
the corrected lines
>>>>>>> REPLACE
Lines marked - were removed by the change; they are not in the file any more.`;

/** The chat messages for one request of a review: the reviewer's rules, the project's rules, the change. */
export function buildReviewMessages(input: ReviewPromptInput): ChatMessage[] {
  const rules = input.rules.length
    ? `\n\nThe project's own rules (follow them when judging the change):\n${input.rules.map((r) => `--- ${r.path} ---\n${r.text}`).join('\n\n')}`
    : '';
  const system = `${reviewerRules(input.maxFindingsPerFile)}${rules}\n\n${replyFormatInstructions}`;
  const files = input.files.map((file) => {
    const part = file.part ? `, ${file.part}` : '';
    const definitions = file.definitions ? `\nDefinitions from other files that this change uses (for reference; do not review them):\n${fenced(file.definitions)}` : '';
    return `File: ${file.path} (${file.status}, ${file.languageId}${part})\n${fenced(file.view)}${definitions}`;
  });
  const others = input.notShown.length ? `\n\nAlso in this change, not shown here (do not comment on them):\n${input.notShown.map((line) => `- ${line}`).join('\n')}` : '';
  const user = `Review this change. Each line shows its new-file line number, then + (added), - (removed) or a space (unchanged context), then the code.\n\n${files.join('\n\n')}${others}`;
  return [{ role: 'system', content: system }, { role: 'user', content: user }];
}
