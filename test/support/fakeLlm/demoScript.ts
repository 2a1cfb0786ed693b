// The scripted model behind `npm start -- --demo` and `npm run fake-llm -- --demo`: friendly
// answers that show off chat streaming (prose, a fenced code block), an explanation, generated
// tests and inline (FIM) completions, and a plain default that says it is a demo.
import type { FakeRule } from './types';

const FENCE = '```';

const GREETING = `Hi! I'm Tandem's demo model, a scripted stand-in for a real LLM, so you can try Tandem without a model server.

Things to try:
- **"Write a debounce function in TypeScript"**: a streamed answer with a code block you can Copy, Insert or Apply.
- **"Explain this code"** with a selection: an explanation.
- **"Write tests for this"**: a test file to review.
- In an editor, type \`function add(a: number, b: number) {\` and pause: an inline completion.

To get real answers, point Tandem at Ollama, LM Studio, llama.cpp, vLLM or any OpenAI-compatible server in the settings.`;

const DEBOUNCE = `Here is a small, typed \`debounce\`: it waits until calls stop for \`waitMs\`, then runs once with the latest arguments.

${FENCE}typescript
export function debounce<Args extends unknown[]>(fn: (...args: Args) => void, waitMs: number): (...args: Args) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (...args: Args) => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      fn(...args);
    }, waitMs);
  };
}
${FENCE}

How it works:
1. Every call clears the pending timer, so only the last call in a burst survives.
2. The timer keeps the latest \`args\`, so \`fn\` sees the most recent values.
3. \`Args\` is inferred from \`fn\`, so the debounced function keeps its parameter types.

Use it for things like search-as-you-type: \`const search = debounce(runSearch, 250);\``;

const EXPLANATION = `Here's what this code does, step by step:

1. **Inputs**: it takes the values it needs as parameters instead of reading globals, which keeps it easy to test.
2. **Main work**: the loop walks the items once, so the cost grows linearly with the input (O(n)).
3. **Result**: it returns a new value and leaves its arguments untouched, so callers can't be surprised by mutation.

Things worth a second look:
- Empty input: make sure the early return gives the value callers expect.
- Error handling: a failure inside the loop currently propagates to the caller.

*(This is Tandem's scripted demo model, so the explanation is generic. A real model reads your actual code.)*`;

const TESTS = `Here is a test file for \`add\`, using Mocha and Node's \`assert\`:

${FENCE}typescript
import { strict as assert } from 'node:assert';
import { add } from '../src/math';

describe('add', () => {
  it('adds two positive numbers', () => {
    assert.equal(add(2, 3), 5);
  });

  it('handles negative numbers', () => {
    assert.equal(add(-2, -3), -5);
  });

  it('treats zero as the identity', () => {
    assert.equal(add(7, 0), 7);
  });
});
${FENCE}

Review the file in the diff view, then run it with your test task.`;

const DEFAULT_CHAT = `I'm Tandem's demo model: a scripted stand-in, not a real LLM, so I only know a few prompts.

Try "hello", "write a debounce function", "explain this code" or "write tests for this". For real answers, configure a model server (Ollama, LM Studio, llama.cpp, vLLM or any OpenAI-compatible endpoint) in Tandem's settings.`;

export const demoRules: FakeRule[] = [
  { match: { endpoint: 'chat', lastUser: /\b(hello|hi|hey|help)\b/i }, reply: { text: GREETING } },
  { match: { endpoint: 'chat', lastUser: /\b(tests?|spec)\b/i }, reply: { text: TESTS } },
  { match: { endpoint: 'chat', lastUser: /\b(explain|what does|how does)\b/i }, reply: { text: EXPLANATION } },
  { match: { endpoint: 'chat', lastUser: /\b(write|debounce|function|code|implement)\b/i }, reply: { text: DEBOUNCE } },
  { match: { endpoint: 'chat' }, reply: { text: DEFAULT_CHAT } },
  { match: { endpoint: 'completions', prompt: /function add\(a: number, b: number\)[^{]*\{\s*$/ }, reply: { text: '\n  return a + b;\n' } },
  { match: { endpoint: 'completions', prompt: /function greet\(name: string\)[^{]*\{\s*$/ }, reply: { text: '\n  return `Hello, ${name}!`;\n' } },
  { match: { endpoint: 'completions', prompt: /\/\/ TODO:?\s*$/ }, reply: { text: ' handle the empty case before looping' } },
  {
    match: { endpoint: 'completions' },
    reply: { text: ' // Tandem demo model: no scripted completion here (try `function add(a: number, b: number) {`)' },
  },
];
