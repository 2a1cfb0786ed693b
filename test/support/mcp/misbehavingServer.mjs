#!/usr/bin/env node
// An MCP server (stdio) that misbehaves on purpose, chosen by its first argument:
//   crash-on-start  writes a reason to stderr and exits 3 before any handshake
//   crash-until F   like crash-on-start while the file F does not exist, then like tools (fix, then Restart)
//   silent          starts and never answers anything
//   garbage         writes lines that are not JSON-RPC to stdout, then works normally
//   tools           works, with tools that hang, return 20 MB, fail, leak a secret or crash the process;
//                   resources holding a secret, 3 MB of text and binary data; prompts with arguments
// Plain Node on the SDK's low-level Server, so tests run it with `node` and nothing else.
import { existsSync } from 'node:fs';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import {
  CallToolRequestSchema, GetPromptRequestSchema, ListPromptsRequestSchema, ListResourcesRequestSchema, ListToolsRequestSchema, ReadResourceRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';

let mode = process.argv[2] ?? 'tools';

if (mode === 'crash-until') {
  const file = process.argv[3] ?? '';
  if (!existsSync(file)) {
    process.stderr.write(`fatal: ${file} does not exist yet; cannot start\n`);
    process.exit(4);
  }
  mode = 'tools';
}

if (mode === 'crash-on-start') {
  process.stderr.write('fatal: MISBEHAVING_CONFIG is not set; cannot start\n');
  process.exit(3);
}
if (mode === 'silent') {
  process.stderr.write('silent server: reading stdin, answering nothing\n');
  process.stdin.resume();
  setInterval(() => {}, 1 << 30);
} else {
  if (mode === 'garbage') {
    process.stdout.write('this is not JSON-RPC\n{"half": \n\u0000\u0001 binary noise\n');
  }
  const server = new Server({ name: 'misbehaving', version: '1.0.0' }, { capabilities: { tools: {}, resources: {}, prompts: {} } });
  const object = (properties = {}, required = []) => ({ type: 'object', properties, required });
  const tools = [
    { name: 'hang', description: 'Never answers until cancelled.', inputSchema: object() },
    { name: 'huge', description: 'Returns about 20 MB of text.', inputSchema: object({ megabytes: { type: 'number' } }) },
    { name: 'fail', description: 'Reports an error (isError).', inputSchema: object() },
    { name: 'leak', description: 'Returns text holding a secret-looking key.', inputSchema: object(), annotations: { readOnlyHint: true } },
    { name: 'crash', description: 'Exits the process during the call.', inputSchema: object() },
    { name: 'echo', description: 'Echoes its text.', inputSchema: object({ text: { type: 'string' } }, ['text']), annotations: { readOnlyHint: true } },
    { name: 'needs env', description: 'Returns MISBEHAVING_TOKEN from its environment.', inputSchema: object() },
  ];
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const { name, arguments: args = {} } = request.params;
    process.stderr.write(`call ${name}\n`);
    switch (name) {
      case 'hang':
        return await new Promise((resolve) => {
          extra.signal.addEventListener('abort', () => {
            process.stderr.write(`hang: cancelled by the client (${String(extra.signal.reason)})\n`);
            resolve({ content: [{ type: 'text', text: 'too late' }] });
          });
        });
      case 'huge': {
        const size = Math.round((typeof args.megabytes === 'number' ? args.megabytes : 20) * 1024 * 1024);
        const line = 'HUGE-RESULT-LINE 0123456789 abcdefghijklmnopqrstuvwxyz\n';
        return { content: [{ type: 'text', text: `START\n${line.repeat(Math.ceil(size / line.length))}END` }] };
      }
      case 'fail':
        return { isError: true, content: [{ type: 'text', text: 'the database is locked' }] };
      case 'leak':
        return { content: [{ type: 'text', text: 'config: aws_secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"\nother: fine' }] };
      case 'crash':
        process.stderr.write('crash: exiting on purpose\n');
        setTimeout(() => process.exit(7), 10);
        return await new Promise(() => {});
      case 'echo':
        return { content: [{ type: 'text', text: String(args.text) }] };
      case 'needs env':
        return { content: [{ type: 'text', text: `token=${process.env.MISBEHAVING_TOKEN ?? '(unset)'}` }] };
      default:
        return { isError: true, content: [{ type: 'text', text: `unknown tool ${name}` }] };
    }
  });
  const secretLine = 'aws_secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"';
  const resources = {
    'misbehaving://config/.env': { mimeType: 'text/plain', text: `DATABASE_HOST=db.internal\n${secretLine}\n` },
    'misbehaving://logs/huge.log': { mimeType: 'text/plain', text: `FIRST-LOG-LINE\n${'log line 0123456789 abcdefghijklmnopqrstuvwxyz\n'.repeat(70_000)}LAST-LOG-LINE` },
    'misbehaving://images/logo.png': { mimeType: 'image/png', blob: Buffer.alloc(3_000, 7).toString('base64') },
  };
  server.setRequestHandler(ListResourcesRequestSchema, async () => (process.stderr.write('list resources\n'), {
    resources: Object.entries(resources).map(([uri, r]) => ({ uri, name: uri.split('/').pop(), mimeType: r.mimeType, description: `test resource ${uri}` })),
  }));
  server.setRequestHandler(ReadResourceRequestSchema, async (request) => {
    const resource = resources[request.params.uri];
    if (!resource) throw new Error(`no resource ${request.params.uri}`);
    return { contents: [{ uri: request.params.uri, ...resource }] };
  });
  const prompts = [
    { name: 'review code', description: 'Asks for a review of a file.', arguments: [{ name: 'file', description: 'The file to review', required: true }, { name: 'focus', description: 'What to look at' }] },
    { name: 'broken', description: 'Always fails.' },
  ];
  server.setRequestHandler(ListPromptsRequestSchema, async () => ({ prompts }));
  server.setRequestHandler(GetPromptRequestSchema, async (request) => {
    const { name, arguments: args = {} } = request.params;
    if (name !== 'review code') throw new Error(`the prompt ${name} is broken on purpose`);
    return {
      messages: [
        { role: 'user', content: { type: 'text', text: `Review ${args.file}${args.focus ? `, looking at ${args.focus}` : ''}.` } },
        { role: 'user', content: { type: 'resource', resource: { uri: 'misbehaving://config/.env', mimeType: 'text/plain', text: resources['misbehaving://config/.env'].text } } },
      ],
    };
  });
  await server.connect(new StdioServerTransport());
  if (mode === 'garbage') process.stdout.write('more garbage after the handshake started\n');
}
