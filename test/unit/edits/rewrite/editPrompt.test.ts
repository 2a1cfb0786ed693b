// The edit prompt (what is sent for a range) and the stale-document rebase.
import assert from 'node:assert/strict';
import { mapRange, pendingRange, rebaseOnCurrent, streamedCodeLines } from '../../../../src/core/edits/rewrite';
import { isLlmError } from '../../../../src/core/llm';
import { buildEditPrompt, type EditPromptInput } from '../../../../src/core/prompts/edit';
import { quickFixInstruction, refactorPreset } from '../../../../src/core/prompts/refactorPresets';

const numbered = (count: number, prefix = 'line') => Array.from({ length: count }, (_, i) => `const ${prefix}${i + 1} = ${i + 1};`).join('\n') + '\n';

function prompt(overrides: Partial<EditPromptInput> = {}) {
  return buildEditPrompt({
    path: 'src/app.ts', languageId: 'typescript', documentText: numbered(40), range: { start: 19, end: 22 },
    instruction: 'Use let', contextWindow: 8192, model: 'qwen2.5-coder:7b', ...overrides,
  });
}
const userText = (p: ReturnType<typeof prompt>) => String(p.messages[1]!.content);

describe('edit prompt', () => {
  it('names the file, language and lines, shows the code before, the range and after, then the instruction', () => {
    const p = prompt();
    const text = userText(p);
    assert.match(text, /^File: `src\/app\.ts` \(typescript\), lines 20-22 of 40/);
    assert.match(text, /Code before the range \(context only; do not repeat it\):\n```typescript\nconst line1 = 1;[\s\S]*const line19 = 19;\n```/);
    assert.match(text, /The range to rewrite:\n```typescript\nconst line20 = 20;\nconst line21 = 21;\nconst line22 = 22;\n```/);
    assert.match(text, /Code after the range \(context only; do not repeat it\):\n```typescript\nconst line23 = 23;[\s\S]*const line40 = 40;\n```/);
    assert.match(text, /Instruction:\nUse let$/);
    assert.match(String(p.messages[0]!.content), /single fenced code block/);
    assert.deepEqual(p.target.subject, ['const line20 = 20;', 'const line21 = 21;', 'const line22 = 22;']);
    assert.equal(p.target.before.length, 19);
    assert.equal(p.target.after.length, 18);
  });

  it('sends all of the context when it fits, down to the first line of the file', () => {
    // 12 characters before the range (a multiple of 4): the fitting context lost its top line.
    const documentText = 'package bb;\n\nclass A {\n  int x;\n}\n';
    const p = prompt({ documentText, path: 'src/A.java', languageId: 'java', range: { start: 2, end: 4 } });
    assert.deepEqual(p.target.before, ['package bb;', '']);
    assert.ok(!p.notes.some((n) => /cut/.test(n)), p.notes.join('; '));
  });

  it('keeps the context lines nearest the range when the file is too long for the budget', () => {
    const p = prompt({ documentText: numbered(4000), range: { start: 2000, end: 2002 }, maxContextTokens: 200 });
    assert.equal(p.target.before.at(-1), 'const line2000 = 2000;');
    assert.equal(p.target.after[0], 'const line2003 = 2003;');
    assert.ok(p.target.before.length < 40 && p.target.after.length < 40, `${p.target.before.length} + ${p.target.after.length} lines`);
    assert.ok(p.notes.some((n) => /cut to its last/.test(n)));
    assert.ok(p.promptTokens < 800, `${p.promptTokens} tokens`);
  });

  it('says when the range is at the top or the end of the file', () => {
    const text = userText(prompt({ documentText: 'a();\nb();\n', range: { start: 0, end: 2 } }));
    assert.match(text, /The range starts at the top of the file\./);
    assert.match(text, /The range ends at the end of the file\./);
  });

  it('redacts secrets in the range and around it, and tells the model what [REDACTED] means', () => {
    const documentText = 'const token = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";\nfunction f() {\n  const password = "hunter22";\n}\nconst url = "postgres://app:s3cr3t@db/app";\n';
    const p = prompt({ documentText, range: { start: 1, end: 4 } });
    const sent = JSON.stringify(p.messages);
    for (const secret of ['ghp_abcdef', 'hunter22', 's3cr3t']) assert.ok(!sent.includes(secret), `${secret} was sent`);
    assert.equal(p.redactions, 3);
    assert.match(String(p.messages[0]!.content), /\[REDACTED\] stands for a secret value/);
    assert.deepEqual(p.target.subjectSecrets, ['hunter22']);
  });

  it('does not mention redaction when nothing was redacted', () => {
    assert.doesNotMatch(String(prompt().messages[0]!.content), /REDACTED/);
  });

  it('a follow-up shows the range as it is, the pending proposal with what it was for, and the new instruction', () => {
    const p = prompt({ instruction: 'also add types', refine: { proposedLines: ['let line20 = 20;'], previousInstructions: ['Use let'] } });
    const text = userText(p);
    assert.match(text, /The range as it is in the file:\n```typescript\nconst line20 = 20;\nconst line21 = 21;\nconst line22 = 22;\n```/);
    assert.match(text, /Your proposed rewrite of it, which the user has not accepted yet \(it was for: "Use let"\):\n```typescript\nlet line20 = 20;\n```/);
    assert.match(text, /Change your proposal as follows, and reply with the complete new version of the range:\nalso add types$/);
    assert.deepEqual(p.target.subject, ['let line20 = 20;']);
    assert.deepEqual(p.target.range, { start: 19, end: 22 });
  });

  it('lists the problems to fix (Quick Fix) with 1-based lines and codes', () => {
    const problems = [{ line: 20, severity: 'error' as const, message: "Type 'string' is not\nassignable to type 'number'.", source: 'ts', code: '2322' }];
    const text = userText(prompt({ problems, instruction: quickFixInstruction(problems) }));
    assert.match(text, /Problems reported in this code:\n- line 21: error TS2322 \(ts\): Type 'string' is not assignable to type 'number'\./);
    assert.match(text, /Fix the problem listed above with the smallest correct change/);
  });

  it('refuses a range that cannot fit the model\'s window, saying what to do', () => {
    assert.throws(() => prompt({ documentText: numbered(3000), range: { start: 0, end: 3000 }, contextWindow: 4096 }), (error: unknown) => {
      assert.ok(isLlmError(error, 'contextTooLong'));
      assert.match(error.message, /3000 lines.*do not fit qwen2\.5-coder:7b's 4,096-token context window\. Select a smaller range/);
      return true;
    });
  });

  it('presets are plain instructions', () => {
    assert.match(refactorPreset('document').instruction, /documentation comments/);
    assert.equal(refactorPreset('improveNames').title, 'Improve Names');
  });
});

describe('streamed code lines (progress)', () => {
  it('counts lines inside the code block as they arrive, not the prose around it', () => {
    assert.equal(streamedCodeLines('Here is'), 1);
    assert.equal(streamedCodeLines('Sure:\n```ts\n'), 0);
    assert.equal(streamedCodeLines('Sure:\n```ts\na();\nb'), 2);
    assert.equal(streamedCodeLines('```ts\na();\nb();\n```\nDone, and more text\nhere'), 2);
    assert.equal(streamedCodeLines('<think>\nhmm\n'), 0);
  });
});

describe('rebaseOnCurrent (the user typed while the model answered)', () => {
  const seen = 'a\nb\nc\nd\ne\n';
  const proposed = 'a\nb\nC!\nd\ne\n';

  it('moves the proposal with lines the user added above it', () => {
    const rebased = rebaseOnCurrent(seen, proposed, 'new 1\nnew 2\na\nb\nc\nd\ne\n', { start: 2, end: 3 });
    assert.deepEqual(rebased, { ok: true, originalText: 'new 1\nnew 2\na\nb\nc\nd\ne\n', proposedText: 'new 1\nnew 2\na\nb\nC!\nd\ne\n', moved: true });
  });

  it('refuses when the user changed the lines being rewritten, naming both', () => {
    const rebased = rebaseOnCurrent(seen, proposed, 'a\nb\nc typed\nd\ne\n', { start: 2, end: 3 });
    assert.equal(rebased.ok, false);
    assert.ok(!rebased.ok && /^You changed line 3 while Tandem was rewriting line 3, and the proposal touches the same lines; nothing was proposed\./.test(rebased.reason), !rebased.ok ? rebased.reason : '');
  });

  it('is a no-op when nothing changed', () => {
    assert.deepEqual(rebaseOnCurrent(seen, proposed, seen, { start: 2, end: 3 }), { ok: true, originalText: seen, proposedText: proposed, moved: false });
  });
});

describe('mapRange / pendingRange (following a range across versions of a text)', () => {
  const base = 'a\nb\nc\nd\ne\n';

  it('moves a range with lines inserted or removed above it, not with lines inserted right after it', () => {
    assert.deepEqual(mapRange(base, 'x\ny\na\nb\nc\nd\ne\n', { start: 2, end: 4 }), { start: 4, end: 6 });
    assert.deepEqual(mapRange(base, 'b\nc\nd\ne\n', { start: 2, end: 4 }), { start: 1, end: 3 });
    assert.deepEqual(mapRange(base, 'a\nb\nc\nd\nnew\ne\n', { start: 2, end: 4 }), { start: 2, end: 4 });
    assert.deepEqual(mapRange(base, 'a\nb\nnew\nc\nd\ne\n', { start: 2, end: 4 }), { start: 3, end: 5 });
  });

  it('grows a range to cover a change that straddles its edge', () => {
    assert.deepEqual(mapRange(base, 'a\nB\nC\nd\ne\n', { start: 2, end: 4 }), { start: 1, end: 4 });
  });

  it('pendingRange: the hinted lines grown to every change, with the proposal\'s text for them', () => {
    assert.deepEqual(pendingRange(base, 'a\nb\nC\nC2\nd\ne\n', { start: 1, end: 4 }), { range: { start: 1, end: 4 }, lines: ['b', 'C', 'C2', 'd'] });
    assert.deepEqual(pendingRange(base, 'A\nb\nc\nd\ne\n', { start: 2, end: 3 }), { range: { start: 0, end: 3 }, lines: ['A', 'b', 'c'] });
    assert.deepEqual(pendingRange(base, base, { start: 2, end: 3 }), { range: { start: 2, end: 3 }, lines: ['c'] });
  });
});
