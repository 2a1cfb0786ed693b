// Each kind of wrong apply of issue #11, small enough to read: before the fix each of these wrote
// a wrong file (or inserted twice, or threw); now it applies exactly or refuses with the reason.
import assert from 'node:assert/strict';
import { applyFileEdit, parseEditResponse } from '../../../src/core/edits';

const sr = (search: string, replace: string) => `<<<<<<< SEARCH\n${search}\n=======\n${replace}\n>>>>>>> REPLACE\n`;
const apply = (file: string, response: string, path = 'src/a.ts') => applyFileEdit(file, parseEditResponse(response, { defaultPath: path }).files[0]!);

describe('edit engine precision (issue #11)', () => {
  it('1. refuses a SEARCH that differs in an identifier, naming both and the line, and writes nothing', () => {
    const file = 'function check(userId) {\n  if (!userId) throw new Error("no id");\n  return load(userId);\n}\n';
    const result = apply(file, sr('  if (!userIds) throw new Error("no id");', '  if (!userIds) return null;'));
    assert.equal(result.status, 'failed');
    assert.equal(result.newText, undefined);
    assert.match(result.blocks[0]!.reason!, /SEARCH says `userIds`, the file has `userId` at line 2/);
  });

  it('1. still applies when only layout differs, and says what it forgave', () => {
    const file = 'const config = {\n  retries: 3,\n  timeout: 5,\n};\n';
    const result = apply(file, sr('const config={\n    retries:3,\n    timeout:5\n};', 'const config={\n    retries:3,\n    timeout:10\n};'));
    assert.equal(result.newText, 'const config = {\n  retries: 3,\n  timeout:10\n};\n');
    assert.deepEqual([result.blocks[0]!.strategy, result.blocks[0]!.forgiven], ['tokens', ['indentation', 'whitespace', 'trailing-commas']]);
  });

  it('2. a SEARCH that omits a blank line gives exactly the REPLACE there, no doubled blank line', () => {
    const file = 'function a() {\n  return 1;\n}\n\nfunction b() {\n  return 2;\n}\n';
    const result = apply(file, sr('}\nfunction b() {', '}\n\nfunction between() {}\n\nfunction b() {'));
    assert.equal(result.newText, 'function a() {\n  return 1;\n}\n\nfunction between() {}\n\nfunction b() {\n  return 2;\n}\n');
  });

  it('3. elided code: a near-miss anchor is refused, a repeated anchor is refused, a dedented excerpt lands at the file\'s depth', () => {
    const file = 'class A {\n  load(userId) {\n    return db.get(userId);\n  }\n\n  save(user) {\n    db.put(user);\n    return true;\n  }\n\n  drop(user) {\n    db.put(user);\n    return true;\n  }\n}\n';
    const nearMiss = apply(file, '```ts\n// ... existing code ...\n  load(userIds) {\n    cache.clear();\n// ... existing code ...\n```\n');
    assert.equal(nearMiss.blocks[0]!.code, 'cannot-place');
    assert.match(nearMiss.blocks[0]!.reason!, /the code block says `userIds`, the file has `userId`/);
    const twice = apply(file, '```ts\n// ... existing code ...\n    db.put(user);\n    log(user);\n    return true;\n// ... existing code ...\n```\n');
    assert.equal(twice.blocks[0]!.code, 'ambiguous');
    assert.match(twice.blocks[0]!.reason!, /fits 2 places in the file \(lines 7-8, lines 12-13\)/);
    const dedented = apply(file, '```ts\n// ... existing code ...\nload(userId) {\n  if (!userId) return undefined;\n  return db.get(userId);\n}\n// ... existing code ...\n```\n');
    assert.equal(dedented.newText, file.replace('    return db.get(userId);', '    if (!userId) return undefined;\n    return db.get(userId);'));
  });

  it('4. ambiguity: SEARCH/REPLACE lists the places; a diff line number decides only when it points at one place', () => {
    const file = 'function a() {\n  return rows.map(f);\n}\n\nfunction b() {\n  return rows.map(f);\n}\n';
    const twice = apply(file, sr('  return rows.map(f);', '  return rows.map(g);'));
    assert.match(twice.blocks[0]!.reason!, /in 2 places \(lines 2-2, lines 6-6\)/);
    const hunk = (line: number) => `\`\`\`diff\n--- a/src/a.ts\n+++ b/src/a.ts\n@@ -${line},2 +${line},2 @@\n-  return rows.map(f);\n+  return rows.map(g);\n }\n\`\`\`\n`;
    assert.equal(apply(file, hunk(6)).newText, 'function a() {\n  return rows.map(f);\n}\n\nfunction b() {\n  return rows.map(g);\n}\n');
    assert.equal(apply(file, hunk(4)).blocks[0]!.code, 'ambiguous', 'between the two: no guess');
    assert.equal(apply(file, hunk(30)).blocks[0]!.code, 'ambiguous', 'far from both: no guess');
  });

  it('4. apply_patch: an anchor that occurs twice is refused; one that names the enclosing class decides', () => {
    const file = 'class A {\n  total() {\n    return sum;\n  }\n}\nclass B {\n  total() {\n    return sum;\n  }\n}\n';
    const patch = (anchor: string) => `*** Begin Patch\n*** Update File: src/a.ts\n@@ ${anchor}\n-    return sum;\n+    return sum * 2;\n*** End Patch\n`;
    assert.equal(apply(file, patch('total() {')).blocks[0]!.code, 'ambiguous');
    assert.equal(apply(file, patch('class B {')).newText, file.replace(/(class B[\s\S]*?)return sum;/, '$1return sum * 2;'));
  });

  it('5. the same reply twice: the second is already applied and changes nothing', () => {
    const file = 'import a from "a";\n\nexport const x = a();\n';
    const reply = `src/a.ts\n${sr('import a from "a";', 'import a from "a";\nimport b from "b";')}`;
    const once = apply(file, reply);
    const twice = apply(once.newText!, reply);
    assert.deepEqual([twice.status, twice.alreadyApplied, twice.newText], ['unchanged', true, once.newText]);
  });

  it('6. a reply that names no file applies to the given file, in every format', () => {
    const file = 'export function a() {\n  return 1;\n}\n';
    const expected = file.replace('return 1', 'return 2');
    assert.equal(apply(file, `Here:\n\n\`\`\`ts\n${sr('  return 1;', '  return 2;')}\`\`\`\n`).newText, expected);
    assert.equal(apply(file, '```diff\n@@ -2,1 +2,1 @@\n-  return 1;\n+  return 2;\n```\n').newText, expected);
    assert.equal(apply(file, '*** Begin Patch\n*** Update File:\n@@\n-  return 1;\n+  return 2;\n*** End Patch\n').newText, expected);
    assert.equal(apply(file, '```ts\n// ... existing code ...\nexport function a() {\n  return 2;\n}\n```\n').newText, expected);
  });
});
