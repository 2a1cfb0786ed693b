import * as vscode from 'vscode';
import type { Logger } from '../../../core/logger';
import type { ProposalRequest, ReviewHandle, ReviewOutcome, ReviewService } from './reviewApi';
import type { ReviewController } from './reviewController';
import { devContextKey, devProposeCommand, reviewCommands } from './reviewCommands';
import type { ReviewUiSnapshot } from './reviewSnapshot';
import { watchReviewLanguages } from './reviewLanguage';
import { reviewScheme } from './reviewUris';

/** What the integration suite may do with the review (through TandemApi.review). */
export interface ReviewHooks {
  /** The service the features use, to propose as they do (decisions go through the commands, as the user's). */
  readonly service: ReviewService;
  /** The pending reviews, the status bar, the Pending Changes view and the messages shown. */
  snapshot(): Promise<ReviewUiSnapshot>;
}

/**
 * The diff review every AI change goes through. Activation registers the content provider, the
 * CodeLens provider and the commands; the review itself (engine, decorations, tree, status bar)
 * loads on first use. `propose()` returns its handle at once, before that has happened.
 */
export function registerReview(context: vscode.ExtensionContext, logger: Logger): { service: ReviewService; hooks: ReviewHooks } {
  const contentChanged = new vscode.EventEmitter<vscode.Uri>();
  const lensesChanged = new vscode.EventEmitter<void>();
  let loaded: ReviewController | undefined;
  let loading: Promise<ReviewController> | undefined;
  const controller = (): Promise<ReviewController> => {
    loading ??= import('./reviewController').then(({ ReviewController: Controller }) => {
      loaded = new Controller({ logger, contentChanged: (uri) => contentChanged.fire(uri), lensesChanged: () => lensesChanged.fire() });
      context.subscriptions.push(loaded);
      return loaded;
    }).catch((error: unknown) => {
      loading = undefined; // the next use tries again
      logger.error(`review: could not start: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      throw error;
    });
    return loading;
  };

  // Reviews proposed before the controller has loaded, so pendingFor() can answer synchronously.
  const handles = new Map<string, { handle: ReviewHandle; uris: Set<string> }>();
  let nextId = 1;
  const propose = (request: ProposalRequest): ReviewHandle => {
    const id = `review-${nextId++}`;
    let settle!: (outcome: ReviewOutcome) => void;
    const done = new Promise<ReviewOutcome>((resolve) => (settle = resolve));
    const handle: ReviewHandle = { id, done };
    handles.set(id, { handle, uris: new Set(request.files.map((file) => file.uri.toString())) });
    void done.then(() => handles.delete(id));
    controller().then((c) => c.propose(id, request, settle), (error: unknown) => {
      const message = `Tandem could not open the review: ${error instanceof Error ? error.message : String(error)}`;
      void vscode.window.showErrorMessage(message);
      settle({ files: request.files.map((file) => ({ uri: file.uri, status: 'failed', acceptedHunks: 0, rejectedHunks: 0, message })) });
    });
    return handle;
  };
  const service: ReviewService = {
    propose,
    replace(id, request) {
      // Queued first, so the old review has ended (superseded) before the new one opens.
      void controller().then((c) => c.supersede(id), () => undefined);
      return propose(request);
    },
    pendingFor(uri) {
      const key = uri.toString();
      const id = loaded?.pendingReviewFor(uri) ?? [...handles.entries()].find(([, entry]) => entry.uris.has(key))?.[0];
      return id === undefined ? undefined : handles.get(id)?.handle;
    },
  };

  const command = (id: string, run: (c: ReviewController, ...args: unknown[]) => unknown) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => run(await controller(), ...args));
  context.subscriptions.push(
    contentChanged, lensesChanged,
    vscode.workspace.registerTextDocumentContentProvider(reviewScheme, {
      onDidChange: contentChanged.event,
      provideTextDocumentContent: async (uri) => (await controller()).content(uri),
    }),
    watchReviewLanguages(),
    vscode.languages.registerCodeLensProvider({ scheme: reviewScheme }, {
      onDidChangeCodeLenses: lensesChanged.event,
      provideCodeLenses: async (document) => (await controller()).codeLenses(document),
    }),
    command(reviewCommands.acceptHunk, (c, target, hunk) => c.decideHunk('accepted', target, hunk)),
    command(reviewCommands.rejectHunk, (c, target, hunk) => c.decideHunk('rejected', target, hunk)),
    command(reviewCommands.undoHunk, (c, target, hunk) => c.decideHunk('pending', target, hunk)),
    command(reviewCommands.nextHunk, (c) => c.moveToHunk(1)),
    command(reviewCommands.previousHunk, (c) => c.moveToHunk(-1)),
    command(reviewCommands.acceptAll, (c, target) => c.decideAll('accepted', target)),
    command(reviewCommands.rejectAll, (c, target) => c.decideAll('rejected', target)),
    command(reviewCommands.acceptFile, (c, target) => c.decideFile('accepted', target)),
    command(reviewCommands.rejectFile, (c, target) => c.decideFile('rejected', target)),
    command(reviewCommands.showDiff, (c, target) => c.showDiff(target)),
    command(reviewCommands.openFile, (c, target) => c.openFile(target)),
    command(reviewCommands.openNext, (c) => c.openNext()),
  );

  if (context.extensionMode !== vscode.ExtensionMode.Production) {
    context.subscriptions.push(vscode.commands.registerCommand(devProposeCommand, async () => (await import('./devProposal')).proposeFromClipboard(service, logger)));
    void vscode.commands.executeCommand('setContext', devContextKey, true);
  }

  return {
    service,
    hooks: { service, snapshot: async () => (await controller()).snapshot() },
  };
}
