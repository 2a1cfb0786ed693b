// What the scripted demo model says about the sample project `npm start -- --demo` opens
// (pocket-ledger: test/fixtures/workspaces/basic): explanations of its real functions, edits that
// apply to them, tests that import the real modules (one fails on the first run, and the fix the
// demo proposes makes it pass) and a commit message for the change the session starts with.
// test/unit/fakeLlm/demoSample.test.ts applies every edit to the sample and runs its tests.

const FENCE = '```';

/** A SEARCH/REPLACE block for `path`, the format Tandem asks models for. */
function searchReplace(path: string, search: string, replace: string): string {
  return `${path}\n${FENCE}ts\n<<<<<<< SEARCH\n${search}\n=======\n${replace}\n>>>>>>> REPLACE\n${FENCE}`;
}

// ---- explanations, by the symbol the selection (or the attached file) shows -------------------

export const EXPLAIN = {
  moneyModule: `\`money.ts\` keeps every amount as **integer cents**, so sums never drift the way floating-point euros would.

- \`parseMoney(text)\` reads \`"12"\`, \`"-3.5"\` or \`" 1999.99 "\`: it trims, matches an optional minus, whole units and up to two decimals, and returns cents (\`-3.5\` → \`-350\`). Anything else throws \`Not an amount: "…"\`.
- \`formatMoney(cents)\` goes back: sign, whole units, and the cents padded to two digits (\`5\` → \`"0.05"\`).

Worth a second look: \`parseMoney("-0")\` returns \`-0\`, not \`0\`. Try **Generate Tests** on this file to see a test catch it.`,
  parseMoney: `\`parseMoney\` turns a decimal string into integer cents:

1. \`AMOUNT.exec(text.trim())\` checks the whole string: an optional \`-\`, digits, and optionally a dot with one or two digits. No match → it throws \`Not an amount: "…"\`.
2. The whole part is multiplied by 100; the fraction is padded to two digits, so \`"3.5"\` counts 50 cents, not 5.
3. The sign is applied last.

Edge cases: \`"1,234.50"\` is refused (no thousands separators), and \`"-0"\` gives \`-0\`, which \`assert.strictEqual\` does not consider equal to \`0\`.`,
  formatMoney: `\`formatMoney\` is the inverse of \`parseMoney\`: it writes cents as a decimal string with exactly two places.

- The sign is taken first and the rest works on \`Math.abs(cents)\`, so \`-4210\` becomes \`"-42.10"\`, not \`"-43.90"\` (which floor division of a negative number would give).
- \`padStart(2, '0')\` keeps the leading zero of the cents: \`5\` → \`"0.05"\`.

It has no thousands separators: \`123456789\` is written \`"1234567.89"\`.`,
  ledgerClass: `\`Ledger\` is an in-memory list of entries with three questions you can ask it:

- \`record(input)\` validates the date (ISO \`YYYY-MM-DD\`), normalises the category (trimmed, lower case), parses the amount into cents with \`parseMoney\` and stores the entry.
- \`balance(from?, to?)\` sums the entries in an inclusive date range (ISO dates compare correctly as strings) and formats the result with \`formatMoney\`.
- \`totalsByCategory()\` returns a \`Map\` from category to the sum of its cents.

Note that \`balance\` returns a formatted string while \`totalsByCategory\` returns raw cents.`,
  record: `\`record\` checks and stores one entry:

1. The date must look like \`2024-05-01\`; anything else throws \`Not an ISO date\`.
2. The category is trimmed and lower-cased, so \`" Groceries "\` and \`"groceries"\` are the same; an empty one throws.
3. \`parseMoney\` converts the amount to cents (and throws for text that is not an amount).

It returns the stored entry, so callers see the normalised category and the cents.`,
  balance: `\`balance(from?, to?)\` filters the entries to the inclusive range (\`from\` and \`to\` are optional ISO dates; ISO dates sort as strings), sums their cents with \`reduce\` and formats the total with \`formatMoney\`.

So \`balance()\` is everything, and \`balance('2024-05-01', '2024-05-31')\` is May. The result is a string such as \`"2457.90"\`, always with two decimals.`,
  totalsByCategory: `\`totalsByCategory\` walks the entries once and adds each amount to its category's running total in a \`Map\` (\`?? 0\` starts a new category at zero). The result is in cents, in the order categories first appeared.`,
} as const;

// ---- edits proposed in the chat --------------------------------------------------------------

const PARSE_OLD = `const AMOUNT = /^(-)?(\\d+)(?:\\.(\\d{1,2}))?$/;`;
const PARSE_NEW = `/** Whole units may group thousands with commas ("1,234.50"); "12,50" is still refused. */
const AMOUNT = /^(-)?(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d{1,2}))?$/;`;
const PARSE_BODY_OLD = `  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));`;
const PARSE_BODY_NEW = `  const cents = Number(whole.replaceAll(',', '')) * 100 + Number(fraction.padEnd(2, '0'));`;

export const EDIT_PARSE_MONEY = `Here is \`parseMoney\` accepting thousands separators ("1,234.50") while still refusing a decimal comma ("12,50"), which the existing test expects:

${searchReplace('src/money.ts', PARSE_OLD, PARSE_NEW)}

${searchReplace('src/money.ts', PARSE_BODY_OLD, PARSE_BODY_NEW)}

Press **Apply All Edits** to review both changes in \`src/money.ts\`.`;

const FORMAT_OLD = `export function formatMoney(cents: Cents): string {
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  const whole = Math.floor(absolute / 100);`;
const FORMAT_NEW = `export function formatMoney(cents: Cents, { thousands = '' }: { thousands?: string } = {}): string {
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  const whole = String(Math.floor(absolute / 100)).replace(/\\B(?=(\\d{3})+$)/g, thousands);`;

export const EDIT_FORMAT_MONEY = `\`formatMoney\` can group thousands without changing what existing callers get: an optional separator, off by default.

${searchReplace('src/money.ts', FORMAT_OLD, FORMAT_NEW)}

\`formatMoney(123456789, { thousands: ',' })\` gives \`"1,234,567.89"\`; \`formatMoney(-4210)\` is still \`"-42.10"\`.`;

const LEDGER_OLD = `  get size(): number {
    return this.entries.length;
  }`;
const LEDGER_NEW = `  /** The entries of one category (matched as \`record\` stores it: trimmed, lower case), oldest first. */
  entriesIn(category: string): Entry[] {
    const wanted = category.trim().toLowerCase();
    return this.entries.filter((entry) => entry.category === wanted);
  }

  get size(): number {
    return this.entries.length;
  }`;

export const EDIT_LEDGER = `A small addition to \`Ledger\`: the entries of one category, matched the way \`record\` normalises categories.

${searchReplace('src/ledger.ts', LEDGER_OLD, LEDGER_NEW)}

Press **Apply All Edits** to review it.`;

// ---- inline edit (Ctrl/Cmd+K I): the complete new version of the range -----------------------

const PARSE_DOC = '/** Parses "12", "-3.5" or "1999.99" into cents. Throws on anything else. */';
const PARSE_FUNCTION = `export function parseMoney(text: string): Cents {
  const match = AMOUNT.exec(text.trim());
  if (!match) throw new Error(\`Not an amount: "\${text}" (expected e.g. "12", "-3.5" or "1999.99")\`);
  const [, sign, whole, fraction = ''] = match;
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return sign && cents !== 0 ? -cents : cents;
}`;

export const INLINE_PARSE_MONEY = `${FENCE}ts\n${PARSE_FUNCTION}\n${FENCE}`;
export const INLINE_PARSE_MONEY_WITH_DOC = `${FENCE}ts\n${PARSE_DOC}\n${PARSE_FUNCTION}\n${FENCE}`;

const BALANCE_DOC = '  /** The balance of every entry, or of those within [from, to] (inclusive ISO dates). */';
const BALANCE_METHOD = `  balance(from?: string, to?: string): string {
    if (from && to && from > to) throw new Error(\`The range starts after it ends: \${from} > \${to}\`);
    const inRange = this.entries.filter((e) => (!from || e.date >= from) && (!to || e.date <= to));
    return formatMoney(inRange.reduce((sum, e) => sum + e.amount, 0));
  }`;

export const INLINE_BALANCE = `${FENCE}ts\n${BALANCE_METHOD}\n${FENCE}`;
export const INLINE_BALANCE_WITH_DOC = `${FENCE}ts\n${BALANCE_DOC}\n${BALANCE_METHOD}\n${FENCE}`;

// ---- Generate Tests and Fix Failing Tests ----------------------------------------------------

const MONEY_TESTS_END = `  it('formats cents with two decimals', () => {
    assert.equal(formatMoney(-4210), '-42.10');
    assert.equal(formatMoney(5), '0.05');
  });
});`;

/** Extends src/money.test.ts; "reads minus zero as zero" fails until money.ts is fixed. */
export const MONEY_TESTS = `New tests for \`money.ts\`, added to \`src/money.test.ts\`:

${searchReplace('src/money.test.ts', MONEY_TESTS_END, `${MONEY_TESTS_END.slice(0, -'});'.length)}
  it('parses one decimal place as tens of cents', () => {
    assert.equal(parseMoney('0.5'), 50);
    assert.equal(parseMoney('-12.3'), -1230);
  });

  it('rejects more than two decimal places and empty text', () => {
    assert.throws(() => parseMoney('1.999'), /Not an amount/);
    assert.throws(() => parseMoney(''), /Not an amount/);
  });

  it('reads minus zero as zero', () => {
    assert.equal(parseMoney('-0'), 0);
  });

  it('round-trips what it formats', () => {
    for (const cents of [0, 7, -99, 123456]) assert.equal(parseMoney(formatMoney(cents)), cents);
  });
});`)}`;

export const MONEY_FIX = `Fix: code
\`parseMoney('-0')\` returns \`-0\`: negating zero cents keeps the sign, and \`assert.equal\` (strict) tells \`-0\` from \`0\`. A zero amount is now plain zero.

${searchReplace('src/money.ts', '  return sign ? -cents : cents;', '  return sign && cents !== 0 ? -cents : cents;')}`;

const LEDGER_RANGE_WRONG = `    assert.equal(ledger.balance('2024-05-02', '2024-05-31'), '2500');`;

export const LEDGER_TEST_FILE = `import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Ledger } from './ledger.ts';

describe('Ledger', () => {
  it('records an entry with its amount in cents and a normalised category', () => {
    const ledger = new Ledger();
    const entry = ledger.record({ date: '2024-05-01', category: ' Groceries ', amount: '-42.10' });
    assert.deepEqual(entry, { date: '2024-05-01', category: 'groceries', amount: -4210, note: undefined });
    assert.equal(ledger.size, 1);
  });

  it('rejects a date that is not ISO and an empty category', () => {
    const ledger = new Ledger();
    assert.throws(() => ledger.record({ date: '01/05/2024', category: 'rent', amount: '-900' }), /Not an ISO date/);
    assert.throws(() => ledger.record({ date: '2024-05-01', category: '  ', amount: '-900' }), /Category is required/);
    assert.equal(ledger.size, 0);
  });

  it('sums the balance of every entry, or of a date range', () => {
    const ledger = new Ledger();
    ledger.record({ date: '2024-05-01', category: 'groceries', amount: '-42.10' });
    ledger.record({ date: '2024-05-02', category: 'salary', amount: '2500' });
    ledger.record({ date: '2024-06-01', category: 'rent', amount: '-900' });
    assert.equal(ledger.balance(), '1557.90');
${LEDGER_RANGE_WRONG}
  });

  it('totals the amounts per category', () => {
    const ledger = new Ledger();
    ledger.record({ date: '2024-05-01', category: 'groceries', amount: '-42.10' });
    ledger.record({ date: '2024-05-03', category: 'Groceries', amount: '-7.90' });
    ledger.record({ date: '2024-05-02', category: 'salary', amount: '2500' });
    assert.deepEqual(ledger.totalsByCategory(), new Map([['groceries', -5000], ['salary', 250000]]));
  });
});
`;

/** Creates src/ledger.test.ts; the date-range test expects "2500" where balance() says "2500.00". */
export const LEDGER_TESTS = `Tests for \`Ledger\` in a new file, with Node's test runner like \`money.test.ts\`:

${FENCE}ts src/ledger.test.ts
${LEDGER_TEST_FILE}${FENCE}`;

export const LEDGER_FIX = `Fix: test
\`balance()\` always formats with two decimals (it returns \`formatMoney\`'s text), so the range's balance is \`"2500.00"\`; the test expected \`"2500"\`.

${searchReplace('src/ledger.test.ts', LEDGER_RANGE_WRONG, LEDGER_RANGE_WRONG.replace(`'2500');`, `'2500.00');`))}`;

// ---- Generate Commit Message -------------------------------------------------------------------

export const COMMIT_README = `Document that categories are case-insensitive

Say in the README that "Groceries" and "groceries" are one category,
as Ledger.record stores categories trimmed and in lower case.`;
