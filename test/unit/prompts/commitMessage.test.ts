import { strict as assert } from 'node:assert';
import { buildCommitMessagePrompt, cleanCommitMessage, splitGitDiff } from '../../../src/core/prompts/commitMessage';

const sourceDiff = [
  'diff --git a/src/math.ts b/src/math.ts',
  'index 1a2b3c4..5d6e7f8 100644',
  '--- a/src/math.ts',
  '+++ b/src/math.ts',
  '@@ -1,3 +1,5 @@',
  ' export function add(a: number, b: number) {',
  '   return a + b;',
  ' }',
  '+export const apiKey = "sk-proj-abcdefghijklmnopqrstuvwxyz012345";',
  '+export function sub(a: number, b: number) { return a - b; }',
].join('\n');

const lockDiff = [
  'diff --git a/package-lock.json b/package-lock.json',
  '--- a/package-lock.json',
  '+++ b/package-lock.json',
  '@@ -10,3 +10,4 @@',
  '+    "left-pad": "1.3.0",',
  '-    "right-pad": "1.0.0",',
  '+    "up-pad": "1.0.0",',
].join('\n');

function userText(prompt: ReturnType<typeof buildCommitMessagePrompt>): string {
  const content = prompt.messages[1]?.content;
  return typeof content === 'string' ? content : '';
}

describe('commit message prompt', () => {
  it('splits a git diff per file, naming the new path', () => {
    assert.deepEqual(splitGitDiff(`${sourceDiff}\n${lockDiff}\n`).map((f) => f.path), ['src/math.ts', 'package-lock.json']);
  });

  it('sends the source diff, summarises lock files and redacts secrets', () => {
    const prompt = buildCommitMessagePrompt({ diff: `${sourceDiff}\n${lockDiff}\n`, recentMessages: ['feat(cli): add tests command', 'fix: keep CRLF'] });
    const text = userText(prompt);
    assert.match(text, /\+export function sub/);
    assert.doesNotMatch(text, /sk-proj-abcdef/);
    assert.equal(prompt.redactions, 1);
    assert.match(text, /package-lock\.json\n\(2 lines added, 1 removed; content left out\)/);
    assert.doesNotMatch(text, /left-pad/);
    assert.deepEqual(prompt.shortened, ['package-lock.json']);
    assert.match(text, /- feat\(cli\): add tests command/);
  });

  it('cuts a diff over budget and says how much was left out, keeping every file named', () => {
    const big = ['diff --git a/big.ts b/big.ts', '--- a/big.ts', '+++ b/big.ts', '@@ -1,1 +1,2000 @@', ...Array.from({ length: 2000 }, (_, i) => `+const value${i} = ${i};`)].join('\n');
    const prompt = buildCommitMessagePrompt({ diff: `${big}\n${sourceDiff}`, diffBudgetTokens: 500 });
    const text = userText(prompt);
    assert.match(text, /more lines of this file's diff left out/);
    assert.match(text, /\+export function sub/, 'the small file is kept whole');
    assert.deepEqual(prompt.shortened, ['big.ts']);
    assert.ok(text.length < 4_000, `prompt is ${text.length} chars`);
  });
});

describe('cleanCommitMessage', () => {
  it('drops fences, preambles and quotes models add', () => {
    assert.equal(cleanCommitMessage('```\nAdd sub()\n\nSubtraction for the calculator.\n```'), 'Add sub()\n\nSubtraction for the calculator.');
    assert.equal(cleanCommitMessage('Commit message:\nAdd sub()'), 'Add sub()');
    assert.equal(cleanCommitMessage('"Add sub()"'), 'Add sub()');
    assert.equal(cleanCommitMessage('<think>the diff adds sub</think>\nAdd sub()  \r\n\r\n\r\n\r\nBody'), 'Add sub()\n\nBody');
  });

  it('keeps a plain message as written', () => {
    assert.equal(cleanCommitMessage('fix(edit): keep "quotes" inside'), 'fix(edit): keep "quotes" inside');
  });
});
