// The matching ladder and apply rules, case by case (the golden corpus covers realistic files).
import assert from 'node:assert/strict';
import { applyFileEdit, describeFailures, editFromCodeBlock, parseEditResponse, type FileEdit } from '../../../src/core/edits';

function edit(search: string, replace: string): FileEdit {
  return parseEditResponse(`<<<<<<< SEARCH\n${search}\n=======\n${replace}\n>>>>>>> REPLACE\n`, { defaultPath: 'f.ts' }).files[0]!;
}

describe('applyFileEdit', () => {
  it('re-indents the replacement of a block the model shifted, in the file\'s own tabs', () => {
    const file = 'func f() {\n\tif ok {\n\t\treturn 1\n\t}\n}\n';
    const result = applyFileEdit(file, edit('if ok {\n    return 1\n}', 'if ok {\n    log()\n    return 1\n} else {\n    return 2\n}'));
    assert.equal(result.blocks[0]!.strategy, 'indentation');
    assert.equal(result.newText, 'func f() {\n\tif ok {\n\t\tlog()\n\t\treturn 1\n\t} else {\n\t\treturn 2\n\t}\n}\n');
  });

  it('reports every place of an ambiguous block, 1-based, with the text there', () => {
    const file = 'a\nx = 1\nb\nx = 1\nc\n';
    const result = applyFileEdit(file, edit('x = 1', 'x = 2'));
    assert.equal(result.status, 'failed');
    assert.equal(result.newText, undefined);
    const block = result.blocks[0]!;
    assert.equal(block.code, 'ambiguous');
    assert.deepEqual(block.candidates?.map((c) => [c.startLine, c.endLine, c.text]), [[2, 2, 'x = 1'], [4, 4, 'x = 1']]);
  });

  it('refuses a block that differs from the file in a number, naming the closest place and the differing tokens', () => {
    const file = 'function price(item) {\n  const base = item.cost * 1.2;\n  return Math.round(base);\n}\n';
    const near = edit('function price(item) {\n  const base = item.cost * 1.25;\n  return Math.round(base);\n}', 'function price(item) {\n  const base = item.cost * 1.25;\n  return Math.ceil(base);\n}');
    const result = applyFileEdit(file, near);
    assert.equal(result.status, 'failed');
    assert.equal(result.newText, undefined);
    assert.equal(result.blocks[0]!.code, 'not-found');
    assert.deepEqual([result.blocks[0]!.closest?.startLine, result.blocks[0]!.closest?.endLine], [1, 4]);
    assert.match(result.blocks[0]!.reason!, /The closest place is lines 1-4, where SEARCH says `1\.25`, the file has `1\.2` at line 2\./);
  });

  it('never writes a partial file: one failed block fails the file, and every failure is reported', () => {
    const plan = parseEditResponse('f.ts\n<<<<<<< SEARCH\nA\n=======\nA2\n>>>>>>> REPLACE\n<<<<<<< SEARCH\nmissing one\n=======\nX\n>>>>>>> REPLACE\n<<<<<<< SEARCH\nmissing two\n=======\nY\n>>>>>>> REPLACE\n');
    const result = applyFileEdit('A\nB\n', plan.files[0]!);
    assert.equal(result.status, 'failed');
    assert.equal(result.newText, undefined);
    assert.deepEqual(result.blocks.map((b) => b.status), ['applied', 'failed', 'failed']);
    const feedback = describeFailures(result, plan);
    assert.match(feedback, /## f\.ts: 2 of 3 blocks failed/);
    assert.match(feedback, /- Block 2 \(SEARCH\/REPLACE block at response line 7, starting "missing one"\): Could not find the SEARCH text \(1 line\) in the file;/);
    assert.match(feedback, /- Block 3 /);
    assert.equal(describeFailures(applyFileEdit('A\n', edit('A', 'B'))), '');
  });

  it('puts the closest text and its similarity in the retry message', () => {
    const file = 'def area(w, h):\n    return w * h\n\n\ndef volume(w, h, d):\n    return w * h * d\n';
    const result = applyFileEdit(file, edit('def volume(width, height, depth):\n    return width * height * depth', 'def volume(width, height, depth):\n    return abs(width * height * depth)'));
    assert.equal(result.status, 'failed');
    const feedback = describeFailures(result);
    assert.match(feedback, /The closest text in the file is lines 5-6 \(similarity 0\.\d\d\):\n {2}```\n {2}def volume\(w, h, d\):\n {6}return w \* h \* d\n {2}```/);
  });

  it('refuses an edit that would empty a file, but deletes one when told to', () => {
    const emptied = applyFileEdit('only line\n', edit('only line', ''));
    assert.equal(emptied.status, 'failed');
    assert.equal(emptied.blocks[0]!.code, 'empties-file');
    const deletion = parseEditResponse('*** Begin Patch\n*** Delete File: f.ts\n*** End Patch\n').files[0]!;
    assert.deepEqual([applyFileEdit('only line\n', deletion).status, applyFileEdit('only line\n', deletion).deleted], ['applied', true]);
  });

  it('keeps a CRLF file CRLF, with a BOM and no final newline', () => {
    const result = applyFileEdit('\uFEFFa\r\nb\r\nc', edit('b', 'b\nb2'));
    assert.equal(result.newText, '\uFEFFa\r\nb\r\nb2\r\nc');
  });

  it('says "unchanged" when every block applied and nothing changed', () => {
    assert.equal(applyFileEdit('a\n', edit('a', 'a')).status, 'unchanged');
  });

  it('gives up fuzzy search of a huge file within its time budget and still reports a candidate', () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `  const value${i} = compute(${i % 97}, "${'x'.repeat(i % 23)}");`);
    const file = `${lines.join('\n')}\n`;
    const block = edit('  const valueX = compute(1, "y");\n  const valueY = compute(2, "z");', 'nothing');
    // A clock that moves 1 ms each time it is read: the scan reads it every 256 places, so the
    // budget (30 ms) is spent after about 30 reads, however fast or loaded the machine is.
    const stepping = () => { let t = 0; let reads = 0; return { clock: () => { reads++; return (t += 1); }, reads: () => reads }; };
    const budgeted = stepping();
    const result = applyFileEdit(file, block, { fuzzyBudgetMs: 30, clock: budgeted.clock });
    assert.equal(result.status, 'failed');
    assert.ok(result.blocks[0]!.closest, 'the refusal still names the closest place found');
    assert.ok(budgeted.reads() <= 40, `stopped once the budget was spent (${budgeted.reads()} reads)`);
    // With all the time it wants the scan goes through the whole file (20,000 places: ~80 reads).
    const unbudgeted = stepping();
    applyFileEdit(file, block, { fuzzyBudgetMs: 1e9, clock: unbudgeted.clock });
    assert.ok(unbudgeted.reads() >= 70, `a scan without a budget reads the clock ${unbudgeted.reads()} times`);
  });

  it('applies a chat code block (Apply button) as a whole file, a file with elided parts, or a fragment', () => {
    const file = ['import { a } from "./a";', '', 'export function one() {', '  return a(1);', '}', '', 'export function two() {', '  return a(2);', '}', '', 'export function three() {', '  return a(3);', '}', ''].join('\n');
    const rewrite = ['import { a } from "./a";', '', 'export const one = () => a(1);', 'export const two = () => a(2);', 'export const three = () => a(3);', 'export const four = () => a(4);', 'export const five = () => a(5);', 'export const six = () => a(6);', ''].join('\n');
    const whole = applyFileEdit(file, editFromCodeBlock('src/x.ts', rewrite, 'ts'));
    assert.deepEqual([whole.blocks[0]!.strategy, whole.newText], ['whole-file', rewrite]);
    // A one-liner that matches nothing used to replace the whole file with itself.
    const unplaced = applyFileEdit(file, editFromCodeBlock('src/x.ts', 'export const x = 1;\n', 'ts'));
    assert.deepEqual([unplaced.status, unplaced.blocks[0]!.code, unplaced.newText], ['failed', 'cannot-place', undefined]);
    assert.match(unplaced.blocks[0]!.reason ?? '', /much shorter than the file \(10 non-blank lines\) and matches no part of it/);
    const partial = applyFileEdit(file, editFromCodeBlock('src/x.ts', '// ... existing code ...\nexport function two() {\n  return a(2) * 2;\n}\n// ... existing code ...\n', 'ts'));
    assert.deepEqual([partial.blocks[0]!.strategy, partial.newText], ['merge', file.replace('a(2);', 'a(2) * 2;')]);
    const fragment = applyFileEdit(file, editFromCodeBlock('src/x.ts', 'export function three() {\n  return a(3) + 1;\n}\n', 'ts'));
    assert.deepEqual([fragment.blocks[0]!.strategy, fragment.newText], ['snippet', file.replace('a(3);', 'a(3) + 1;')]);
  });
});
