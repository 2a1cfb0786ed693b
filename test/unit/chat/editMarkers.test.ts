import { strict as assert } from 'node:assert';
import { hasApplicableEdits } from '../../../src/core/chat/editMarkers';

describe('hasApplicableEdits ("Apply All Edits" on an answer)', () => {
  it('offers it for SEARCH/REPLACE, apply_patch, diffs and code blocks for two named files', () => {
    assert.ok(hasApplicableEdits('src/a.ts\n```ts\n<<<<<<< SEARCH\nold\n=======\nnew\n>>>>>>> REPLACE\n```'));
    assert.ok(hasApplicableEdits('*** Begin Patch\n*** Update File: a.py\n@@\n-x\n+y\n*** End Patch'));
    assert.ok(hasApplicableEdits('```diff\n--- a/a.go\n+++ b/a.go\n@@ -1 +1 @@\n-a\n+b\n```'));
    assert.ok(hasApplicableEdits('```ts src/a.ts\nexport const a = 1;\n```\nand\n```ts src/b.ts\nexport const b = 2;\n```'));
  });

  it('does not offer it for explanations with one snippet or shell commands', () => {
    assert.ok(!hasApplicableEdits('Use this:\n```ts src/a.ts\nexport const a = 1;\n```'));
    assert.ok(!hasApplicableEdits('Run\n```sh\nnpm test\n```\nthen\n```sh\nnpm run lint\n```'));
    assert.ok(!hasApplicableEdits('A diff looks like `@@ -1 +1 @@` and SEARCH is a word.'));
  });
});
