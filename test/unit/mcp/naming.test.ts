import assert from 'node:assert/strict';
import { assignToolNames, formatToolResult, maxToolNameLength } from '../../../src/core/mcp';
import { redactSecrets } from '../../../src/core/context/redact';
import { LinearReadBuffer } from '../../../src/core/mcp/lineBuffer';

describe('MCP tool names', () => {
  it('names tools mcp__<server>__<tool> in the function-name alphabet, capped, collisions renamed visibly', () => {
    const long = 'x'.repeat(80);
    const names = assignToolNames([
      { server: 'memory', tool: 'read_graph' },
      { server: 'my server', tool: 'get.file' },
      { server: 'my_server', tool: 'get_file' },
      { server: 'docs', tool: long },
      { server: 'docs', tool: `${long}y` },
      { server: 'ünï', tool: 'tööl' },
    ]);
    assert.equal(names[0]?.name, 'mcp__memory__read_graph');
    assert.equal(names[0]?.note, undefined);
    assert.equal(names[1]?.name, 'mcp__my_server__get_file');
    assert.match(names[1]?.note ?? '', /replaced by _/);
    assert.equal(names[2]?.name, 'mcp__my_server__get_file_2');
    assert.match(names[2]?.note ?? '', /already taken/);
    for (const n of names) {
      assert.match(n.name, /^[A-Za-z0-9_-]+$/);
      assert.ok(n.name.length <= maxToolNameLength, n.name);
    }
    assert.notEqual(names[3]?.name, names[4]?.name);
    assert.match(names[3]?.note ?? '', /shortened/);
    assert.equal(names[5]?.name, 'mcp__uni__tool');
    // Stable: the same tools get the same names in another run (a resumed task calls them again).
    assert.deepEqual(assignToolNames([{ server: 'docs', tool: long }])[0]?.name, names[3]?.name);
  });
});

describe('MCP tool results', () => {
  const redact = (text: string) => redactSecrets(text).text;

  it('shows every kind of content: text, images as a note, resources, links, structured content', () => {
    const result = formatToolResult({
      content: [
        { type: 'text', text: 'hello' },
        { type: 'image', mimeType: 'image/png', data: 'A'.repeat(4000) },
        { type: 'resource', resource: { uri: 'file:///a.txt', mimeType: 'text/plain', text: 'inside' } },
        { type: 'resource', resource: { uri: 'file:///b.bin', mimeType: 'application/gzip', blob: 'AAAA' } },
        { type: 'resource_link', uri: 'demo://r/1', name: 'Resource 1', description: 'first' },
      ],
    }, 10_000, redact);
    assert.equal(result.isError, false);
    assert.match(result.text, /^hello\n\[image image\/png, 3 KB — not shown to the model\]/);
    assert.match(result.text, /\[resource file:\/\/\/a\.txt \(text\/plain\)\]\ninside/);
    assert.match(result.text, /\[resource file:\/\/\/b\.bin: application\/gzip, 3 bytes — not shown/);
    assert.match(result.text, /\[resource link: demo:\/\/r\/1 \(Resource 1\) — first\]/);
    assert.doesNotMatch(result.text, /AAAA/);
    assert.equal(result.summary, 'ok: text, image, 2 resource, resource_link');
    const structured = formatToolResult({ content: [], structuredContent: { temperature: 22 } }, 1000, redact);
    assert.match(structured.text, /Structured result:\n\{\n {2}"temperature": 22\n\}/);
  });

  it('marks errors, cuts a huge result to the budget with a marker, and redacts secrets', () => {
    const failed = formatToolResult({ isError: true, content: [{ type: 'text', text: 'locked' }] }, 1000, redact);
    assert.equal(failed.isError, true);
    assert.equal(failed.text, 'The tool reported an error:\nlocked');
    const huge = formatToolResult({ content: [{ type: 'text', text: `HEAD\n${'line of text\n'.repeat(200_000)}TAIL` }] }, 4_000, redact);
    assert.ok(huge.text.length < 4_200, String(huge.text.length));
    assert.match(huge.text, /^HEAD/);
    assert.match(huge.text, /TAIL$/);
    assert.match(huge.text, /characters \(\d+ lines\) cut by Tandem/);
    assert.match(huge.summary, /2,600,009 characters cut to 4,000/);
    const leak = formatToolResult({ content: [{ type: 'text', text: 'key: ghp_abcdefghijklmnopqrstuvwxyz0123456789' }] }, 1000, redact);
    assert.doesNotMatch(leak.text, /ghp_abcdefghijklmnopqrstuvwxyz0123456789/);
  });
});

describe('MCP stdio line buffer', () => {
  it('joins lines split across chunks, drops \\r, and refuses a line over the limit', () => {
    const buffer = new LinearReadBuffer(32, (line) => JSON.parse(line));
    buffer.append(Buffer.from('{"a":'));
    assert.equal(buffer.readMessage(), null);
    buffer.append(Buffer.from('1}\r\n{"b":2}\n{"c"'));
    assert.deepEqual(buffer.readMessage(), { a: 1 });
    assert.deepEqual(buffer.readMessage(), { b: 2 });
    assert.equal(buffer.readMessage(), null);
    assert.throws(() => buffer.append(Buffer.from('x'.repeat(40))), /larger than 0 MB; the connection is closed/);
  });
});
