import assert from 'node:assert/strict';
import { parseUnifiedDiff } from '../../../src/core/review';

describe('review: reading git diffs', () => {
  it('reads changed lines, removal points, statuses and renames', () => {
    const diff = [
      'diff --git a/src/a.ts b/src/a.ts',
      'index 1..2 100644',
      '--- a/src/a.ts',
      '+++ b/src/a.ts',
      '@@ -1,4 +1,4 @@ function top() {',
      ' one',
      '-two',
      '+TWO',
      ' three',
      '-four',
      '\\ No newline at end of file',
      '@@ -10,0 +11,2 @@',
      '+eleven',
      '+twelve',
      'diff --git a/old name.ts b/new name.ts',
      'similarity index 90%',
      'rename from old name.ts',
      'rename to new name.ts',
      'diff --git a/img.png b/img.png',
      'Binary files a/img.png and b/img.png differ',
      'diff --git a/gone.ts b/gone.ts',
      'deleted file mode 100644',
      '--- a/gone.ts',
      '+++ /dev/null',
      '@@ -1,2 +0,0 @@',
      '-x',
      '-y',
      'diff --git "a/caf\\303\\251.ts" "b/caf\\303\\251.ts"',
      'new file mode 100644',
      '--- /dev/null',
      '+++ "b/caf\\303\\251.ts"',
      '@@ -0,0 +1 @@',
      '+new',
      '',
    ].join('\n');
    const files = parseUnifiedDiff(diff);
    assert.deepEqual(files.map((f) => [f.path, f.status, f.oldPath]), [
      ['src/a.ts', 'modified', undefined], ['new name.ts', 'renamed', 'old name.ts'], ['img.png', 'binary', undefined], ['gone.ts', 'deleted', undefined], ['café.ts', 'added', undefined],
    ]);
    const a = files[0]!;
    assert.deepEqual([...a.addedLines], [2, 11, 12]);
    assert.deepEqual([...a.removalPoints], [2, 4]);
    assert.equal(a.hunks[0]!.heading, 'function top() {');
    assert.equal(a.added, 3);
    assert.equal(a.removed, 2);
    assert.match(a.text, /^diff --git a\/src\/a.ts/);
    assert.doesNotMatch(a.text, /old name/);
    assert.deepEqual([...files[3]!.removalPoints], [1]);
  });

  it('reads a plain diff -u without git headers, CRLF and all, and nothing from text that is no diff', () => {
    const files = parseUnifiedDiff('--- x.py\t2024-01-01\r\n+++ x.py\t2024-01-02\r\n@@ -1 +1 @@\r\n-a\r\n+b\r\n--- y.py\n+++ y.py\n@@ -3,2 +3,3 @@\n c\n+d\n e\n');
    assert.deepEqual(files.map((f) => [f.path, [...f.addedLines]]), [['x.py', [1]], ['y.py', [4]]]);
    assert.deepEqual(parseUnifiedDiff('hello\nworld\n'), []);
  });
});
