import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import type { TestRunReport } from '../../core/testing/testRun';
import type { ReviewService } from '../edit/review/reviewApi';
import type { DeclarationsSource } from '../knowledge/editDeclarations';
import type { ModelService } from '../models/modelService';
import { generateRequest } from './commandArgs';
import type { TestsController } from './testsController';

/** What the integration suite may see and do (through TandemApi.tests). */
export interface TestsHooks {
  /** The last test run's report (undefined before the first run). */
  lastReport(): Promise<TestRunReport | undefined>;
  /** Test runs finished in this window. */
  runCount(): Promise<number>;
  /** Messages the tests feature showed, oldest first. */
  messages(): Promise<readonly string[]>;
  /** Makes the feature treat the workspace as untrusted (true), or as it is (false): the host cannot switch trust itself. */
  simulateUntrusted(untrusted: boolean): void;
}

/**
 * "Generate Tests", "Run Tests", "Fix Failing Tests" and "Run Tests and Explain Failures". Only the
 * commands are registered at activation; the controller (engine, tasks, diagnostics) loads on first use.
 */
export function registerTests(context: vscode.ExtensionContext, models: ModelService, review: ReviewService, logger: Logger, declarations?: DeclarationsSource): TestsHooks {
  let untrustedForTests = false;
  let controller: Promise<TestsController> | undefined;
  const tests = (): Promise<TestsController> => {
    controller ??= (async () => {
      const { TestsController: Controller } = await import('./testsController');
      const created = new Controller({
        models, review, logger,
        storageDir: context.globalStorageUri.fsPath,
        isTrusted: () => !untrustedForTests && vscode.workspace.isTrusted,
        ...(declarations ? { declarations } : {}),
      });
      context.subscriptions.push(created);
      return created;
    })().catch((error: unknown) => {
      controller = undefined;
      logger.error(`tests: could not start: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      void vscode.window.showErrorMessage(`Tandem tests could not start: ${error instanceof Error ? error.message : String(error)} — details in "Tandem: Show Log".`);
      throw error;
    });
    return controller;
  };
  const command = (id: string, run: (c: TestsController, arg: unknown) => unknown) =>
    vscode.commands.registerCommand(id, async (arg: unknown) => run(await tests(), arg));

  context.subscriptions.push(
    command('tandem.generateTests', (c, arg) => c.generate(generateRequest(arg))),
    command('tandem.runTests', (c, arg) => c.runTests(arg)),
    command('tandem.fixFailingTests', (c, arg) => c.fixFailing(arg)),
    command('tandem.runTestsAndExplain', (c, arg) => c.runAndExplain(arg)),
  );

  return {
    lastReport: async () => (await tests()).runs.latest?.report,
    runCount: async () => (await tests()).runs.count,
    messages: async () => (await tests()).messages,
    simulateUntrusted: (untrusted) => { untrustedForTests = untrusted; },
  };
}
