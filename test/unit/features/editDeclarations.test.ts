// Inline Edit, the refactors and Generate Tests in VS Code: the index's declarations of what the code
// under edit uses, from a ready index only, through the gate and the caller's own ignore rules.
import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { nodeOutboundGate, type OutboundGate } from '../../../src/core/context';
import * as knowledge from '../../../src/core/knowledge';
import { openIndex, TreeSitterLoader, type KnowledgeIndex } from '../../../src/core/knowledge';
import type { Logger } from '../../../src/core/logger';
import { editDeclarations } from '../../../src/features/knowledge/editDeclarations';
import type { KnowledgeService } from '../../../src/features/knowledge/knowledgeService';
import { makeWorkspace, shopFiles } from '../knowledge/workspace';

type Service = Pick<KnowledgeService, 'readyIndex' | 'outboundGate' | 'relativePath' | 'folder'>;

/** Just enough of vscode.Uri for the helper: it compares and passes them on. */
const uri = (path: string) => ({ path, toString: () => `file://${path}` }) as unknown as vscode.Uri;
const root = '/ws';
// Injected: mocha's CommonJS loader cannot import() the extensionless path the bundle imports lazily.
const loadKnowledge = async () => knowledge;

function fakeFolderService(index: KnowledgeIndex | undefined, gate: OutboundGate | undefined, folderRoot = root): Service {
  return {
    readyIndex: () => index,
    outboundGate: () => gate,
    relativePath: (u: vscode.Uri) => (u.path.startsWith(`${folderRoot}/`) ? u.path.slice(folderRoot.length + 1) : undefined),
    get folder() { return { uri: uri(folderRoot), name: 'ws', index: 0 } as vscode.WorkspaceFolder; },
  };
}

/** The router's serviceFor over one folder: its service for a file inside it, none outside. */
function fakeService(index: KnowledgeIndex | undefined, gate: OutboundGate | undefined): (u: vscode.Uri) => Service | undefined {
  const service = fakeFolderService(index, gate);
  return (u) => (u.path.startsWith(`${root}/`) ? service : undefined);
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const log = (m: string) => void lines.push(m);
  return { lines, trace: log, debug: log, info: log, warn: log, error: log };
}

const auditText = 'export function auditRename(repo: UserRepository, id: string) {\n  return retryWithBackoff(() => Promise.resolve(repo.findById(id)), 2) && leakedFromEnv();\n}\n';

describe('VS Code edits: declarations from the codebase index', function () {
  this.timeout(60_000);
  let workspace: ReturnType<typeof makeWorkspace>;
  let index: KnowledgeIndex;
  let gate: OutboundGate;

  before(async () => {
    workspace = makeWorkspace({ ...shopFiles, 'src/users/audit.ts': auditText });
    gate = await nodeOutboundGate(workspace.root);
    ({ index } = await openIndex({ root: workspace.root, gate, loader: new TreeSitterLoader() }));
  });
  after(() => workspace.dispose());

  it('gives the signature and doc comment of what the code uses from other files, never from a sensitive or ignored file, and logs them', async () => {
    const logger = recordingLogger();
    const find = editDeclarations(fakeService(index, gate), logger, loadKnowledge);
    const found = await find({ purpose: 'inline edit', uri: uri(`${root}/src/users/audit.ts`), text: auditText });
    assert.deepEqual(found.map((d) => [d.name, d.path, d.startLine]).sort(), [['UserRepository', 'src/users/userRepository.ts', 4], ['retryWithBackoff', 'src/net/retry.ts', 1]].sort());
    const retry = found.find((d) => d.name === 'retryWithBackoff')!;
    assert.match(retry.text, /Calls `operation` until it succeeds[\s\S]*export async function retryWithBackoff<T>/);
    assert.doesNotMatch(retry.text, /attempt \+ 1 >= attempts/, 'not the body');
    assert.match(logger.lines.join('\n'), /^inline edit: declarations from the codebase index: .*retryWithBackoff \(src\/net\/retry\.ts:1\)/m);
  });

  it('leaves out the names already covered and the files the caller\'s own rules exclude', async () => {
    const find = editDeclarations(fakeService(index, gate), recordingLogger(), loadKnowledge);
    const query = { purpose: 'tests', uri: uri(`${root}/src/users/audit.ts`), text: auditText };
    assert.equal((await find(query)).length, 2);
    assert.deepEqual(await find({ ...query, exclude: new Set(['retryWithBackoff']), mayRead: (p) => p !== 'src/users/userRepository.ts' }), []);
  });

  it('gives none, at once, while the index is not ready (never waits for a build), for a file outside the indexed folder, or for another folder\'s paths', async () => {
    let loaded = 0;
    const load = async () => { loaded++; return knowledge; };
    assert.deepEqual(await editDeclarations(fakeService(undefined, undefined), recordingLogger(), load)({ purpose: 'inline edit', uri: uri(`${root}/src/users/audit.ts`), text: auditText }), []);
    const ready = editDeclarations(fakeService(index, gate), recordingLogger(), load);
    assert.deepEqual(await ready({ purpose: 'inline edit', uri: uri('/elsewhere/audit.ts'), text: auditText }), []);
    assert.deepEqual(await ready({ purpose: 'tests', uri: uri(`${root}/src/users/audit.ts`), text: auditText, folder: uri(`${root}/src`) }), []);
    assert.equal(loaded, 0, 'the index code is not even loaded');
  });

  it('in a multi-root workspace, asks the index of the folder that holds the file under edit', async () => {
    const other = '/other';
    const first = fakeFolderService(undefined, undefined, other); // the first folder's index knows nothing of these files
    const second = fakeFolderService(index, gate);
    const serviceFor = (u: vscode.Uri) => (u.path.startsWith(`${other}/`) ? first : u.path.startsWith(`${root}/`) ? second : undefined);
    const find = editDeclarations(serviceFor, recordingLogger(), loadKnowledge);
    const found = await find({ purpose: 'inline edit', uri: uri(`${root}/src/users/audit.ts`), text: auditText, folder: uri(root) });
    assert.deepEqual(found.map((d) => d.name).sort(), ['UserRepository', 'retryWithBackoff']);
    assert.deepEqual(await find({ purpose: 'inline edit', uri: uri(`${other}/src/users/audit.ts`), text: auditText }), [], 'the first folder\'s index is not ready: none');
  });

  it('gives none when the lookup fails, and says so in the log: the edit goes on', async () => {
    const logger = recordingLogger();
    const failing = editDeclarations(fakeService(index, gate), logger, async () => ({ declarationsUsedBy: async () => { throw new Error('index corrupt'); } }));
    assert.deepEqual(await failing({ purpose: 'tests', uri: uri(`${root}/src/users/audit.ts`), text: auditText }), []);
    assert.match(logger.lines.join('\n'), /tests: the codebase index could not be asked for declarations \(index corrupt\); going on without them/);
  });
});
