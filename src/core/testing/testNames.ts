import type { TestFramework } from './types';

/** Each framework as people write its name, for messages. */
export const frameworkNames: Record<TestFramework, string> = {
  jest: 'Jest', vitest: 'Vitest', mocha: 'Mocha', 'node-test': 'node:test', pytest: 'pytest', unittest: 'unittest', go: 'Go', cargo: 'Rust', junit: 'JUnit',
};

/** How each framework declares a test (or a suite) in source, capturing its name. */
const declarations: Record<TestFramework, RegExp[]> = {
  jest: [jsCall()],
  vitest: [jsCall()],
  mocha: [jsCall()],
  'node-test': [jsCall()],
  pytest: [/^[ \t]*(?:async[ \t]+)?def[ \t]+(test\w*)/gm, /^[ \t]*class[ \t]+(Test\w*)/gm],
  unittest: [/^[ \t]*(?:async[ \t]+)?def[ \t]+(test\w*)/gm, /^[ \t]*class[ \t]+(\w+)\s*\([^)]*TestCase[^)]*\)/gm],
  go: [/^func[ \t]+((?:Test|Benchmark|Example|Fuzz)\w*)[ \t]*\(/gm],
  cargo: [/#\[(?:tokio::)?test\][\s\S]{0,200}?\bfn[ \t]+(\w+)/g],
  junit: [/@(?:Test|ParameterizedTest|RepeatedTest)\b[\s\S]{0,300}?\b(?:void|fun)[ \t]+(\w+)[ \t]*\(/g],
};

/** it('…'), test.only("…"), describe.each`…`('…'), suite('…'): the quoted name of a JS test or suite. */
function jsCall(): RegExp {
  return /\b(?:it|test|describe|suite|specify|context)(?:\.\w+)*[ \t]*\([ \t]*(?:'((?:\\.|[^'\\\n])*)'|"((?:\\.|[^"\\\n])*)"|`((?:\\.|[^`\\])*)`)/g;
}

/** The names of the tests and suites a test file declares, in order, duplicates kept. */
export function declaredTestNames(text: string, framework: TestFramework): string[] {
  const names: string[] = [];
  for (const pattern of declarations[framework]) {
    for (const match of text.matchAll(new RegExp(pattern.source, pattern.flags))) {
      const name = match.slice(1).find((group) => group !== undefined);
      if (name !== undefined) names.push(name);
    }
  }
  return names;
}

/**
 * The tests (and suites) of `before` that `after` no longer declares: extending a test file must
 * never drop a test. A name declared twice must still be declared twice.
 */
export function droppedTests(before: string, after: string, framework: TestFramework): string[] {
  const remaining = new Map<string, number>();
  for (const name of declaredTestNames(after, framework)) remaining.set(name, (remaining.get(name) ?? 0) + 1);
  const dropped: string[] = [];
  for (const name of declaredTestNames(before, framework)) {
    const left = remaining.get(name) ?? 0;
    if (left > 0) remaining.set(name, left - 1);
    else dropped.push(name);
  }
  return dropped;
}
