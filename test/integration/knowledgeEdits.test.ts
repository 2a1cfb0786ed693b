import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TandemApi } from '../../src/extension';
import type { InlineEditResult } from '../../src/features/edit/inline/registerInlineEdit';
import type { ReviewSnapshot } from '../../src/features/edit/review/reviewSnapshot';
import { FakeLlmServer } from '../support/fakeLlm';
import { scratchFolder, writeScratch } from './scratchFiles';
import { waitFor } from './waitFor';
import { dropFakeProvider, useFakeProvider } from './fakeProvider';

const folder = scratchFolder('knowledge-edits-scratch');
const relative = (name: string) => `knowledge-edits-scratch/${name}`;
/** Defined here; used by dispatch.ts, which neither imports it nor has it open beside it: only the index can find it. */
const parcelsText = [
  'export interface Parcel { grams: number; fragile: boolean }',
  '',
  '/** The postage of a parcel in cents: by weight, twice as much when fragile. */',
  'export function postageFor(parcel: Parcel): number {',
  '  const base = 120 + Math.ceil(parcel.grams / 100) * 35;',
  '  return parcel.fragile ? base * 2 : base;',
  '}',
  '',
].join('\n');
const dispatchText = [
  'export function dispatchCost(parcels: Parcel[]): number {',
  '  let total = 0;',
  '  for (const parcel of parcels) total += postageFor(parcel);',
  '  return total;',
  '}',
  '',
].join('\n');
const signature = 'export function postageFor(parcel: Parcel): number {';
const docComment = '/** The postage of a parcel in cents: by weight, twice as much when fragile. */';
const body = 'Math.ceil(parcel.grams / 100) * 35';

describe('codebase index in Inline Edit, the refactors and Generate Tests', function () {
  this.timeout(60_000);
  let server: FakeLlmServer;
  let api: TandemApi;
  let dispatchUri: vscode.Uri;
  const chatRequests = () => server.requests.filter((r) => r.path.endsWith('/chat/completions'));
  const lastPrompt = () => (chatRequests().at(-1)?.body as { messages: Array<{ content: string }> } | undefined)?.messages.map((m) => m.content).join('\n') ?? '';

  before(async () => {
    ({ server, api } = await useFakeProvider());
    await writeScratch(folder, 'parcels.ts', parcelsText);
    dispatchUri = await writeScratch(folder, 'dispatch.ts', dispatchText);
    // The watcher tells the index about new files: wait until both are in it.
    await waitFor(async () => {
      const index = await api.knowledge.getIndex();
      return index?.file(relative('parcels.ts'))?.definitions.some((d) => d.name === 'postageFor') && index.file(relative('dispatch.ts')) !== undefined;
    }, 'the scratch files to be indexed', 30_000);
  });

  beforeEach(() => server.reset());

  afterEach(async () => {
    while ((await api.review.snapshot()).reviews.length > 0) await vscode.commands.executeCommand('tandem.review.rejectAll');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false }).then(undefined, () => undefined);
    await dropFakeProvider(server);
  });

  it('Inline Edit sends the signature and doc comment of a function from another file that is neither open nor imported, not its body', async () => {
    const editor = await vscode.window.showTextDocument(dispatchUri);
    editor.selection = new vscode.Selection(0, 0, 5, 0);
    server.addRule({ match: { lastUser: /Instruction:\nskip empty parcels$/ }, reply: { text: `\`\`\`typescript\n${dispatchText.replace('total += postageFor(parcel)', 'if (parcel.grams > 0) total += postageFor(parcel)').trimEnd()}\n\`\`\`\n` } });
    const result = await vscode.commands.executeCommand<InlineEditResult>('tandem.inlineEdit', { instruction: 'skip empty parcels' });
    assert.equal(result.status, 'proposed', JSON.stringify(result));
    const prompt = lastPrompt();
    const declarations = /Declarations from other files that this code uses \(context only; do not repeat them\):\n([\s\S]*?)\n\nThe range starts at the top of the file\./.exec(prompt)?.[1] ?? '';
    assert.ok(declarations.includes(`${relative('parcels.ts')}:3 (\`postageFor\`)\n\`\`\`\n${docComment}\n${signature}\n\`\`\``), `the declaration is in the prompt: ${prompt.slice(0, 2_000)}`);
    assert.ok(!prompt.includes(body), 'not its body');
  });

  it('a refactor (Add Documentation) sends it too', async () => {
    const editor = await vscode.window.showTextDocument(dispatchUri);
    editor.selection = new vscode.Selection(2, 4, 2, 4);
    server.addRule({ reply: { text: `\`\`\`typescript\n/** The postage of all the parcels, in cents. */\n${dispatchText.trimEnd()}\n\`\`\`\n` } });
    const result = await vscode.commands.executeCommand<InlineEditResult>('tandem.addDocumentation');
    assert.equal(result.status, 'proposed', JSON.stringify(result));
    const prompt = lastPrompt();
    assert.ok(prompt.includes(`${docComment}\n${signature}`), prompt.slice(0, 2_000));
    assert.ok(!prompt.includes(body), 'not its body');
  });

  it('Generate Tests sends it beside the code under test', async () => {
    const reply = `\`\`\`ts ${relative('dispatch.test.ts')}\nimport assert from 'node:assert/strict';\nimport { it } from 'node:test';\n\nit('costs nothing for no parcels', () => assert.equal(dispatchCost([]), 0));\n\`\`\`\n`;
    server.addRule({ match: { lastUser: /Write unit tests for the code in knowledge-edits-scratch\/dispatch\.ts/ }, reply: { text: reply } });
    const generating = vscode.commands.executeCommand('tandem.generateTests', dispatchUri);
    const review = await waitFor(async () => (await api.review.snapshot()).reviews.find((r): r is ReviewSnapshot => r.origin === 'tests' && r.files.length > 0), 'the generated tests in the review', 30_000);
    const prompt = lastPrompt();
    assert.match(prompt, /Write unit tests for the code in knowledge-edits-scratch\/dispatch\.ts/);
    assert.ok(prompt.includes(`## \`postageFor\`, used by the code (${relative('parcels.ts')}:3)\n\`\`\`ts\n${docComment}\n${signature}\n\`\`\``), `the declaration is in the prompt: ${prompt.slice(0, 3_000)}`);
    assert.ok(!prompt.includes(body), 'not its body');
    await vscode.commands.executeCommand('tandem.review.rejectAll', review.id);
    await generating;
  });
});
