// The block to edit when nothing is selected and no symbol provider knows the file.
import assert from 'node:assert/strict';
import { findEnclosingBlock } from '../../../../src/core/edits/rewrite';

/** The block's lines for the cursor on the first line containing `marker`. */
function blockAt(source: string, marker: string, languageId: string, maxLines?: number) {
  const lines = source.split('\n');
  const cursor = lines.findIndex((l) => l.includes(marker));
  assert.ok(cursor >= 0, `marker ${marker} not found`);
  const block = findEnclosingBlock(lines, cursor, languageId, maxLines !== undefined ? { maxLines } : {});
  return { kind: block.kind, text: lines.slice(block.range.start, block.range.end).join('\n') };
}

const ts = `import { readFile } from 'node:fs/promises';

export class Loader {
  private cache = new Map<string, string>();

  /**
   * Reads a file once.
   */
  @memoize()
  async load(
    path: string,
    encoding: BufferEncoding = 'utf8',
  ): Promise<string> {
    if (this.cache.has(path)) {
      return this.cache.get(path)!; // cached {
    }
    const text = await readFile(path, encoding);
    const label = "not a brace: }";
    this.cache.set(path, text);
    return text;
  }

  clear(): void {
    this.cache.clear();
  }
}

const handlers = [1, 2].map((n) => {
  return n * 2;
});

console.log(handlers);
console.log('done');
`;

describe('findEnclosingBlock', () => {
  it('TypeScript: the method around the cursor, with its doc comment, decorator and multi-line signature', () => {
    const block = blockAt(ts, 'cached {', 'typescript');
    assert.equal(block.kind, 'declaration');
    assert.equal(block.text, ts.slice(ts.indexOf('  /**\n   * Reads'), ts.indexOf('  clear()') - 2));
  });

  it('TypeScript: braces in strings and comments are not counted', () => {
    assert.match(blockAt(ts, 'not a brace', 'typescript').text, /^ {2}\/\*\*[\s\S]*return text;\n {2}\}$/);
  });

  it('TypeScript: the class when the cursor is on a field', () => {
    const block = blockAt(ts, 'private cache', 'typescript');
    assert.equal(block.kind, 'declaration');
    assert.match(block.text, /^export class Loader \{[\s\S]*\n\}$/);
  });

  it('TypeScript: an arrow function passed as an argument counts as a function', () => {
    assert.equal(blockAt(ts, 'return n * 2', 'typescript').text, 'const handlers = [1, 2].map((n) => {\n  return n * 2;\n});');
  });

  it('a top-level statement outside any block: its paragraph', () => {
    assert.deepEqual(blockAt(ts, "console.log('done')", 'typescript'), { kind: 'paragraph', text: "console.log(handlers);\nconsole.log('done');" });
  });

  it('a class too long for maxLines gives way to a smaller block', () => {
    assert.equal(blockAt(ts, 'this.cache.clear()', 'typescript', 5).text, '  clear(): void {\n    this.cache.clear();\n  }');
    assert.equal(blockAt(ts, 'private cache', 'typescript', 5).kind, 'paragraph');
  });

  it('Python: the method by indentation, with decorators and comments above, ignoring the if inside', () => {
    const py = 'class Store:\n    # Removes stock.\n    @staticmethod\n    def remove(stock, sku):\n        if sku in stock:\n            del stock[sku]\n\n        return stock\n\n    def add(self):\n        pass\n';
    const block = blockAt(py, 'del stock', 'python');
    assert.equal(block.kind, 'declaration');
    assert.equal(block.text, '    # Removes stock.\n    @staticmethod\n    def remove(stock, sku):\n        if sku in stock:\n            del stock[sku]\n\n        return stock');
  });

  it('Python: a def line itself is the block it opens; a docstring with braces does not confuse it', () => {
    const py = 'def render(x):\n    """Formats {x} as {"a": 1}."""\n    return f"{x}"\n\nprint(render(1))\n';
    assert.equal(blockAt(py, 'def render', 'python').text, 'def render(x):\n    """Formats {x} as {"a": 1}."""\n    return f"{x}"');
  });

  it('Go: a function with tabs', () => {
    const go = 'package main\n\n// Sum adds.\nfunc Sum(xs []int) int {\n\ttotal := 0\n\tfor _, x := range xs {\n\t\ttotal += x\n\t}\n\treturn total\n}\n';
    assert.equal(blockAt(go, 'total += x', 'go').text, go.slice(go.indexOf('// Sum'), -1));
  });

  it('C#: Allman braces, attributes and XML doc comments', () => {
    const cs = 'namespace Shop\n{\n    public class Cart\n    {\n        /// <summary>Total.</summary>\n        [Pure]\n        public decimal Total()\n        {\n            return items.Sum(i => i.Price);\n        }\n    }\n}\n';
    assert.equal(blockAt(cs, 'items.Sum', 'csharp').text, '        /// <summary>Total.</summary>\n        [Pure]\n        public decimal Total()\n        {\n            return items.Sum(i => i.Price);\n        }');
  });

  it("Rust: lifetimes are not character literals, '{' as a char is one", () => {
    const rs = "impl<'a> Parser<'a> {\n    fn next(&mut self) -> Option<&'a str> {\n        let open = '{';\n        self.items.pop()\n    }\n}\n";
    assert.equal(blockAt(rs, 'items.pop', 'rust').text, "    fn next(&mut self) -> Option<&'a str> {\n        let open = '{';\n        self.items.pop()\n    }");
  });

  it('an unknown language falls back to indentation', () => {
    const text = 'section:\n  key: value\n  other: 2\nnext: 1\n';
    assert.equal(blockAt(text, 'other', 'plaintext').text, 'section:\n  key: value\n  other: 2');
  });

  it('a blank line outside any block is an insertion point; an empty file is an empty range', () => {
    assert.deepEqual(findEnclosingBlock(['a', '', 'b'], 1, 'plaintext'), { kind: 'paragraph', range: { start: 1, end: 2 } });
    assert.deepEqual(findEnclosingBlock([], 0, 'typescript'), { kind: 'paragraph', range: { start: 0, end: 0 } });
  });
});
