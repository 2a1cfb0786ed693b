import * as vscode from 'vscode';
import type { CompletionEngine, CompletionStats } from '../../core/completion';
import type { IgnoreMatcher, RelatedContextSource } from '../../core/context';
import type { Logger } from '../../core/logger';
import type { ModelService } from '../models/modelService';
import type { CompletionServerState } from './serverState';

export interface EngineHostOptions {
  models: ModelService;
  stats: CompletionStats;
  related: RelatedContextSource;
  /** `ready()`: the ignore rules are known (the engine is not built before, so no request races them). */
  ignore: IgnoreMatcher & { ready(): Promise<void> };
  server: CompletionServerState;
  logger: Logger;
}

/**
 * Owns the CompletionEngine: built on the first completion request (not at activation) and
 * rebuilt for the next one after the provider, model or key changes. The stats object is shared,
 * so the numbers survive a rebuild.
 */
export class CompletionEngineHost implements vscode.Disposable {
  private engine: Promise<CompletionEngine> | undefined;
  private generation = 0;
  private built: CompletionEngine | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly options: EngineHostOptions) {
    this.subscriptions = [
      options.models.onDidChange(() => this.rebuild()),
      vscode.workspace.onDidCloseTextDocument((doc) => void this.engine?.then((e) => e.forgetDocument(doc.uri.toString()), () => undefined)),
    ];
  }

  /** How the built engine asks for completions ('suffix' | 'template' | 'chat'), once there is one. */
  get strategy(): string | undefined {
    return this.built?.strategyKind;
  }

  /** The engine for the active provider and completion model. */
  get(): Promise<CompletionEngine> {
    this.engine ??= this.build(this.generation).catch((error: unknown) => {
      this.engine = undefined; // the next keystroke tries again
      throw error;
    });
    return this.engine;
  }

  private async build(generation: number): Promise<CompletionEngine> {
    // Loaded on first use: the pipeline's modules are not evaluated during activation.
    const [{ CompletionEngine: Engine }, client] = await Promise.all([import('../../core/completion'), this.options.models.getClient(), this.options.ignore.ready()]);
    const { stats, related, ignore, server, logger } = this.options;
    // A settings change rebuilds the engine (models.onDidChange), so the tuning read here stays current.
    const tuning = { prefetch: this.options.models.config.completions.prefetch };
    const engine = new Engine({ client, stats, related, ignore, logger, tuning, onEvent: (event) => { if (generation === this.generation) server.observe(event); } });
    if (generation !== this.generation) engine.dispose(); // settings changed while building: the caller gets a dead engine, the next call a fresh one
    else this.built = engine;
    return engine;
  }

  private rebuild(): void {
    this.generation++;
    const previous = this.engine;
    this.engine = undefined;
    this.built = undefined;
    this.options.server.reset();
    void previous?.then((e) => e.dispose(), () => undefined);
  }

  dispose(): void {
    this.rebuild();
    this.subscriptions.forEach((s) => s.dispose());
  }
}
