import assert from 'node:assert/strict';
import { parseTextReply } from '../../../src/core/agent';
import { toolSpecs, validateArguments } from '../../../src/core/agent/tools/definitions';

const parse = (reply: string) => parseTextReply(reply, toolSpecs);
const args = (reply: string) => parse(reply).calls.map((c) => [c.name, JSON.parse(c.arguments)]);

describe('agent text protocol', () => {
  const cases: Array<[string, string, Array<[string, unknown]>]> = [
    ['tagged JSON', '<tool_call>\n{"name": "read_file", "arguments": {"path": "a.ts"}}\n</tool_call>', [['read_file', { path: 'a.ts' }]]],
    ['missing closing tag', '<tool_call>\n{"name": "read_file", "arguments": {"path": "a.ts"}}', [['read_file', { path: 'a.ts' }]]],
    ['JSON fenced inside the tags', '<tool_call>\n```json\n{"name": "list_files", "arguments": {}}\n```\n</tool_call>', [['list_files', {}]]],
    ['fenced JSON without tags', 'Let me look.\n```json\n{"name": "search", "arguments": {"query": "x"}}\n```', [['search', { query: 'x' }]]],
    ['"tool" and "parameters"', '```\n{"tool": "git_diff", "parameters": {"staged": true}}\n```', [['git_diff', { staged: true }]]],
    ['stringified arguments', '<tool_call>{"name": "read_file", "arguments": "{\\"path\\": \\"b.ts\\"}"}</tool_call>', [['read_file', { path: 'b.ts' }]]],
    ['OpenAI-shaped function object', '<tool_call>{"function": {"name": "read_file", "arguments": {"path": "c.ts"}}}</tool_call>', [['read_file', { path: 'c.ts' }]]],
    ['trailing commas', '<tool_call>{"name": "read_file", "arguments": {"path": "a.ts",},}</tool_call>', [['read_file', { path: 'a.ts' }]]],
    ['missing last brace', '<tool_call>{"name": "read_file", "arguments": {"path": "a.ts"}', [['read_file', { path: 'a.ts' }]]],
    ['XML-ish parameters', '<read_file>\n<path>src/x.ts</path>\n<startLine>3</startLine>\n</read_file>', [['read_file', { path: 'src/x.ts', startLine: '3' }]]],
    ['XML-ish without closing tags', '<write_file>\n<path>a.txt</path>\n<content>\nline 1\nline <2> & 3\n', [['write_file', { path: 'a.txt', content: 'line 1\nline <2> & 3' }]]],
    ['XML-ish inside tool_call', '<tool_call><git_status></git_status></tool_call>', [['git_status', {}]]],
    ['function= style', '<function=read_file>\n<parameter=path>\nz.ts\n</parameter>\n</function>', [['read_file', { path: 'z.ts' }]]],
    ['bare JSON with trailing prose', 'Reading.\n{"name": "read_file", "arguments": {"path": "a.ts"}}\nThen I fix it.', [['read_file', { path: 'a.ts' }]]],
    ['two calls in one reply', '<tool_call>{"name":"read_file","arguments":{"path":"a"}}</tool_call>\n<tool_call>{"name":"read_file","arguments":{"path":"b"}}</tool_call>', [['read_file', { path: 'a' }], ['read_file', { path: 'b' }]]],
    ['tool names as small models spell them', '<tool_call>{"name": "functions.read_file", "arguments": {"path": "a"}}</tool_call>\n<tool_call>{"name": "listFiles", "arguments": {}}</tool_call>\n<tool_call>{"name": "git-status"}</tool_call>', [['read_file', { path: 'a' }], ['list_files', {}], ['git_status', {}]]],
    ['plain answer', 'The bug was in add(); I fixed it and the tests pass.', []],
    ['a package that shares a tool\'s name', 'Your package.json:\n{"name": "search", "version": "1.0.0"}', []],
    ['a JSON example that names no tool', 'Use this config:\n```json\n{"name": "my-package", "version": "1.0.0"}\n```', []],
  ];
  for (const [name, reply, expected] of cases) {
    it(`reads ${name}`, () => {
      assert.deepEqual(args(reply), expected);
      assert.deepEqual(parse(reply).errors, []);
    });
  }

  it('keeps the prose before the first call as the model\'s text', () => {
    assert.equal(parse('I will read it.\n<tool_call>{"name":"list_files","arguments":{}}</tool_call>').text, 'I will read it.');
  });

  it('answers a broken call with what is wrong and one example', () => {
    const { calls, errors } = parse('<tool_call>\n{"name": "read_file", "arguments": {"path": src/a.ts}}\n</tool_call>');
    assert.equal(calls.length, 0);
    assert.match(errors[0] ?? '', /^Your tool call could not be read: its JSON could not be read \(.+\)\. Write one call like this/);
    assert.match(errors[0] ?? '', /<tool_call>\n\{"name":"read_file","arguments":\{"path":"src\/index.ts"/);
  });

  it('names an unknown tool and lists the real ones', () => {
    assert.match(parse('<tool_call>{"name": "format_disk", "arguments": {}}</tool_call>').errors[0] ?? '', /Unknown tool "format_disk"\. Tools: read_file, list_files/);
  });
});

describe('agent tool arguments', () => {
  it('accepts "10" for a whole number and "true" for a boolean', () => {
    assert.deepEqual(validateArguments('read_file', '{"path":"a","startLine":"10"}'), { ok: true, args: { path: 'a', startLine: 10 } });
    assert.deepEqual(validateArguments('list_files', '{"recursive":"true"}'), { ok: true, args: { recursive: true } });
  });
  it('names a missing, unknown or mistyped parameter, with an example', () => {
    const missing = validateArguments('read_file', '{}');
    assert.ok(!missing.ok && /^read_file needs "path"/.test(missing.error) && /Example: \{"name":"read_file"/.test(missing.error));
    const unknown = validateArguments('read_file', '{"file":"a"}');
    assert.ok(!unknown.ok && /read_file has no parameter "file" \(parameters: path, startLine, endLine\)/.test(unknown.error));
    const typed = validateArguments('read_file', '{"path":"a","startLine":1.5}');
    assert.ok(!typed.ok && /"startLine" must be a whole number \(got 1.5\)/.test(typed.error));
    const notJson = validateArguments('search', '{"query": ');
    assert.ok(!notJson.ok && /The arguments of search are not valid JSON/.test(notJson.error));
  });
});
