// The model's answer to an edit prompt -> the file's new text, on realistic answers (golden cases).
import assert from 'node:assert/strict';
import { rewriteRange } from '../../../../src/core/edits/rewrite';
import { buildEditPrompt } from '../../../../src/core/prompts/edit';
import { goldenCases, type RewriteGoldenCase } from './goldenCases';

function run(c: RewriteGoldenCase) {
  const prompt = buildEditPrompt({
    path: c.path, languageId: c.languageId, documentText: c.document,
    range: { start: c.lines[0] - 1, end: c.lines[1] },
    instruction: 'do it',
    ...(c.refine ? { refine: { proposedLines: c.refine.proposed.split('\n'), previousInstructions: [c.refine.previous] } } : {}),
    contextWindow: 8192, model: 'test-model',
  });
  return { prompt, result: rewriteRange(c.reply, prompt.target, { finishReason: c.finishReason }) };
}

describe('rewriteRange (golden answers)', () => {
  for (const c of goldenCases) {
    it(c.name, () => {
      const { result } = run(c);
      if (c.fails) {
        assert.equal(result.ok, false, `expected a refusal, got:\n${result.ok ? result.newText : ''}`);
        if (!result.ok) assert.match(result.reason, c.fails);
        return;
      }
      if (!result.ok) assert.fail(`refused: ${result.reason}`);
      assert.equal(JSON.stringify(result.newText), JSON.stringify(c.expected));
      assert.equal(result.via, c.via ?? 'range');
    });
  }

  it('never sends a secret of the range, and the proposal still holds it', () => {
    const c = goldenCases.find((g) => g.name.startsWith('secrets:'))!;
    const { prompt, result } = run(c);
    assert.doesNotMatch(JSON.stringify(prompt.messages), /sk-proj-abcdef/);
    assert.match(JSON.stringify(prompt.messages), /\[REDACTED\]/);
    assert.ok(result.ok && result.newText.includes('sk-proj-abcdefghijklmnopqrstuvwx1234'));
  });

  it('says where the new code is, for a follow-up on the same range', () => {
    const c = goldenCases[0]!;
    const { result } = run(c);
    assert.ok(result.ok);
    assert.deepEqual(result.newRange, { start: 11, end: 12 });
    assert.deepEqual(result.lines, ['    return this.items.reduce((sum, item) => sum + item.price * item.quantity, 0);']);
  });

  it('a whole-code rewrite of a long file whose context was cut keeps the lines the model was not shown', () => {
    const document = Array.from({ length: 5000 }, (_, i) => `export const rate${i} = lookup(${i}, "region-${i}");`).join('\n') + '\n';
    const range = { start: 2500, end: 2501 };
    const prompt = buildEditPrompt({ path: 'src/rates.ts', languageId: 'typescript', documentText: document, range, instruction: 'x', contextWindow: 8192, model: 'm' });
    const { before, after } = prompt.target;
    assert.ok(before.length < 2500 && after.length < 2499, 'the context must have been cut for this test');
    // The model renames in a context line too, and answers with exactly the code it was shown.
    const shown = [...before, 'export const rate2500 = lookup(2500, "eu-west");', ...after].map((line) => line.replace('"region-2499"', '"eu-central"'));
    const result = rewriteRange(`\`\`\`ts\n${shown.join('\n')}\n\`\`\``, prompt.target);
    assert.ok(result.ok, result.ok ? '' : result.reason);
    assert.equal(result.via, 'whole-file');
    assert.equal(result.newText, document.replace('"region-2499"', '"eu-central"').replace('lookup(2500, "region-2500")', 'lookup(2500, "eu-west")'));
  });

  it('refuses a SEARCH/REPLACE block that changes a line holding a redacted secret', () => {
    const document = 'const db = {\n  host: "db.local",\n  password: "correct-horse-battery",\n};\n';
    const prompt = buildEditPrompt({ path: 'db.ts', languageId: 'typescript', documentText: document, range: { start: 0, end: 4 }, instruction: 'x', contextWindow: 8192, model: 'm' });
    const reply = '<<<<<<< SEARCH\n  password: "[REDACTED]",\n=======\n  password: process.env.DB_PASSWORD,\n>>>>>>> REPLACE\n';
    const result = rewriteRange(reply, prompt.target);
    assert.equal(result.ok, false);
    assert.ok(!result.ok && /line holding a secret/.test(result.reason));
  });

  it('applies a SEARCH/REPLACE block elsewhere in a file that holds a secret, keeping the secret', () => {
    const document = 'const db = {\n  host: "db.local",\n  password: "correct-horse-battery",\n};\n';
    const prompt = buildEditPrompt({ path: 'db.ts', languageId: 'typescript', documentText: document, range: { start: 0, end: 4 }, instruction: 'x', contextWindow: 8192, model: 'm' });
    const result = rewriteRange('<<<<<<< SEARCH\n  host: "db.local",\n=======\n  host: "db.internal",\n>>>>>>> REPLACE\n', prompt.target);
    assert.ok(result.ok, result.ok ? '' : result.reason);
    assert.equal(result.newText, document.replace('db.local', 'db.internal'));
  });
});
