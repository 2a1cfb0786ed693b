// The scripted model behind `npm start -- --demo` and `npm run fake-llm -- --demo`. It knows the
// sample project the demo opens (pocket-ledger, see demoSample.ts): it explains the code that is
// selected by name, proposes edits that apply to its real functions, writes tests that import
// its real modules (and fixes the one that fails), describes the change the session starts with,
// and completes code at a few natural spots. Anything else gets a plain "I'm a demo" answer.
import {
  COMMIT_README, EDIT_FORMAT_MONEY, EDIT_LEDGER, EDIT_PARSE_MONEY, EXPLAIN, INLINE_BALANCE, INLINE_BALANCE_WITH_DOC,
  INLINE_PARSE_MONEY, INLINE_PARSE_MONEY_WITH_DOC, LEDGER_FIX, LEDGER_TESTS, MONEY_FIX, MONEY_TESTS,
} from './demoSample';
import type { FakeRule } from './types';

const REVIEW_README = `<finding>
file: README.md
line: 1-200
severity: info
category: test-gap
message: The README now promises case-insensitive categories, but no test checks it.
explanation: Add a test to src/ledger.test.ts that records "Groceries" and "groceries" and expects totalsByCategory() to have one entry.
</finding>`;

const GREETING = `Hi! I'm Tandem's demo model, a scripted stand-in for a real LLM that knows this sample project (pocket-ledger), so you can try Tandem without a model server.

Things to try:
- Select \`parseMoney\` in \`src/money.ts\` and ask **"Explain this code"** (or type \`/explain\`).
- Ask **"Make parseMoney accept thousands separators"**, then **Apply All Edits**: the change opens as a diff to review.
- In \`src/ledger.ts\` or \`src/money.ts\`, right-click > **Tandem** > **Generate Tests**, accept, **Run Tests**: one test fails; **Fix Failing Tests** repairs it.
- Put the cursor in \`parseMoney\` or \`balance\` and press **Ctrl/Cmd+K I** (Inline Edit).
- In Source Control, **Generate Commit Message** for the README change, or **Review Changes** to see a review comment on it.
- In \`src/money.ts\`, type \`export function addMoney(a: Cents, b: Cents): Cents {\` and pause: an inline completion.

To get real answers, point Tandem at Ollama, LM Studio, llama.cpp, vLLM or any OpenAI-compatible server in the settings.`;

const DEFAULT_CHAT = `I'm Tandem's demo model: a scripted stand-in, not a real LLM, so I only know this sample project and a few requests.

Say "hello" for the list. For real answers, configure a model server (Ollama, LM Studio, llama.cpp, vLLM or any OpenAI-compatible endpoint) in Tandem's settings.`;

const GENERIC_EXPLANATION = `I'm the demo model, so I only recognise the code of this sample project: select a function of \`src/money.ts\` or \`src/ledger.ts\` (for example \`parseMoney\` or \`balance\`) and ask again.`;

/** Both patterns must match (in any order): a request and the code it is about. */
const both = (request: RegExp, code: RegExp): RegExp => new RegExp(`^(?=[\\s\\S]*${request.source})(?=[\\s\\S]*${code.source})`, 'i');

const EXPLAIN_WORDS = /\b(explain|what does|how does)\b/i;
const EDIT_WORDS = /\b(change|improve|refactor|make|add|support|accept|edit|rewrite|group|separator|thousands?)\b/i;
/** The symbol the attached code is about, most specific first (a whole file contains them all). */
const CODE = {
  moneyModule: /export function parseMoney[\s\S]*export function formatMoney/,
  parseMoney: /function parseMoney\b|AMOUNT\.exec/,
  formatMoney: /function formatMoney\b|padStart\(2, '0'\)/,
  ledgerClass: /export class Ledger\b/,
  record: /\brecord\(input: EntryInput\)/,
  balance: /\bbalance\(from\?: string, to\?: string\)/,
  totalsByCategory: /\btotalsByCategory\(\): Map/,
};

/** Inline Edit sends the range "as it is in the file": with or without its doc comment. */
const rangeStarting = (line: RegExp): RegExp => new RegExp(`The range to rewrite:\\n\`{3,}\\w*\\n${line.source}`);

export const demoRules: FakeRule[] = [
  // Generate Tests and Fix Failing Tests (their prompts name the files).
  { match: { endpoint: 'chat', lastUser: /these tests fail[\s\S]*## The test file: src\/money\.test\.ts/ }, reply: { text: MONEY_FIX } },
  { match: { endpoint: 'chat', lastUser: /these tests fail[\s\S]*## The test file: src\/ledger\.test\.ts/ }, reply: { text: LEDGER_FIX } },
  { match: { endpoint: 'chat', lastUser: /Write unit tests for [^\n]*src\/money\.ts/ }, reply: { text: MONEY_TESTS } },
  { match: { endpoint: 'chat', lastUser: /Write unit tests for [^\n]*src\/ledger\.ts/ }, reply: { text: LEDGER_TESTS } },

  // Inline Edit: the complete new version of the range.
  { match: { endpoint: 'chat', lastUser: rangeStarting(/\/\*\*[^\n]*\nexport function parseMoney/) }, reply: { text: INLINE_PARSE_MONEY_WITH_DOC } },
  { match: { endpoint: 'chat', lastUser: rangeStarting(/export function parseMoney/) }, reply: { text: INLINE_PARSE_MONEY } },
  { match: { endpoint: 'chat', lastUser: rangeStarting(/ *\/\*\*[^\n]*\n *balance\(/) }, reply: { text: INLINE_BALANCE_WITH_DOC } },
  { match: { endpoint: 'chat', lastUser: rangeStarting(/ *balance\(/) }, reply: { text: INLINE_BALANCE } },

  // Generate Commit Message for the change every demo session starts with.
  { match: { endpoint: 'chat', lastUser: /The staged changes:[\s\S]*Categories are case-insensitive/ }, reply: { text: COMMIT_README } },

  // Review Changes / `tandem review` of that change: one finding on the README's new note (the
  // range is anchored to its first changed line, wherever the note lands). Any other change: none.
  { match: { endpoint: 'chat', lastUser: /^Review this change[\s\S]*File: README\.md/ }, reply: { text: REVIEW_README } },
  { match: { endpoint: 'chat', lastUser: /^Review this change/ }, reply: { text: '<no-findings/>' } },

  { match: { endpoint: 'chat', lastUser: /(^|\n\n)\s*(hello|hi|hey|help)\b[^\n]*$/i }, reply: { text: GREETING } },

  // Explanations, by the code attached.
  ...(Object.keys(CODE) as (keyof typeof CODE)[]).map((name): FakeRule => ({
    match: { endpoint: 'chat', lastUser: both(EXPLAIN_WORDS, CODE[name]) }, reply: { text: EXPLAIN[name] },
  })),
  { match: { endpoint: 'chat', lastUser: EXPLAIN_WORDS }, reply: { text: GENERIC_EXPLANATION } },

  // `/tests` in the chat without an open file: the ledger's tests as a file to apply.
  { match: { endpoint: 'chat', lastUser: /\b(tests?|spec)\b/i }, reply: { text: LEDGER_TESTS } },

  // Edits from the chat, by what they name (in the question or the attached code).
  { match: { endpoint: 'chat', lastUser: both(EDIT_WORDS, /parseMoney|thousands? separators?.*pars/) }, reply: { text: EDIT_PARSE_MONEY } },
  { match: { endpoint: 'chat', lastUser: both(EDIT_WORDS, /formatMoney/) }, reply: { text: EDIT_FORMAT_MONEY } },
  { match: { endpoint: 'chat', lastUser: both(EDIT_WORDS, /\bledger\b|\bcategory\b/) }, reply: { text: EDIT_LEDGER } },
  { match: { endpoint: 'chat' }, reply: { text: DEFAULT_CHAT } },

  // Completions at the natural spots of the sample (the prompt is the code before the cursor).
  { match: { endpoint: 'completions', prompt: /function addMoney\(a: Cents, b: Cents\)[^{]*\{\s*$/ }, reply: { text: '\n  return a + b;\n' } },
  { match: { endpoint: 'completions', prompt: /function sumMoney\(amounts: (readonly )?Cents\[\]\)[^{]*\{\s*$/ }, reply: { text: '\n  return amounts.reduce((sum, cents) => sum + cents, 0);\n' } },
  { match: { endpoint: 'completions', prompt: /\bentriesIn\(category: string\)[^{]*\{\s*$/ }, reply: { text: '\n    const wanted = category.trim().toLowerCase();\n    return this.entries.filter((entry) => entry.category === wanted);\n' } },
  { match: { endpoint: 'completions', prompt: /\bexpenses\(\)[^{]*\{\s*$/ }, reply: { text: '\n    return this.entries.filter((entry) => entry.amount < 0);\n' } },
  { match: { endpoint: 'completions', prompt: /function add\(a: number, b: number\)[^{]*\{\s*$/ }, reply: { text: '\n  return a + b;\n' } },
  // Nowhere else: an empty answer shows no ghost text (a made-up one right after accepting a
  // scripted completion looked like a second, broken suggestion).
  { match: { endpoint: 'completions' }, reply: { text: '' } },
];
