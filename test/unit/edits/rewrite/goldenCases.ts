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
  via?: 'range' | 'edit-blocks';
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
];
