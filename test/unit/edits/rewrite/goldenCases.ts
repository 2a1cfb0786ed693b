// Realistic answers to "rewrite this range" prompts, as models of several sizes write them, with
// the file each one must produce (or the reason it must be refused). Lines are 1-based, inclusive.

export interface RewriteGoldenCase {
  name: string;
  path: string;
  languageId: string;
  document: string;
  /** The selected lines, 1-based inclusive. */
  lines: [number, number];
  reply: string;
  finishReason?: string;
  /** A follow-up: the pending proposal for the range. */
  refine?: { proposed: string; previous: string };
  expected?: string;
  /** The refusal's reason must match. */
  fails?: RegExp;
  via?: 'range' | 'edit-blocks' | 'whole-file';
}

const crlf = (text: string) => text.replace(/\n/g, '\r\n');

const cart = `import { Item } from './item';

export class Cart {
  private items: Item[] = [];

  /** Adds an item. */
  add(item: Item): void {
    this.items.push(item);
  }

  total(): number {
    let sum = 0;
    for (const item of this.items) {
      sum += item.price * item.quantity;
    }
    return sum;
  }
}
`;

const pyInventory = `import logging

log = logging.getLogger(__name__)


class Inventory:
    def __init__(self):
        self.stock = {}

    def remove(self, sku, count):
        if sku not in self.stock:
            raise KeyError(sku)
        self.stock[sku] -= count
        return self.stock[sku]
`;

const goServer = `package server

import "net/http"

func health(w http.ResponseWriter, r *http.Request) {
\tif r.Method != http.MethodGet {
\t\tw.WriteHeader(http.StatusMethodNotAllowed)
\t\treturn
\t}
\tw.Write([]byte("ok"))
}
`;

const javaAccount = `package bank;

public class Account
{
    private long balance;

    public void withdraw(long amount)
    {
        balance -= amount;
    }
}
`;

const rustStack = `pub struct Stack<'a> {
    items: Vec<&'a str>,
}

impl<'a> Stack<'a> {
    pub fn pop(&mut self) -> Option<&'a str> {
        self.items.pop()
    }
}
`;

const rubyInvoice = `require "bigdecimal"

# Totals for one invoice.
class Invoice
  TAX_RATE = BigDecimal("0.2")

  def initialize(lines)
    @lines = lines
  end

  def subtotal
    @lines.sum { |line| line.price * line.quantity }
  end

  def total
    subtotal * (1 + TAX_RATE)
  end
end
`;

const pyTabs = 'def area(w, h):\n\tif w < 0:\n\t\traise ValueError("w")\n\treturn w * h\n';

export const goldenCases: RewriteGoldenCase[] = [
  {
    name: 'TypeScript: the model repeats the method signature and closing brace around the rewritten body',
    path: 'src/cart.ts', languageId: 'typescript', document: cart, lines: [12, 16],
    reply: "Here's the simplified version:\n\n```typescript\n  total(): number {\n    return this.items.reduce((sum, item) => sum + item.price * item.quantity, 0);\n  }\n```\n\nThis uses `reduce` instead of a loop.",
    expected: cart.replace('    let sum = 0;\n    for (const item of this.items) {\n      sum += item.price * item.quantity;\n    }\n    return sum;\n', '    return this.items.reduce((sum, item) => sum + item.price * item.quantity, 0);\n'),
  },
  {
    name: 'TypeScript: a dedented whole method is indented back into the class',
    path: 'src/cart.ts', languageId: 'typescript', document: cart, lines: [11, 17],
    reply: '```ts\n/** The sum of price times quantity over all items. */\ntotal(): number {\n  let sum = 0;\n  for (const item of this.items) {\n    sum += item.price * item.quantity;\n  }\n  return sum;\n}\n```',
    expected: cart.replace('  total(): number {', '  /** The sum of price times quantity over all items. */\n  total(): number {'),
  },
  {
    name: 'TypeScript: a dedented closing brace of the range is kept, not taken for the repeated `}` after it',
    path: 'src/cart.ts', languageId: 'typescript', document: cart, lines: [14, 15],
    reply: '```ts\n  sum += item.price * item.quantity * 100;\n}\n```',
    expected: cart.replace('      sum += item.price * item.quantity;', '      sum += item.price * item.quantity * 100;'),
  },
  {
    name: 'TypeScript: the `}` after the range, repeated at its own indentation, is dropped',
    path: 'src/cart.ts', languageId: 'typescript', document: cart, lines: [14, 15],
    reply: '```ts\n      sum += item.price * item.quantity * 100;\n    }\n    return sum;\n```',
    expected: cart.replace('      sum += item.price * item.quantity;', '      sum += item.price * item.quantity * 100;'),
  },
  {
    name: 'TypeScript: only the first line written flush left (the model continued from the cursor)',
    path: 'src/cart.ts', languageId: 'typescript', document: cart, lines: [13, 15],
    reply: '```ts\nfor (const { price, quantity } of this.items) {\n      sum += price * quantity;\n    }\n```',
    expected: cart.replace('    for (const item of this.items) {\n      sum += item.price * item.quantity;', '    for (const { price, quantity } of this.items) {\n      sum += price * quantity;'),
  },
  {
    name: 'TypeScript: a first line naming the file is dropped',
    path: 'src/cart.ts', languageId: 'typescript', document: cart, lines: [7, 9],
    reply: '```ts\n// src/cart.ts\n  add(item: Item): void {\n    if (item.quantity <= 0) throw new RangeError(`bad quantity: ${item.quantity}`);\n    this.items.push(item);\n  }\n```',
    expected: cart.replace('  add(item: Item): void {\n', '  add(item: Item): void {\n    if (item.quantity <= 0) throw new RangeError(`bad quantity: ${item.quantity}`);\n'),
  },
  {
    name: 'TypeScript: CRLF file keeps CRLF in the new lines and everywhere else',
    path: 'src/cart.ts', languageId: 'typescript', document: crlf(cart), lines: [7, 9],
    reply: '```typescript\n  add(item: Item): void {\n    this.items = [...this.items, item];\n  }\n```\n',
    expected: crlf(cart.replace('    this.items.push(item);', '    this.items = [...this.items, item];')),
  },
  {
    name: 'TypeScript: a file without final newline, edited at its last line, still has none',
    path: 'src/cart.ts', languageId: 'typescript', document: cart.trimEnd(), lines: [18, 18],
    reply: '```ts\n} // class Cart\n```',
    expected: `${cart.trimEnd().slice(0, -1)}} // class Cart`,
  },
  {
    name: 'TypeScript: a BOM and a leading blank line of the selection are kept',
    path: 'src/cart.ts', languageId: 'typescript', document: `\uFEFF${cart}`, lines: [10, 12],
    reply: '```ts\n  total(): number {\n    let sum: number = 0;\n```',
    expected: `\uFEFF${cart.replace('    let sum = 0;', '    let sum: number = 0;')}`,
  },
  {
    name: 'TypeScript: the code block among prose and a shell block is the one taken',
    path: 'src/cart.ts', languageId: 'typescript', document: cart, lines: [7, 9],
    reply: 'Run the tests afterwards:\n\n```bash\nnpm test\n```\n\nThe new method:\n\n```ts\n  add(item: Item): void {\n    this.items.push({ ...item });\n  }\n```\n',
    expected: cart.replace('    this.items.push(item);', '    this.items.push({ ...item });'),
  },
  {
    name: 'TypeScript: an answer without fences is the code itself',
    path: 'src/cart.ts', languageId: 'typescript', document: cart, lines: [8, 8],
    reply: '    this.items.push(Object.freeze(item));\n',
    expected: cart.replace('    this.items.push(item);', '    this.items.push(Object.freeze(item));'),
  },
  {
    name: "TypeScript: a reasoning model's <think> part is skipped",
    path: 'src/cart.ts', languageId: 'typescript', document: cart, lines: [8, 8],
    reply: '<think>\nThe user wants the push to copy. ```ts is what I should use.\n</think>\n\n```ts\n    this.items.push({ ...item });\n```',
    expected: cart.replace('    this.items.push(item);', '    this.items.push({ ...item });'),
  },
  {
    name: 'refused: a reasoning model cut off while thinking',
    path: 'src/cart.ts', languageId: 'typescript', document: cart, lines: [8, 8],
    reply: '<think>\nLet me consider the options. First,',
    fails: /still thinking/,
  },
  {
    name: 'refused: the code block never closed (a cut stream)',
    path: 'src/cart.ts', languageId: 'typescript', document: cart, lines: [11, 17],
    reply: '```ts\n  total(): number {\n    let sum = 0;\n    for (const item of',
    fails: /cut off: its code block never closed/,
  },
  {
    name: 'refused: the server stopped at its output limit',
    path: 'src/cart.ts', languageId: 'typescript', document: cart, lines: [11, 17],
    reply: '```ts\n  total(): number {\n    return 0;\n  }\n```', finishReason: 'length',
    fails: /output limit/,
  },
  {
    name: 'refused: an empty code block',
    path: 'src/cart.ts', languageId: 'typescript', document: cart, lines: [11, 17],
    reply: 'Sure.\n\n```ts\n\n```\n',
    fails: /without any code/,
  },
  {
    name: 'refused: a refusal in prose, no code (it replaced the range with the sentence)',
    path: 'src/cart.ts', languageId: 'typescript', document: cart, lines: [11, 17],
    reply: 'I cannot do that.',
    fails: /no code/,
  },
  {
    name: 'refused: a question back to the user in prose, no code',
    path: 'src/cart.ts', languageId: 'typescript', document: cart, lines: [8, 8],
    reply: 'Could you clarify what you mean by "copy"? Should the items be deep-cloned, or is a shallow copy enough?',
    fails: /no code/,
  },
  {
    name: 'refused: an answer that only repeats the context',
    path: 'src/cart.ts', languageId: 'typescript', document: cart, lines: [8, 8],
    reply: '```ts\n  add(item: Item): void {\n```',
    fails: /only repeated the code around the range/,
  },
  {
    name: 'TypeScript: SEARCH/REPLACE blocks instead of a range go through the edit engine',
    path: 'src/cart.ts', languageId: 'typescript', document: cart, lines: [11, 17],
    reply: 'src/cart.ts\n```\n<<<<<<< SEARCH\n    let sum = 0;\n=======\n    let sum = 0; // cents\n>>>>>>> REPLACE\n```\n',
    expected: cart.replace('    let sum = 0;', '    let sum = 0; // cents'),
    via: 'edit-blocks',
  },
  {
    name: 'TypeScript: a unified diff with wrong line numbers goes through the edit engine',
    path: 'src/cart.ts', languageId: 'typescript', document: cart, lines: [11, 17],
    reply: '```diff\n--- a/src/cart.ts\n+++ b/src/cart.ts\n@@ -40,3 +40,3 @@\n     for (const item of this.items) {\n-      sum += item.price * item.quantity;\n+      sum += Math.round(item.price * item.quantity);\n     }\n```',
    expected: cart.replace('      sum += item.price * item.quantity;', '      sum += Math.round(item.price * item.quantity);'),
    via: 'edit-blocks',
  },
  {
    name: 'refused: SEARCH/REPLACE whose search text is not in the file, with the closest candidate',
    path: 'src/cart.ts', languageId: 'typescript', document: cart, lines: [11, 17],
    reply: '<<<<<<< SEARCH\n    let total = 0;\n    for (const entry of this.entries) {\n=======\n    let total = 1;\n>>>>>>> REPLACE\n',
    fails: /do not apply to src\/cart\.ts/,
  },
  {
    name: 'refused: edit blocks for another file',
    path: 'src/cart.ts', languageId: 'typescript', document: cart, lines: [11, 17],
    reply: 'src/cart.ts\n<<<<<<< SEARCH\n    let sum = 0;\n=======\n    let sum = 1;\n>>>>>>> REPLACE\n\nsrc/item.ts\n<<<<<<< SEARCH\nexport interface Item {\n=======\nexport interface Item { id: string;\n>>>>>>> REPLACE\n',
    fails: /edits 2 files/,
  },
  {
    name: 'Python: the model repeats the def line and dedents the body',
    path: 'app/inventory.py', languageId: 'python', document: pyInventory, lines: [11, 14],
    reply: '```python\ndef remove(self, sku, count):\n    if sku not in self.stock:\n        raise KeyError(sku)\n    if count > self.stock[sku]:\n        raise ValueError(f"only {self.stock[sku]} of {sku} left")\n    self.stock[sku] -= count\n    return self.stock[sku]\n```',
    expected: pyInventory.replace('            raise KeyError(sku)\n', '            raise KeyError(sku)\n        if count > self.stock[sku]:\n            raise ValueError(f"only {self.stock[sku]} of {sku} left")\n'),
  },
  {
    name: 'Python: a docstring added to a dedented method',
    path: 'app/inventory.py', languageId: 'python', document: pyInventory, lines: [10, 14],
    reply: '```py\ndef remove(self, sku, count):\n    """Take `count` of `sku` out of stock and return what is left."""\n    if sku not in self.stock:\n        raise KeyError(sku)\n    self.stock[sku] -= count\n    return self.stock[sku]\n```',
    expected: pyInventory.replace('    def remove(self, sku, count):\n', '    def remove(self, sku, count):\n        """Take `count` of `sku` out of stock and return what is left."""\n'),
  },
  {
    name: 'Go: a tab-indented file gets tabs when the model answers with spaces',
    path: 'server/health.go', languageId: 'go', document: goServer, lines: [6, 9],
    reply: '```go\n    if r.Method != http.MethodGet && r.Method != http.MethodHead {\n        w.WriteHeader(http.StatusMethodNotAllowed)\n        return\n    }\n```',
    expected: goServer.replace('\tif r.Method != http.MethodGet {', '\tif r.Method != http.MethodGet && r.Method != http.MethodHead {'),
  },
  {
    name: 'Go: the whole function repeated around a tab-indented range is trimmed to the range',
    path: 'server/health.go', languageId: 'go', document: goServer, lines: [10, 10],
    reply: '```go\nfunc health(w http.ResponseWriter, r *http.Request) {\n\tif r.Method != http.MethodGet {\n\t\tw.WriteHeader(http.StatusMethodNotAllowed)\n\t\treturn\n\t}\n\t_, _ = w.Write([]byte("ok"))\n}\n```',
    expected: goServer.replace('\tw.Write([]byte("ok"))', '\t_, _ = w.Write([]byte("ok"))'),
  },
  {
    name: 'secrets: a redacted key in the range is put back where the model kept the mark',
    path: 'src/config.ts', languageId: 'typescript',
    document: 'export const config = {\n  apiKey: "sk-proj-abcdefghijklmnopqrstuvwx1234",\n  retries: 3,\n};\n',
    lines: [1, 4],
    reply: '```ts\nexport const config = {\n  apiKey: "[REDACTED]",\n  retries: 5,\n  timeoutMs: 10_000,\n};\n```',
    expected: 'export const config = {\n  apiKey: "sk-proj-abcdefghijklmnopqrstuvwx1234",\n  retries: 5,\n  timeoutMs: 10_000,\n};\n',
  },
  {
    name: 'refused: the model duplicated a redacted secret it cannot know',
    path: 'src/config.ts', languageId: 'typescript',
    document: 'export const config = {\n  apiKey: "sk-proj-abcdefghijklmnopqrstuvwx1234",\n  password: "hunter2hunter2",\n};\n',
    lines: [1, 4],
    reply: '```ts\nexport const config = {\n  apiKey: "[REDACTED]",\n  backupKey: "[REDACTED]",\n  password: "[REDACTED]",\n};\n```',
    fails: /cannot tell which value goes where/,
  },
  {
    name: 'refine: the follow-up rewrites the pending proposal, which replaces the original range',
    path: 'src/cart.ts', languageId: 'typescript', document: cart, lines: [11, 17],
    refine: { previous: 'use reduce', proposed: '  total(): number {\n    return this.items.reduce((sum, item) => sum + item.price * item.quantity, 0);\n  }' },
    reply: '```ts\n  total(): number {\n    return this.items.reduce((sum, { price, quantity }) => sum + price * quantity, 0);\n  }\n```',
    expected: cart.replace('  total(): number {\n    let sum = 0;\n    for (const item of this.items) {\n      sum += item.price * item.quantity;\n    }\n    return sum;\n  }', '  total(): number {\n    return this.items.reduce((sum, { price, quantity }) => sum + price * quantity, 0);\n  }'),
  },
  {
    name: 'an answer equal to the range changes nothing',
    path: 'src/cart.ts', languageId: 'typescript', document: cart, lines: [11, 17],
    reply: '```ts\n  total(): number {\n    let sum = 0;\n    for (const item of this.items) {\n      sum += item.price * item.quantity;\n    }\n    return sum;\n  }\n```',
    expected: cart,
  },
  {
    name: 'the whole (short) file sent back for a small range is trimmed to the range',
    path: 'src/cart.ts', languageId: 'typescript', document: cart, lines: [8, 8],
    reply: `\`\`\`ts\n${cart.replace('this.items.push(item);', 'this.items.push(item); // keep order')}\`\`\``,
    expected: cart.replace('this.items.push(item);', 'this.items.push(item); // keep order'),
  },
  {
    name: 'a trailing blank line of the selection the model dropped is kept',
    path: 'src/cart.ts', languageId: 'typescript', document: cart, lines: [7, 10],
    reply: '```ts\n  add(item: Item): this {\n    this.items.push(item);\n    return this;\n  }\n```',
    expected: cart.replace('  add(item: Item): void {\n    this.items.push(item);\n  }\n', '  add(item: Item): this {\n    this.items.push(item);\n    return this;\n  }\n'),
  },
  {
    name: 'Java: Allman braces, the model repeats the class opening and its closing brace',
    path: 'src/bank/Account.java', languageId: 'java', document: javaAccount, lines: [7, 10],
    reply: '```java\npublic class Account\n{\n    public void withdraw(long amount)\n    {\n        if (amount > balance) throw new IllegalArgumentException("insufficient funds");\n        balance -= amount;\n    }\n}\n```',
    expected: javaAccount.replace('        balance -= amount;', '        if (amount > balance) throw new IllegalArgumentException("insufficient funds");\n        balance -= amount;'),
  },
  {
    name: "Rust: lifetimes do not confuse the bracket count; the repeated impl line is dropped",
    path: 'src/stack.rs', languageId: 'rust', document: rustStack, lines: [6, 8],
    reply: "```rust\nimpl<'a> Stack<'a> {\n    /// Removes the top item.\n    pub fn pop(&mut self) -> Option<&'a str> {\n        self.items.pop()\n    }\n```",
    expected: rustStack.replace("    pub fn pop", "    /// Removes the top item.\n    pub fn pop"),
  },
  {
    name: 'Python with tabs: a space-indented, dedented answer gets the file\'s tabs back',
    path: 'geo.py', languageId: 'python', document: pyTabs, lines: [2, 3],
    reply: '```python\nif w < 0 or h < 0:\n    raise ValueError("negative size")\n```',
    expected: pyTabs.replace('\tif w < 0:\n\t\traise ValueError("w")', '\tif w < 0 or h < 0:\n\t\traise ValueError("negative size")'),
  },
  {
    name: 'TypeScript: the class header and its closing brace echoed around a method, other methods skipped',
    path: 'src/cart.ts', languageId: 'typescript', document: cart, lines: [7, 9],
    reply: '```ts\nexport class Cart {\n  add(item: Item): void {\n    this.items.push(structuredClone(item));\n  }\n}\n```',
    expected: cart.replace('    this.items.push(item);', '    this.items.push(structuredClone(item));'),
  },
  {
    name: 'Python: the class and def headers echoed (with the fields between skipped) around a rewritten body',
    path: 'app/inventory.py', languageId: 'python', document: pyInventory, lines: [13, 14],
    reply: '```python\nclass Inventory:\n    def remove(self, sku, count):\n        self.stock[sku] = max(0, self.stock[sku] - count)\n        return self.stock[sku]\n```',
    expected: pyInventory.replace('        self.stock[sku] -= count\n', '        self.stock[sku] = max(0, self.stock[sku] - count)\n'),
  },
  {
    name: 'a new line equal to an earlier line that is not an enclosing header is kept',
    path: 'src/cart.ts', languageId: 'typescript', document: cart, lines: [12, 16],
    reply: "```ts\n    this.items.push(item);\n    let sum = 0;\n    for (const item of this.items) {\n      sum += item.price * item.quantity;\n    }\n    return sum;\n```",
    expected: cart.replace('    let sum = 0;\n', '    this.items.push(item);\n    let sum = 0;\n'),
  },

  // The model answers with the whole file although only a range was asked (small local models do).
  {
    name: 'whole file: Python module sent back with a blank line dropped outside the range: only the range changes',
    path: 'app/inventory.py', languageId: 'python', document: pyInventory, lines: [13, 13],
    reply: `Here is the updated file:\n\n\`\`\`python\n${pyInventory.replace('\n\n\nclass', '\n\nclass').replace('self.stock[sku] -= count', 'self.stock[sku] = max(0, self.stock[sku] - count)')}\`\`\``,
    expected: pyInventory.replace('self.stock[sku] -= count', 'self.stock[sku] = max(0, self.stock[sku] - count)'),
  },
  {
    name: 'whole file: TypeScript with an import added for the new code is taken as a whole-file rewrite',
    path: 'src/cart.ts', languageId: 'typescript', document: cart, lines: [8, 8],
    reply: `\`\`\`ts\n${cart.replace("import { Item } from './item';", "import { Item } from './item';\nimport { clone } from './clone';").replace('this.items.push(item);', 'this.items.push(clone(item));')}\`\`\``,
    expected: cart.replace("import { Item } from './item';", "import { Item } from './item';\nimport { clone } from './clone';").replace('this.items.push(item);', 'this.items.push(clone(item));'),
    via: 'whole-file',
  },
  {
    name: 'whole file: CRLF Ruby file rewritten whole (a constant renamed everywhere) keeps CRLF',
    path: 'lib/invoice.rb', languageId: 'ruby', document: crlf(rubyInvoice), lines: [15, 17],
    reply: `\`\`\`ruby\n${rubyInvoice.replace(/TAX_RATE/g, 'VAT_RATE')}\`\`\`\n`,
    expected: crlf(rubyInvoice.replace(/TAX_RATE/g, 'VAT_RATE')),
    via: 'whole-file',
  },
  {
    name: 'whole file: TypeScript with the rest left out as "// ... existing code ...": only the range changes',
    path: 'src/cart.ts', languageId: 'typescript', document: cart, lines: [8, 8],
    reply: "```ts\nimport { Item } from './item';\n\nexport class Cart {\n  private items: Item[] = [];\n\n  /** Adds an item. */\n  add(item: Item): void {\n    this.items.push({ ...item });\n  }\n\n  // ... existing code ...\n}\n```",
    expected: cart.replace('this.items.push(item);', 'this.items.push({ ...item });'),
  },
  {
    name: 'whole file: Go, everything after the edited function left out: only the range changes',
    path: 'server/health.go', languageId: 'go', document: `${goServer}\nfunc ready(w http.ResponseWriter, r *http.Request) {\n\tw.WriteHeader(http.StatusNoContent)\n}\n`, lines: [7, 7],
    reply: '```go\npackage server\n\nimport "net/http"\n\nfunc health(w http.ResponseWriter, r *http.Request) {\n\tif r.Method != http.MethodGet {\n\t\thttp.Error(w, "method not allowed", http.StatusMethodNotAllowed)\n\t\treturn\n\t}\n\tw.Write([]byte("ok"))\n}\n```',
    expected: `${goServer.replace('\t\tw.WriteHeader(http.StatusMethodNotAllowed)', '\t\thttp.Error(w, "method not allowed", http.StatusMethodNotAllowed)')}\nfunc ready(w http.ResponseWriter, r *http.Request) {\n\tw.WriteHeader(http.StatusNoContent)\n}\n`,
  },
  {
    name: 'refused: whole file with code left out and a change outside the range',
    path: 'src/cart.ts', languageId: 'typescript', document: cart, lines: [8, 8],
    reply: "```ts\nimport { Item } from './item';\nimport { clone } from './clone';\n\nexport class Cart {\n  private items: Item[] = [];\n\n  /** Adds an item. */\n  add(item: Item): void {\n    this.items.push(clone(item));\n  }\n\n  // ... existing code ...\n}\n```",
    fails: /whole file instead of the range, left code out of it and changed lines outside the range/,
  },
  {
    name: 'whole file: Java with a tab-indented copy of a space-indented file: only the range changes',
    path: 'src/bank/Account.java', languageId: 'java', document: javaAccount, lines: [9, 9],
    reply: `\`\`\`java\n${javaAccount.replace(/^ {4}/gm, '\t').replace(/\t {4}/g, '\t\t').replace('balance -= amount;', 'balance = Math.subtractExact(balance, amount);')}\`\`\``,
    expected: javaAccount.replace('balance -= amount;', 'balance = Math.subtractExact(balance, amount);'),
  },
  {
    name: 'whole file: a redacted secret outside the range is kept in a whole-file rewrite',
    path: 'src/client.ts', languageId: 'typescript',
    document: 'const apiKey = "sk-proj-abcdefghijklmnopqrstuvwx1234";\n\nexport async function fetchUser(id: string) {\n  const res = await fetch(`/users/${id}`, { headers: { authorization: apiKey } });\n  return res.json();\n}\n',
    lines: [5, 5],
    reply: '```ts\nimport type { User } from "./user";\n\nconst apiKey = "[REDACTED]";\n\nexport async function fetchUser(id: string) {\n  const res = await fetch(`/users/${id}`, { headers: { authorization: apiKey } });\n  return (await res.json()) as User;\n}\n```',
    expected: 'import type { User } from "./user";\n\nconst apiKey = "sk-proj-abcdefghijklmnopqrstuvwx1234";\n\nexport async function fetchUser(id: string) {\n  const res = await fetch(`/users/${id}`, { headers: { authorization: apiKey } });\n  return (await res.json()) as User;\n}\n',
    via: 'whole-file',
  },
  {
    name: 'refused: a whole-file rewrite that changes the line of a redacted secret outside the range',
    path: 'src/client.ts', languageId: 'typescript',
    document: 'const apiKey = "sk-proj-abcdefghijklmnopqrstuvwx1234";\n\nexport async function fetchUser(id: string) {\n  const res = await fetch(`/users/${id}`, { headers: { authorization: apiKey } });\n  return res.json();\n}\n',
    lines: [5, 5],
    reply: '```ts\nconst apiKey: string = "[REDACTED]";\n\nexport async function fetchUser(id: string) {\n  const res = await fetch(`/users/${id}`, { headers: { authorization: apiKey } });\n  return (await res.json()) as unknown;\n}\n```',
    fails: /line holding a secret/,
  },

  // Other answers small models write.
  {
    name: 'two code blocks: the answer, then a longer usage example: the answer is taken',
    path: 'src/cart.ts', languageId: 'typescript', document: cart, lines: [8, 8],
    reply: 'Here is the fix:\n\n```ts\n    this.items.push({ ...item });\n```\n\nYou can use it like this:\n\n```ts\nconst cart = new Cart();\ncart.add({ price: 1, quantity: 2 });\ncart.add({ price: 3, quantity: 1 });\nconsole.log(cart.total());\n```\n',
    expected: cart.replace('this.items.push(item);', 'this.items.push({ ...item });'),
  },
  {
    name: 'Python: two code blocks, the usage example first and unlabeled: the one like the range is taken',
    path: 'app/inventory.py', languageId: 'python', document: pyInventory, lines: [10, 14],
    reply: '```python\ninv = Inventory()\ninv.stock["apple"] = 3\ninv.remove("apple", 5)\nprint(inv.stock)\nprint(inv.stock["apple"])\nassert inv.stock["apple"] == 0\n```\n\n```python\n    def remove(self, sku, count):\n        if sku not in self.stock:\n            raise KeyError(sku)\n        self.stock[sku] = max(0, self.stock[sku] - count)\n        return self.stock[sku]\n```\n',
    expected: pyInventory.replace('self.stock[sku] -= count', 'self.stock[sku] = max(0, self.stock[sku] - count)'),
  },
  {
    name: 'a ```diff block of +/- lines without any @@ header is applied as a diff',
    path: 'src/cart.ts', languageId: 'typescript', document: cart, lines: [7, 9],
    reply: '```diff\n   add(item: Item): void {\n-    this.items.push(item);\n+    this.items.push({ ...item });\n   }\n```',
    expected: cart.replace('this.items.push(item);', 'this.items.push({ ...item });'),
    via: 'edit-blocks',
  },
  {
    name: 'Go: a headerless ```diff that changes two lines of a tab-indented range',
    path: 'server/health.go', languageId: 'go', document: goServer, lines: [6, 10],
    reply: 'Changes:\n```diff\n-\tif r.Method != http.MethodGet {\n+\tif r.Method != http.MethodGet && r.Method != http.MethodHead {\n \t\tw.WriteHeader(http.StatusMethodNotAllowed)\n \t\treturn\n \t}\n-\tw.Write([]byte("ok"))\n+\t_, _ = w.Write([]byte("ok"))\n```\n',
    expected: goServer.replace('\tif r.Method != http.MethodGet {', '\tif r.Method != http.MethodGet && r.Method != http.MethodHead {').replace('\tw.Write([]byte("ok"))', '\t_, _ = w.Write([]byte("ok"))'),
    via: 'edit-blocks',
  },
  {
    name: 'TypeScript: a trailing "// changed this line" the model added is taken out',
    path: 'src/cart.ts', languageId: 'typescript', document: cart, lines: [7, 9],
    reply: '```ts\n  add(item: Item): void {\n    this.items.push({ ...item }); // changed this line\n  }\n```',
    expected: cart.replace('this.items.push(item);', 'this.items.push({ ...item });'),
  },
  {
    name: 'Python: "# <- added" and a "# Changed" line the model wrote are taken out, real comments kept',
    path: 'app/inventory.py', languageId: 'python', document: pyInventory, lines: [11, 14],
    reply: '```python\n        if sku not in self.stock:\n            raise KeyError(sku)\n        # Changed\n        if count > self.stock[sku]:  # <- added\n            raise ValueError("not enough stock")  # never go below zero\n        self.stock[sku] -= count\n        return self.stock[sku]\n```',
    expected: pyInventory.replace('            raise KeyError(sku)\n', '            raise KeyError(sku)\n        if count > self.stock[sku]:\n            raise ValueError("not enough stock")  # never go below zero\n'),
  },
  {
    name: 'TypeScript: an answer with only the changed line of a 7-line method is put in place of that line',
    path: 'src/cart.ts', languageId: 'typescript', document: cart, lines: [11, 17],
    reply: '```ts\n    let sum = 0.0;\n```',
    expected: cart.replace('    let sum = 0;', '    let sum = 0.0;'),
  },
  {
    name: 'Rust: only the changed signature of a whole impl block is put in place of that line',
    path: 'src/stack.rs', languageId: 'rust', document: rustStack, lines: [5, 9],
    reply: "```rust\n    pub fn pop_top(&mut self) -> Option<&'a str> {\n```\n",
    expected: rustStack.replace('pub fn pop(', 'pub fn pop_top('),
  },
  {
    name: 'refused: Rust, the answer is one unchanged line of the impl block that opens a brace the range closed',
    path: 'src/stack.rs', languageId: 'rust', document: rustStack, lines: [5, 9],
    reply: "```rust\n    pub fn pop(&mut self) -> Option<&'a str> {\n```\n",
    fails: /only 1 unchanged line\(s\) of the 5-line range/,
  },
  {
    name: 'refused: only one changed line that could replace two places of the range',
    path: 'src/totals.ts', languageId: 'typescript',
    document: 'export function totals(a: number[], b: number[]) {\n  let sumA = 0;\n  let sumB = 0;\n  for (const x of a) sumA += x;\n  for (const x of b) sumB += x;\n  return [sumA, sumB];\n}\n',
    lines: [1, 7],
    reply: '```ts\n  let sumC = 0;\n```',
    fails: /only 1 line\(s\) instead of the whole 7-line range/,
  },
  {
    name: 'a one-line rewrite of a long range that differs from all its lines replaces the range',
    path: 'src/cart.ts', languageId: 'typescript', document: cart, lines: [12, 16],
    reply: '```ts\n    return this.items.reduce((total, item) => total + item.price * item.quantity, 0);\n```',
    expected: cart.replace('    let sum = 0;\n    for (const item of this.items) {\n      sum += item.price * item.quantity;\n    }\n    return sum;\n', '    return this.items.reduce((total, item) => total + item.price * item.quantity, 0);\n'),
  },
  {
    name: "a reasoning model whose server stripped the opening <think> tag: the thoughts' code block is skipped",
    path: 'src/cart.ts', languageId: 'typescript', document: cart, lines: [8, 8],
    reply: 'Okay, the user wants the item copied. Currently:\n```ts\nthis.items.push(item);\n// mutation leaks\n```\nI should spread it.\n</think>\n\n```ts\n    this.items.push({ ...item });\n```',
    expected: cart.replace('this.items.push(item);', 'this.items.push({ ...item });'),
  },
  {
    name: 'Python: unfenced code with a sentence before and an explanation after',
    path: 'app/inventory.py', languageId: 'python', document: pyInventory, lines: [13, 13],
    reply: 'I made the count never go below zero:\n\n        self.stock[sku] = max(0, self.stock[sku] - count)\n\nThis clamps the stock at zero instead of letting it go negative.\n',
    expected: pyInventory.replace('self.stock[sku] -= count', 'self.stock[sku] = max(0, self.stock[sku] - count)'),
  },
  {
    name: 'a fence naming the file path instead of the language',
    path: 'src/cart.ts', languageId: 'typescript', document: cart, lines: [8, 8],
    reply: '```src/cart.ts\n    this.items.push({ ...item });\n```',
    expected: cart.replace('this.items.push(item);', 'this.items.push({ ...item });'),
  },
  {
    name: 'a fence with the wrong language (javascript for TypeScript, python label on Ruby)',
    path: 'lib/invoice.rb', languageId: 'ruby', document: rubyInvoice, lines: [16, 16],
    reply: '```python\n    (subtotal * (1 + TAX_RATE)).round(2)\n```',
    expected: rubyInvoice.replace('    subtotal * (1 + TAX_RATE)', '    (subtotal * (1 + TAX_RATE)).round(2)'),
  },
  {
    name: 'Python: an answer identical to the range changes nothing',
    path: 'app/inventory.py', languageId: 'python', document: pyInventory, lines: [10, 14],
    reply: '```python\n    def remove(self, sku, count):\n        if sku not in self.stock:\n            raise KeyError(sku)\n        self.stock[sku] -= count\n        return self.stock[sku]\n```',
    expected: pyInventory,
  },
  {
    name: 'Java: a tab-indented answer for a space-indented range gets spaces',
    path: 'src/bank/Account.java', languageId: 'java', document: javaAccount, lines: [7, 10],
    reply: '```java\n\tpublic void withdraw(long amount)\n\t{\n\t\tif (amount <= 0) throw new IllegalArgumentException("amount");\n\t\tbalance -= amount;\n\t}\n```',
    expected: javaAccount.replace('        balance -= amount;', '        if (amount <= 0) throw new IllegalArgumentException("amount");\n        balance -= amount;'),
  },
  {
    name: 'CRLF Python file: a CRLF answer with a <think> part keeps CRLF',
    path: 'app/inventory.py', languageId: 'python', document: crlf(pyInventory), lines: [13, 13],
    reply: '<think>\r\nClamp it.\r\n</think>\r\n```python\r\n        self.stock[sku] = max(0, self.stock[sku] - count)\r\n```\r\n',
    expected: crlf(pyInventory.replace('self.stock[sku] -= count', 'self.stock[sku] = max(0, self.stock[sku] - count)')),
  },
];
