import assert from 'node:assert/strict';
import { captureCursorContext } from '../../../src/core/completion/cursorContext';
import { completionFromModelOutput } from '../../../src/core/completion/postprocess/pipeline';
import { loadGoldenCases } from './goldenCases';
import { documentWithCursor, requestAt } from './memoryDocument';

const cases = loadGoldenCases();

describe('completion post-processing: golden cases (test/fixtures/completion)', () => {
  it('has at least 40 cases across TypeScript, Python, Go and Rust', () => {
    assert.ok(cases.length >= 40, `only ${cases.length} cases`);
    assert.deepEqual([...new Set(cases.map((c) => c.languageId))].sort(), ['go', 'python', 'rust', 'typescript']);
  });

  for (const golden of cases) {
    it(`${golden.languageId}: ${golden.name}`, () => {
      const { document, position } = documentWithCursor(golden.document, golden.languageId);
      const cursor = captureCursorContext(requestAt(document, position, { tabSize: golden.tabSize, insertSpaces: golden.insertSpaces }));
      const result = completionFromModelOutput(golden.model, cursor, { chat: golden.chat, maxLines: 16 });
      if (golden.expected === undefined) {
        assert.equal(result, undefined, `expected the result to be dropped, got ${JSON.stringify(result?.insertText)}`);
        return;
      }
      assert.ok(result, 'the result was dropped');
      assert.equal(result.insertText, golden.expected);
      assert.equal(result.replaceLength, golden.replaces, 'characters after the cursor replaced');
    });
  }
});
