import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { FakeLlmServer } from '../support/fakeLlm';
import { waitFor } from './waitFor';
import { dropFakeProvider, useFakeProvider } from './fakeProvider';

interface Repository { rootUri: vscode.Uri; inputBox: { value: string } }
interface GitApi { openRepository(root: vscode.Uri): Promise<Repository | null> }

describe('Generate Commit Message (real Git extension, against the fake server)', () => {
  let server: FakeLlmServer;
  let repository: Repository;
  let root: string;

  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });

  before(async function () {
    this.timeout(30_000);
    ({ server } = await useFakeProvider());

    root = path.join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, 'commit-repo');
    mkdirSync(root, { recursive: true });
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 'dev@example.com');
    git('config', 'user.name', 'Dev');
    writeFileSync(path.join(root, 'calc.ts'), 'export function add(a: number, b: number) {\n  return a + b;\n}\n');
    git('add', '.');
    git('commit', '-q', '-m', 'feat(calc): add add()');
    writeFileSync(path.join(root, 'calc.ts'), 'export function add(a: number, b: number) {\n  return a + b;\n}\nexport function sub(a: number, b: number) {\n  return a - b;\n}\n');
    git('add', 'calc.ts');
    writeFileSync(path.join(root, 'notes.txt'), 'unstaged, must not be described\n');

    const extension = vscode.extensions.getExtension<{ getAPI(version: 1): GitApi }>('vscode.git');
    assert.ok(extension, 'the built-in Git extension is present');
    const gitApi = (await extension.activate()).getAPI(1);
    repository = await waitFor(() => gitApi.openRepository(vscode.Uri.file(root)), 'Git to open the repository', 20_000);
  });

  after(async () => {
    await dropFakeProvider(server);
  });

  beforeEach(() => server.reset());

  it('writes the message for the staged diff into the input box, in the repository\'s style', async () => {
    repository.inputBox.value = '';
    server.addRule({ match: { lastUser: 'staged changes' }, reply: { text: '```\nfeat(calc): add sub()\n\nSubtraction next to add().\n```' } });
    const message = await vscode.commands.executeCommand<string | undefined>('tandem.generateCommitMessage', repository.rootUri);
    assert.equal(message, 'feat(calc): add sub()\n\nSubtraction next to add().');
    assert.equal(repository.inputBox.value, 'feat(calc): add sub()\n\nSubtraction next to add().');
    const request = server.requests.find((r) => r.path.endsWith('/chat/completions'));
    const prompt = JSON.stringify(request?.body);
    assert.match(prompt, /\+export function sub/, 'the staged diff was sent');
    assert.match(prompt, /- feat\(calc\): add add\(\)/, 'the latest commit subject was sent as the style');
    assert.doesNotMatch(prompt, /must not be described/, 'unstaged files stay out');
  });

  it('puts back what the user had typed when the model server refuses', async () => {
    // The input box's value travels through the workbench and back: let the previous test's last
    // value settle before "typing" ours, or its late echo overwrites what this test typed.
    await new Promise((resolve) => setTimeout(resolve, 500));
    repository.inputBox.value = 'WIP: my own words';
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(repository.inputBox.value, 'WIP: my own words', 'what the user typed, before the request');
    server.addRule({ fault: { kind: 'status', status: 401 } });
    const message = await vscode.commands.executeCommand<string | undefined>('tandem.generateCommitMessage', repository.rootUri);
    assert.equal(message, undefined);
    assert.equal(repository.inputBox.value, 'WIP: my own words');
  });

  it('is offered in the Source Control title bar of Git repositories', () => {
    const extension = vscode.extensions.getExtension('tandem-dev.tandem');
    const menus = (extension?.packageJSON as { contributes: { menus: Record<string, Array<{ command: string; when?: string }>> } }).contributes.menus;
    assert.deepEqual(menus['scm/title']?.find((m) => m.command === 'tandem.generateCommitMessage')?.when, 'scmProvider == git');
    return vscode.commands.getCommands(true).then((commands) => assert.ok(commands.includes('tandem.generateCommitMessage')));
  });
});
