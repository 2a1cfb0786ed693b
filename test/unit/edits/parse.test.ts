// The parser on its own: paths, elision comments, fences, numbering and grouping of blocks.
import assert from 'node:assert/strict';
import { isElisionLine, parseEditResponse, type SearchReplaceBlock } from '../../../src/core/edits';
import { pathFromInfo, pathFromLine } from '../../../src/core/edits/parse/paths';
import { scanFences } from '../../../src/core/edits/parse/fences';

describe('edit response parser', () => {
  it('tells a path line from prose', () => {
    const paths: Array<[string, string | undefined]> = [
      ['src/app.ts', 'src/app.ts'],
      ['**src/app.ts**', 'src/app.ts'],
      ['### `src/app.ts`', 'src/app.ts'],
      ['File: src/app.ts', 'src/app.ts'],
      ['`src/app.ts`:', 'src/app.ts'],
      ['- src/app.ts (new file)', 'src/app.ts'],
      ['Update `src/app.ts` as follows:', 'src/app.ts'],
      ['Makefile', 'Makefile'],
      ['.github/workflows/ci.yml', '.github/workflows/ci.yml'],
      ['Here is the change:', undefined],
      ['Use `foo()` and `bar()` here:', undefined],
      ['Version 1.2.3', undefined],
      ['See https://example.com/docs.html', undefined],
      ['This calls `a.ts` and `b.ts` together, which is how the loader works in general.', undefined],
    ];
    for (const [line, expected] of paths) assert.equal(pathFromLine(line), expected, line);
  });

  it('reads a path from a fence info string', () => {
    assert.equal(pathFromInfo('ts src/app.ts'), 'src/app.ts');
    assert.equal(pathFromInfo('src/app.ts'), 'src/app.ts');
    assert.equal(pathFromInfo('typescript:src/app.ts'), 'src/app.ts');
    assert.equal(pathFromInfo('ts title="src/app.ts"'), 'src/app.ts');
    assert.equal(pathFromInfo('python filename=app.py'), 'app.py');
    assert.equal(pathFromInfo('ts'), undefined);
    assert.equal(pathFromInfo('c++'), undefined);
  });

  it('recognizes elision comments, and not ordinary comments or Python ellipsis', () => {
    for (const line of ['// ... existing code ...', '    # ... rest of the class unchanged ...', '/* ... */', '{/* ... existing code ... */}', '<!-- ... -->', '-- ... rest of the schema unchanged ...', '// existing code', '# rest of file unchanged', '// …', '  // ... other methods ...', '...']) {
      assert.equal(isElisionLine(line), true, line);
    }
    for (const line of ['// TODO: handle errors', '# compute the rest of the total', '// ... handle other cases', '   ...', 'return ...args;', '// see existing tests for examples of usage and the corner cases we cover']) {
      assert.equal(isElisionLine(line, line.trim() === '...' ? 'python' : 'ts'), false, line);
    }
  });

  it('keeps nested fences of a markdown file inside the outer block', () => {
    const lines = ['```markdown README.md', '# Title', '```sh', 'npm i', '```', 'text', '```', 'after'];
    assert.deepEqual(scanFences(lines).map((f) => [f.open, f.close, f.closed]), [[0, 6, true]]);
    assert.deepEqual(scanFences(['```ts a.ts', 'x']).map((f) => f.closed), [false]);
  });

  it('numbers blocks in response order and groups them by file in order of first appearance', () => {
    const response = [
      'b.ts', '<<<<<<< SEARCH', 'b1', '=======', 'b2', '>>>>>>> REPLACE', '',
      'a.ts', '<<<<<<< SEARCH', 'a1', '=======', 'a2', '>>>>>>> REPLACE', '',
      'b.ts', '<<<<<<< SEARCH', 'b3', '=======', 'b4', '>>>>>>> REPLACE', '',
    ].join('\n');
    const plan = parseEditResponse(response);
    assert.deepEqual(plan.files.map((f) => [f.path, f.blocks.map((b) => b.index)]), [['b.ts', [0, 2]], ['a.ts', [1]]]);
    const block = plan.files[0]!.blocks[1] as SearchReplaceBlock;
    assert.deepEqual([block.search, block.replace, block.responseLine], [['b3'], ['b4'], 16]);
  });

  it('reads hunk line numbers as hints and keeps blank context lines', () => {
    const plan = parseEditResponse('```diff\n--- a/x.py\n+++ b/x.py\n@@ -10,4 +10,4 @@ def f():\n a = 1\n\n-b = 2\n+b = 3\n```\n');
    const block = plan.files[0]!.blocks[0] as SearchReplaceBlock;
    assert.equal(plan.files[0]!.path, 'x.py');
    assert.deepEqual([block.lineHint, block.search, block.replace, block.ordered], [10, ['a = 1', '', 'b = 2'], ['a = 1', '', 'b = 3'], true]);
  });

  it('reports code blocks that name no file instead of applying them', () => {
    const plan = parseEditResponse('Try this:\n\n```ts\nconsole.log(1);\n```\n\nand run\n\n```bash\nnpm test\n```\n');
    assert.deepEqual(plan.files, []);
    assert.match(plan.warnings[0]!, /^1 code block\(s\) name no file and were not applied \(response line 3\)/);
  });

  it('never treats a shell command block as a file, even after a path-like line', () => {
    const plan = parseEditResponse('package.json\n```bash\nnpm install zod\n```\n');
    assert.deepEqual(plan.files, []);
  });
});
