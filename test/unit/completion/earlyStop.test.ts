import assert from 'node:assert/strict';
import { StopDetector, type StopDecision } from '../../../src/core/completion/earlyStop';
import { cursorAt } from './memoryDocument';

/** Feeds `output` in chunks as a stream would; returns the decision and how much had arrived by then. */
function stream(marked: string, output: string, chunkSize = 3, languageId = 'typescript') {
  const indentation = languageId === 'python' ? { tabSize: 4, insertSpaces: true } : { tabSize: 2, insertSpaces: true };
  const detector = new StopDetector(cursorAt(marked, languageId, indentation), 16);
  for (let end = chunkSize; ; end += chunkSize) {
    const received = output.slice(0, Math.min(end, output.length));
    const final = end >= output.length;
    const decision: StopDecision | undefined = detector.update(received, final);
    if (decision || final) return { decision, received: received.length, kept: decision ? received.slice(0, decision.at) : received };
  }
}

describe('early stop while streaming', () => {
  it('single line: stops at the first line break, before the rest arrives', () => {
    const output = 'total + tax;\n  return rounded;\n'.padEnd(400, 'x');
    const { decision, received, kept } = stream('  const sum = █', output);
    assert.equal(decision?.reason, 'newline');
    assert.equal(kept, 'total + tax;');
    assert.ok(received < 20, `read ${received} characters`);
  });

  it('multi-line: stops when the block ends (closer at the opener level kept)', () => {
    const output = '\n  return a + b;\n}\n\nfunction sub(a, b) {\n  return a - b;\n}\n';
    const { decision, kept } = stream('function add(a, b) {█', output);
    assert.equal(decision?.reason, 'blockEnd');
    assert.equal(kept, '\n  return a + b;\n}');
  });

  it('multi-line: stops at a dedent below the cursor line (Python)', () => {
    const output = 'x = 1\n        y = 2\n    def other(self):\n';
    const { kept } = stream('class A:\n    def f(self):\n        █', output, 5, 'python');
    assert.equal(kept, 'x = 1\n        y = 2');
  });

  it('multi-line: stops on repetition, keeping the first copy', () => {
    const output = 'queue.push(item);\n  queue.push(item);\n  queue.push(item);\n';
    const { decision, kept } = stream('function f() {\n  █\n}', output);
    assert.equal(decision?.reason, 'repetition');
    assert.equal(kept, 'queue.push(item);');
  });

  it('multi-line: short repeated lines (closers) are not repetition', () => {
    const output = 'if (a) {\n    if (b) {\n      c();\n    }\n  }\n  d();';
    const { decision } = stream('function f() {\n  █\n}', output);
    assert.equal(decision, undefined);
  });

  it('multi-line: stops when the completion starts duplicating the suffix', () => {
    const output = 'const b = a * 2;\n  return b;\n}\n';
    const { decision, kept } = stream('function f(a) {\n  █\n  return b;\n}', output);
    assert.equal(decision?.reason, 'suffixDuplicate');
    assert.equal(kept, 'const b = a * 2;');
  });

  it('multi-line: stops after the line limit', () => {
    const output = Array.from({ length: 40 }, (_, i) => `  step${i}();`).join('\n').trimStart();
    const { decision, kept } = stream('function f() {\n  █\n}', output);
    assert.equal(decision?.reason, 'maxLines');
    assert.equal(kept.split('\n').length, 16);
  });

  it('decides the same whatever the chunk size', () => {
    const output = '\n  return a + b;\n}\n\nfunction sub(a, b) {\n';
    const kept = [1, 2, 7, 100].map((size) => stream('function add(a, b) {█', output, size).kept);
    assert.deepEqual(new Set(kept).size, 1);
  });
});
