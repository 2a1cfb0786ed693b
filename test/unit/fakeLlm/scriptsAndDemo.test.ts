// Rules from JSON (the CLI's --script) and the demo script (the CLI's --demo).
import { strict as assert } from 'node:assert';
import { demoRules, FakeLlmServer, parseRuleScript } from '../../support/fakeLlm';
import { clientFor } from './support';

describe('fake-llm rule scripts', () => {
  it('parses a list or {rules}, turning {regex, flags} into RegExp', () => {
    const rules = parseRuleScript(
      JSON.stringify({
        rules: [
          { match: { lastUser: { regex: '^hello', flags: 'i' }, model: 'fake-chat' }, reply: { text: 'hi' }, times: 1 },
          { fault: { kind: 'status', status: 429, retryAfterSeconds: 2 } },
        ],
      }),
    );
    assert.equal(rules.length, 2);
    const pattern = rules[0]?.match?.lastUser;
    assert.ok(pattern instanceof RegExp);
    assert.ok(pattern.test('HELLO there'));
    assert.equal(rules[0]?.match?.model, 'fake-chat');
    assert.deepEqual(parseRuleScript('[{"reply":{"text":"x"}}]'), [{ reply: { text: 'x' } }]);
  });

  it('names every problem: unknown keys, bad faults, bad regex, bad JSON', () => {
    assert.throws(() => parseRuleScript('[{"mach":{}}]', 'rules.json'), /rules\.json: invalid rules[\s\S]*mach/);
    assert.throws(() => parseRuleScript('[{"fault":{"kind":"explode"}}]'), /invalid rules/);
    assert.throws(() => parseRuleScript('[{"match":{"prompt":{"regex":"("}}}]'), /invalid regex/);
    assert.throws(() => parseRuleScript('{oops'), /not valid JSON/);
  });
});

describe('fake-llm demo script', () => {
  let server: FakeLlmServer;

  before(async () => {
    server = await FakeLlmServer.start({ rules: demoRules, tokensPerSecond: 0 });
  });
  after(() => server.close());

  const chat = async (content: string): Promise<string> =>
    (await clientFor(server).chat.completions.create({ model: 'fake-chat', messages: [{ role: 'user', content }] })).choices[0]?.message.content ?? '';

  it('greets with what to try on the sample project, and explains only code it knows', async () => {
    assert.match(await chat('hello'), /Tandem's demo model/);
    assert.match(await chat('Explain this code'), /only recognise the code of this sample project/);
  });

  it('says plainly that it is scripted when nothing matches', async () => {
    assert.match(await chat('What is the meaning of life?'), /I'm Tandem's demo model: a scripted stand-in/);
  });

  it('completes a FIM request for the add function', async () => {
    const completion = await clientFor(server).completions.create({ model: 'fake-coder', prompt: 'export function add(a: number, b: number): number {', suffix: '\n}\n' });
    assert.equal(completion.choices[0]?.text, '\n  return a + b;\n');
  });
});
