import { randomUUID } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { TestRunner, TestRunRequest, TestRunResult } from '../../core/testing';
import { ensureRunWrapper } from './runWrapper';

/** The task type of Tandem's test runs (each run gets its own id, so runs are never "already active"). */
export const testTaskType = 'tandem-tests';

/**
 * Runs a test command as a VS Code task, visible in the terminal like any task. The exit code
 * comes from onDidEndTaskProcess; the output from the wrapper's copy of it (see runWrapper.ts).
 */
export class TaskTestRunner implements TestRunner {
  constructor(private readonly folder: vscode.WorkspaceFolder, private readonly wrapperDir: string) {}

  async run(request: TestRunRequest, signal?: AbortSignal): Promise<TestRunResult> {
    if (signal?.aborted) return { exitCode: undefined, output: '' };
    const wrapper = await ensureRunWrapper(this.wrapperDir);
    const outputFile = path.join(os.tmpdir(), `tandem-test-run-${randomUUID()}.log`);
    const id = randomUUID();
    const execution = new vscode.ProcessExecution(process.execPath, [wrapper, outputFile, request.command], {
      cwd: request.cwd,
      // VS Code's executable is Electron: this makes it run the wrapper as Node (the wrapper removes it again).
      env: { ELECTRON_RUN_AS_NODE: '1' },
    });
    const task = new vscode.Task({ type: testTaskType, id }, this.folder, request.label, 'Tandem', execution, []);
    // The wrapper prints the command itself: VS Code's echo would show the wrapper's own command line.
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, focus: false, panel: vscode.TaskPanelKind.Dedicated, clear: true, echo: false, showReuseMessage: false };

    const ours = (e: { execution: vscode.TaskExecution }) => (e.execution.task.definition as { id?: unknown }).id === id;
    const subscriptions: vscode.Disposable[] = [];
    const exitCode = new Promise<number | undefined>((resolve) => {
      let processExit: number | undefined;
      subscriptions.push(
        vscode.tasks.onDidEndTaskProcess((e) => {
          if (ours(e)) processExit = e.exitCode;
        }),
        // The task ends after its process (or without one, when it could not start).
        vscode.tasks.onDidEndTask((e) => {
          if (ours(e)) resolve(processExit);
        }),
      );
    });
    try {
      const running = await vscode.tasks.executeTask(task);
      const stop = () => running.terminate();
      signal?.addEventListener('abort', stop, { once: true });
      try {
        const code = await exitCode;
        return { exitCode: signal?.aborted ? undefined : code, output: await readFile(outputFile, 'utf8').catch(() => '') };
      } finally {
        signal?.removeEventListener('abort', stop);
      }
    } finally {
      subscriptions.forEach((s) => s.dispose());
      await rm(outputFile, { force: true });
    }
  }
}
