import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ToolEnvironment } from '../../src/core/agent';
import type { ShellRunResult } from '../../src/core/agent/tools/environment';
import { runTool } from '../../src/core/agent/tools/toolbox';
import { nodeOutboundGate } from '../../src/core/context';
import type { TandemApi } from '../../src/extension';
import { createVsCodeToolEnvironment, type VsCodeToolEnvironmentInput } from '../../src/features/agent/environment';
import { shellIntegrationEvents } from '../../src/features/agent/environment/shellIntegrationApi';
import { cartChanged, cartText, scratchFolder, writeScratch } from './scratchFiles';
import { tandemApi } from './tandemApi';
import { waitFor } from './waitFor';

const scratch = () => scratchFolder('agent-env-scratch');
const ctx = (extra: Partial<Parameters<typeof runTool>[3]> = {}) => ({
  step: 1, signal: new AbortController().signal, progress: () => {}, output: () => {}, resultBudget: 8_000, ...extra,
});

describe('agent environment in VS Code', () => {
  let api: TandemApi;
  let root: string;
  let taskDir: string;
  const disposables: Array<{ dispose(): void }> = [];

  const environment = async (extra: Partial<VsCodeToolEnvironmentInput> = {}): Promise<ToolEnvironment> => {
    const created = await createVsCodeToolEnvironment({
      root, gate: await nodeOutboundGate(root), taskDir, allowed: ['*'], approver: undefined, autoEdit: true, testsCommand: '', readOnly: false,
      terminalTiming: { waitMs: 8_000 }, ...extra,
    });
    disposables.push(created);
    return created.env;
  };

  before(async () => {
    api = await tandemApi();
    root = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    await vscode.workspace.fs.createDirectory(scratch());
  });

  beforeEach(() => {
    taskDir = mkdtempSync(path.join(os.tmpdir(), 'tandem-agent-task-'));
  });

  afterEach(async () => {
    for (const d of disposables.splice(0)) d.dispose();
    for (let tries = 0; tries < 5 && (await api.review.snapshot()).reviews.length > 0; tries++) await vscode.commands.executeCommand('tandem.review.rejectAll');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(taskDir, { recursive: true, force: true });
  });

  after(async () => {
    await vscode.workspace.fs.delete(scratch(), { recursive: true, useTrash: false });
  });

  const run = async (env: ToolEnvironment, command: string, extra: { signal?: AbortSignal; timeoutMs?: number; onOutput?: (text: string) => void } = {}): Promise<ShellRunResult> =>
    env.runShell({ command, cwd: root, timeoutMs: extra.timeoutMs ?? 30_000, ...(extra.signal ? { signal: extra.signal } : {}), ...(extra.onOutput ? { onOutput: extra.onOutput } : {}) });

  it('runs a command in the "Tandem Agent" terminal through shell integration and returns its output and exit code', async function () {
    if (!shellIntegrationEvents(vscode.window)) this.skip(); // a host without the API: the fallback test covers it
    const env = await environment();
    const streamed: string[] = [];
    const result = await run(env, 'echo "tandem-si-$((40 + 2))"; ls tandem-no-such-file', { onOutput: (t) => streamed.push(t) });
    console.log(`shell integration run: ${JSON.stringify(result)}`);
    assert.ok(vscode.window.terminals.some((t) => t.name === 'Tandem Agent'), 'the user can watch the command in the Tandem Agent terminal');
    assert.match(result.output, /^tandem-si-42$/m);
    assert.notEqual(result.exitCode, 0);
    assert.ok(result.exitCode !== null, 'the exit code was reported');
    assert.match(streamed.join(''), /tandem-si-42/, 'output streamed as it came');
    // The terminal is reused, and `exit` never ends the user's shell: it runs in a process of its own.
    const exiting = await run(env, 'echo bye; exit 7');
    assert.equal(exiting.exitCode, 7);
    assert.match(exiting.output, /^bye$/m);
    const again = await run(env, 'echo still-here');
    assert.equal(again.exitCode, 0);
    assert.match(again.output, /^still-here$/m);
  });

  it('the forced fallback (no shell integration) still captures output, stderr and the exit code, streamed', async () => {
    const env = await environment({ terminalMode: 'pseudoterminal' });
    const streamed: string[] = [];
    const result = await run(env, 'echo out-line; echo err-line 1>&2; exit 4', { onOutput: (t) => streamed.push(t) });
    assert.equal(result.exitCode, 4);
    assert.match(result.output, /^out-line$/m);
    assert.match(result.output, /^err-line$/m);
    assert.match(streamed.join(''), /out-line/);
    assert.ok(vscode.window.terminals.some((t) => t.name === 'Tandem Agent'));
    const tool = await runTool(env, 'run_command', { command: 'printf "a\\nb\\n"' }, ctx());
    assert.ok(tool.ok, tool.content);
    assert.match(tool.content, /^\$ printf "a\\nb\\n"\nexit code 0 after .*\na\nb\n?$/);
  });

  for (const mode of ['auto', 'pseudoterminal'] as const) {
    it(`Stop ends a long command at once (${mode})`, async () => {
      const env = await environment({ terminalMode: mode });
      const stop = new AbortController();
      const begin = Date.now();
      setTimeout(() => stop.abort(), 1_500);
      const result = await run(env, 'sleep 30', { signal: stop.signal });
      assert.equal(result.cancelled, true, JSON.stringify(result));
      assert.ok(Date.now() - begin < 8_000, `stopped after ${Date.now() - begin} ms`);
      const next = await run(env, 'echo after-stop');
      assert.match(next.output, /after-stop/, 'the next command runs normally');
    });
  }

  it('a command past its timeout is stopped and says so', async () => {
    const env = await environment({ terminalMode: 'pseudoterminal' });
    const result = await run(env, 'sleep 20', { timeoutMs: 1_000 });
    assert.equal(result.timedOut, true);
  });

  it('get_problems returns the diagnostics of the files the agent changed, and of named files', async () => {
    const env = await environment();
    const written = await runTool(env, 'write_file', { path: 'agent-env-scratch/problem.ts', content: 'export const x: number = "text";\n' }, ctx());
    assert.ok(written.ok, written.content);
    const uri = vscode.Uri.file(path.join(root, 'agent-env-scratch', 'problem.ts'));
    const collection = vscode.languages.createDiagnosticCollection('tandem-agent-test');
    disposables.push(collection);
    const diagnostic = new vscode.Diagnostic(new vscode.Range(0, 13, 0, 19), "Type 'string' is not assignable to type 'number'.", vscode.DiagnosticSeverity.Error);
    diagnostic.source = 'test-checker';
    diagnostic.code = 2322;
    collection.set(uri, [diagnostic]);
    const changed = await runTool(env, 'get_problems', {}, ctx());
    assert.ok(changed.ok, changed.content);
    assert.match(changed.content, /^Problems in the files the agent changed \(agent-env-scratch\/problem\.ts\) \(\d+ errors?/);
    assert.match(changed.content, /^agent-env-scratch\/problem\.ts:1:14: error: Type 'string' is not assignable to type 'number'\. \[test-checker 2322\]$/m);
    const named = await runTool(env, 'get_problems', { paths: 'agent-env-scratch/problem.ts' }, ctx());
    assert.match(named.content, /\[test-checker 2322\]/);
  });

  it('an agent edit goes through the review: one hunk rejected, the other written, and the model is told which', async () => {
    const file = await writeScratch(scratch(), 'cart.ts', cartText);
    const env = await environment({ autoEdit: false, review: api.review.service });
    const response = [
      'agent-env-scratch/cart.ts', '<<<<<<< SEARCH', '  let sum = 0;', '=======', '  let sum = 0; // cents', '>>>>>>> REPLACE',
      'agent-env-scratch/cart.ts', '<<<<<<< SEARCH', '  return prices.length;', '=======', '  return prices.filter((price) => price > 0).length;', '>>>>>>> REPLACE',
    ].join('\n');
    const pending = runTool(env, 'apply_edits', { response }, ctx({ step: 3 }));
    const review = await waitFor(async () => (await api.review.snapshot()).reviews.find((r) => r.origin === 'agent' && r.files[0]?.hunks.length === 2), 'the agent\'s review');
    assert.equal(readFileSync(file.fsPath, 'utf8'), cartText, 'nothing written before the decision');
    const reviewUri = vscode.Uri.parse(review.files[0]!.reviewUri);
    await vscode.commands.executeCommand('tandem.review.acceptHunk', reviewUri, 0);
    await vscode.commands.executeCommand('tandem.review.rejectHunk', reviewUri, 1);
    const outcome = await pending;
    const expected = cartChanged.replace('  return prices.filter((price) => price > 0).length;\n', '  return prices.length;\n');
    assert.equal(readFileSync(file.fsPath, 'utf8'), expected);
    assert.ok(outcome.ok, outcome.content);
    assert.deepEqual(outcome.filesChanged, ['agent-env-scratch/cart.ts']);
    assert.match(outcome.content, /^agent-env-scratch\/cart\.ts: the user accepted 1 change and rejected 1; the accepted ones are written\./);
    assert.match(outcome.content, /^- {2}return prices\.filter\(\(price\) => price > 0\)\.length;$/m);
    assert.match(outcome.content, /^\+ {2}return prices\.length;$/m);
    // The checkpoint was taken before the review wrote: restoring step 3 gives the original back.
    const { Checkpoints } = await import('../../src/core/agent/checkpoints');
    const checkpoints = new Checkpoints(taskDir, root);
    assert.deepEqual((await checkpoints.list()).map((s) => [s.step, s.files]), [[3, ['agent-env-scratch/cart.ts']]]);
  });

  it('reads an open editor\'s unsaved text, and refuses to overwrite it', async () => {
    const file = await writeScratch(scratch(), 'dirty.ts', 'export const saved = 1;\n');
    const document = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(document);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(file, new vscode.Position(1, 0), 'export const typedButNotSaved = 2;\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(document.isDirty);
    const env = await environment();
    const read = await runTool(env, 'read_file', { path: 'agent-env-scratch/dirty.ts' }, ctx());
    assert.equal(read.content, 'agent-env-scratch/dirty.ts (2 lines)\n1| export const saved = 1;\n2| export const typedButNotSaved = 2;');
    const write = await runTool(env, 'write_file', { path: 'agent-env-scratch/dirty.ts', content: 'clobbered\n' }, ctx());
    assert.equal(write.refused, true);
    assert.match(write.content, /open in the editor with unsaved changes/);
    assert.equal(readFileSync(file.fsPath, 'utf8'), 'export const saved = 1;\n');
    assert.equal(document.getText(), 'export const saved = 1;\nexport const typedButNotSaved = 2;\n', 'the unsaved text is untouched');
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor'); // nothing left to save into a deleted folder
  });
});
