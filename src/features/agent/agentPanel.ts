import type { ExtraToolProvider } from '../../core/agent';
import type { ReviewService } from '../edit/review/reviewApi';
import * as vscode from 'vscode';
import type { AgentEvent, AgentEventSink, Approver, TaskRecord, TaskStore } from '../../core/agent';
import { Checkpoints } from '../../core/agent/checkpoints';
import { compileAllowPattern } from '../../core/agent/safety/commandPolicy';
import type { Logger } from '../../core/logger';
import type { AgentMode, AgentPanelEvent, AgentTaskView, ExtensionMessage, WebviewMessage } from '../../core/protocol';
import type { ModelService } from '../models/modelService';
import { runTaskOnce } from './agentRun';
import { addAllowedCommand, readAgentSettings } from './agentSettings';
import { allowPatternFor, ApprovalQueue, canAlwaysAllow, type ApprovalDecision } from './approvals';
import { openCheckpointDiff } from './checkpointDiff';
import { restoreTo, undoRestore } from './restoreFlow';
import { RunStatus } from './runStatus';
import { TaskTimeline } from './taskTimeline';

export type AgentWebviewMessage = Extract<WebviewMessage, { type: `agent${string}` }>;

export interface AgentPanelDeps {
  post: (message: ExtensionMessage) => void;
  models: ModelService;
  logger: Logger;
  /** Tandem's per-hunk review: edits that are not auto-applied are proposed there. */
  review: ReviewService;
  /** Tools from outside the engine (the window's MCP servers). */
  extraTools?: ExtraToolProvider;
  /** Per workspace: the mode and the task shown. */
  state: vscode.Memento;
  store: TaskStore;
  /** The workspace folder tasks work in; undefined without one. */
  root: () => string | undefined;
  /** Restricted Mode (an untrusted workspace) allows read-only tools only. */
  isTrusted: () => boolean;
  /** A modal question; true when the user chose `action`. Tests answer it through a hook. */
  confirm: (message: string, detail: string, action: string) => Promise<boolean>;
}

interface OpenTask {
  record: TaskRecord;
  timeline: TaskTimeline;
  checkpoints: Checkpoints;
  taskDir: string;
  /** The limits of the last run, for "Continue with a higher limit". */
  limits?: { maxSteps: number; tokenBudget: number };
}

interface ActiveRun {
  abort: AbortController;
  status: RunStatus;
  output: Map<string, { step: number; text: string }>;
  outputTimer: ReturnType<typeof setTimeout> | undefined;
  decision: ApprovalDecision | 'auto' | undefined;
  done: Promise<void>;
}

const modeKey = 'tandem.agent.mode';
const taskKey = 'tandem.agent.taskId';
/** Command output reaches the page at most this often (a chatty build would flood it otherwise). */
const outputFlushMs = 100;

/**
 * Agent mode of the chat panel: starts, stops, continues and restores tasks, answers approvals and
 * streams the engine's events to the page. The engine's task record (and this panel's timeline
 * beside it) are on disk, so a reloaded window shows the task where it stopped.
 */
export class AgentPanel implements vscode.Disposable {
  private mode: AgentMode;
  private task: OpenTask | undefined;
  private run: ActiveRun | undefined;
  /** "Always allow" answers of this window: they hold at once, before the settings change is read. */
  private readonly sessionAllowed: string[] = [];
  private readonly approvals = new ApprovalQueue((approval) => {
    if (this.task) this.deps.post({ type: 'agentApproval', taskId: this.task.record.id, approval });
  });

  constructor(private readonly deps: AgentPanelDeps) {
    this.mode = deps.state.get<AgentMode>(modeKey) === 'agent' ? 'agent' : 'ask';
  }

  /** Opens the task this workspace showed last, if it still exists. */
  async init(): Promise<void> {
    const id = this.deps.state.get<string>(taskKey);
    if (!id) return;
    try {
      this.task = await this.open(await this.deps.store.load(id));
    } catch (error) {
      this.deps.logger.warn(`agent: the last task (${id}) could not be opened: ${error instanceof Error ? error.message : String(error)}`);
      await this.deps.state.update(taskKey, undefined);
    }
  }

  get running(): boolean {
    return this.run !== undefined;
  }

  get taskId(): string | undefined {
    return this.task?.record.id;
  }

  get pendingApproval(): string | undefined {
    return this.approvals.current?.id;
  }

  /** The page (re)loaded: everything it shows of agent mode. */
  ready(): void {
    this.deps.post({ type: 'agentMode', mode: this.mode, readOnly: !this.deps.isTrusted() });
    this.deps.post({ type: 'agentTask', task: this.task ? this.view(this.task) : null });
    if (this.task) void this.postCheckpoints(this.task);
    if (this.task && this.run) {
      this.deps.post({ type: 'agentStatus', taskId: this.task.record.id, status: this.run.status.snapshot() });
      if (this.approvals.current) this.deps.post({ type: 'agentApproval', taskId: this.task.record.id, approval: this.approvals.current });
    }
  }

  async handle(message: AgentWebviewMessage): Promise<void> {
    switch (message.type) {
      case 'agentSetMode':
        this.mode = message.mode;
        await this.deps.state.update(modeKey, message.mode);
        this.deps.post({ type: 'agentMode', mode: this.mode, readOnly: !this.deps.isTrusted() });
        return;
      case 'agentSend': return this.send(message.text);
      case 'agentStop': return this.stop();
      case 'agentNewTask': return this.newTask();
      case 'agentApprove':
        this.approvals.answer(message.id, message.decision);
        return;
      case 'agentContinue': return this.continueTask(message.raise);
      case 'agentRestore': return this.restore(message.step);
      case 'agentUndoRestore': return this.undoRestore(message.snapshot);
      case 'agentOpenDiff':
        if (this.task) await openCheckpointDiff(this.task.record.workspaceRoot, this.task.taskDir, message.path, message.step ?? 1);
        return;
    }
  }

  stop(): void {
    if (!this.run) return;
    this.run.abort.abort();
    this.approvals.cancel();
  }

  /** Waits for the running task to end (tests, dispose). */
  async settled(): Promise<void> {
    await this.run?.done;
  }

  private async send(text: string): Promise<void> {
    if (this.run) return this.notice('warning', 'The agent is working on a task; stop it (Stop) or wait for it before sending another message.');
    const root = this.deps.root();
    if (!root) return this.notice('warning', 'Agent mode works in a workspace folder: open a folder first (File > Open Folder).');
    let task = this.task;
    // A follow-up goes to the task shown, unless it belongs to another folder.
    if (!task || task.record.workspaceRoot !== root) {
      task = await this.open(this.deps.store.create({ workspaceRoot: root, workingFolder: root, task: text }));
      this.task = task;
      await this.deps.state.update(taskKey, task.record.id);
      this.deps.post({ type: 'agentTask', task: this.view(task) });
    }
    this.addEvents(task, [{ type: 'user', text }]);
    this.start(task, text, undefined);
  }

  private async newTask(): Promise<void> {
    if (this.run) return this.notice('warning', 'Stop the running task before starting a new one.');
    this.task = undefined;
    await this.deps.state.update(taskKey, undefined);
    this.deps.post({ type: 'agentTask', task: null });
  }

  private continueTask(raise: boolean): void {
    const task = this.task;
    if (!task || this.run) return;
    if (task.record.status === 'finished') return this.notice('info', 'This task is finished; send a follow-up message to go on with it.');
    const last = [...task.timeline.events].reverse().find((e) => e.type === 'stop');
    let limits = task.limits;
    if (raise && last?.type === 'stop' && last.bound && limits) {
      if (last.bound === 'steps') limits = { ...limits, maxSteps: Math.min(500, limits.maxSteps * 2) };
      if (last.bound === 'tokens') limits = { ...limits, tokenBudget: Math.min(100_000_000, limits.tokenBudget * 2) };
    }
    this.start(task, undefined, raise ? limits : undefined);
  }

  private start(task: OpenTask, message: string | undefined, limits: OpenTask['limits']): void {
    const settings = readAgentSettings(this.deps.models.config, (warning) => this.notice('warning', warning));
    const maxSteps = limits?.maxSteps ?? settings.maxSteps;
    const tokenBudget = limits?.tokenBudget ?? settings.tokenBudget;
    task.limits = { maxSteps, tokenBudget };
    const status = new RunStatus(task.record, maxSteps);
    status.running = true;
    status.set('waiting for the model');
    const run: ActiveRun = { abort: new AbortController(), status, output: new Map(), outputTimer: undefined, decision: undefined, done: Promise.resolve() };
    this.run = run;
    this.postStatus(task, run);
    run.done = (async () => {
      try {
        await runTaskOnce({
          models: this.deps.models, review: this.deps.review, extraTools: this.deps.extraTools, store: this.deps.store, record: task.record, settings, readOnly: !this.deps.isTrusted(),
          approver: this.approver(task, run), emit: this.emitter(task, run, { maxSteps, tokenBudget }), signal: run.abort.signal,
          maxSteps, tokenBudget, message,
        });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        this.deps.logger.error(`agent: task ${task.record.id} failed: ${error instanceof Error ? error.stack ?? reason : reason}`);
        this.flushOutput(task, run);
        this.addEvents(task, [{ type: 'stop', reason: 'error', message: `Stopped: ${reason}` }]);
      } finally {
        this.flushOutput(task, run);
        this.approvals.cancel();
        run.status.running = false;
        run.status.set('');
        this.postStatus(task, run);
        this.run = undefined;
        await task.timeline.flush();
        await this.postCheckpoints(task);
      }
    })();
  }

  private approver(task: OpenTask, run: ActiveRun): Approver {
    return async (request) => {
      const flat = request.subject.trim().replace(/[ \t]+/g, ' ');
      if (request.kind === 'command' && canAlwaysAllow(request) && this.sessionAllowed.some((p) => compileAllowPattern(p)?.test(flat))) {
        run.decision = 'auto';
        return true;
      }
      run.status.set(request.kind === 'command' ? `waiting for your approval to run ${request.subject}` : request.kind === 'tool' ? `waiting for your approval to call ${request.subject}` : `waiting for your approval of the edit to ${request.subject}`);
      this.postStatus(task, run);
      const decision = await this.approvals.ask(request, task.record.workingFolder);
      run.decision = decision;
      if (decision === 'always') {
        const pattern = allowPatternFor(request.subject);
        this.sessionAllowed.push(pattern);
        await addAllowedCommand(pattern).catch((error: unknown) => this.notice('warning', `"${pattern}" could not be added to tandem.agent.allowedCommands: ${error instanceof Error ? error.message : String(error)}`));
      }
      return decision !== 'deny';
    };
  }

  private emitter(task: OpenTask, run: ActiveRun, limits: { maxSteps: number; tokenBudget: number }): AgentEventSink {
    return (event: AgentEvent) => {
      if (run.status.observe(event)) this.postStatus(task, run);
      if (event.type === 'output') return this.queueOutput(task, run, event);
      if (event.type === 'progress' || event.type === 'text') return;
      this.flushOutput(task, run);
      const panelEvent = this.toPanelEvent(task, run, event, limits);
      this.addEvents(task, [panelEvent]);
      if (panelEvent.type === 'toolResult' && panelEvent.filesChanged?.length) void this.postCheckpoints(task);
    };
  }

  /** The engine's event with what the panel shows besides: files and command of a result, the answer to an approval, the limit of a bound. */
  private toPanelEvent(task: OpenTask, run: ActiveRun, event: Exclude<AgentEvent, { type: 'output' | 'progress' | 'text' }>, limits: { maxSteps: number; tokenBudget: number }): AgentPanelEvent {
    switch (event.type) {
      case 'toolResult': {
        const outcome = task.record.pending?.results[event.id]?.outcome;
        return {
          ...event, diff: event.diff?.slice(0, 200_000), summary: event.summary.slice(0, 4_000),
          ...(outcome?.filesChanged?.length ? { filesChanged: outcome.filesChanged } : {}),
          ...(outcome?.command ? { command: { command: outcome.command.command.slice(0, 4_000), exitCode: outcome.command.exitCode } } : {}),
        };
      }
      case 'approval': {
        const decision = run.decision ?? (event.approved ? 'run' : 'deny');
        run.decision = undefined;
        return { ...event, subject: event.subject.slice(0, 4_000), reason: event.reason.slice(0, 4_000), decision };
      }
      case 'stop': {
        const limit = event.bound === 'steps' ? limits.maxSteps : event.bound === 'tokens' ? limits.tokenBudget : undefined;
        return { ...event, ...(limit ? { limit } : {}) };
      }
      case 'assistant': return { ...event, text: event.text.slice(0, 200_000) };
      case 'toolCall': return { ...event, name: event.name.slice(0, 200), arguments: clipArguments(event.arguments) };
      default: return event;
    }
  }

  private queueOutput(task: OpenTask, run: ActiveRun, event: Extract<AgentEvent, { type: 'output' }>): void {
    const queued = run.output.get(event.id);
    // Only the tail of a flood matters once it is over the timeline's cap.
    if (queued) queued.text = (queued.text + event.text).slice(-200_000);
    else run.output.set(event.id, { step: event.step, text: event.text.slice(-200_000) });
    run.outputTimer ??= setTimeout(() => this.flushOutput(task, run), outputFlushMs);
  }

  private flushOutput(task: OpenTask, run: ActiveRun): void {
    if (run.outputTimer) clearTimeout(run.outputTimer);
    run.outputTimer = undefined;
    if (run.output.size === 0) return;
    const events = [...run.output].map(([id, { step, text }]): AgentPanelEvent => ({ type: 'output', step, id, text }));
    run.output.clear();
    this.addEvents(task, events);
  }

  private addEvents(task: OpenTask, events: AgentPanelEvent[]): void {
    const sent = events.map((event) => task.timeline.add(event));
    task.timeline.save();
    this.deps.post({ type: 'agentEvents', taskId: task.record.id, events: sent });
  }

  private postStatus(task: OpenTask, run: ActiveRun): void {
    this.deps.post({ type: 'agentStatus', taskId: task.record.id, status: run.status.snapshot() });
  }

  private async postCheckpoints(task: OpenTask): Promise<void> {
    const checkpoints = await task.checkpoints.list().catch(() => []);
    this.deps.post({ type: 'agentCheckpoints', taskId: task.record.id, checkpoints: checkpoints.map((c) => ({ step: c.step, files: c.files })) });
  }

  private async restore(step: number): Promise<void> {
    const task = this.task;
    if (!task) return;
    if (this.run) return this.notice('warning', 'Stop the task before restoring files: the agent may still be changing them.');
    const result = await restoreTo(task.checkpoints, step, this.deps.confirm);
    if (!result) return;
    this.recordRestore(task, { ...result, step, kind: 'restore' });
  }

  private async undoRestore(snapshot: string): Promise<void> {
    const task = this.task;
    if (!task || this.run) return;
    const result = await undoRestore(task.checkpoints, snapshot, this.deps.confirm);
    if (!result) return;
    this.recordRestore(task, { ...result, step: 0, kind: 'undo' });
  }

  private recordRestore(task: OpenTask, result: Parameters<TaskTimeline['addRestore']>[0]): void {
    task.timeline.addRestore(result);
    task.timeline.save();
    this.deps.post({ type: 'agentRestored', taskId: task.record.id, result });
    void this.postCheckpoints(task);
  }

  private async open(record: TaskRecord): Promise<OpenTask> {
    const taskDir = this.deps.store.taskDir(record.id);
    const task: OpenTask = { record, taskDir, timeline: await TaskTimeline.load(taskDir), checkpoints: new Checkpoints(taskDir, record.workspaceRoot) };
    return task;
  }

  private view(task: OpenTask): AgentTaskView {
    // A task saved as running that no run of this window holds was cut off by a reload or a crash.
    // (A task just created is saved as running too, before its run starts: it has no messages yet.)
    const cutOff = task.record.status === 'running' && this.run === undefined && task.record.messages.length > 0;
    const status = cutOff ? 'interrupted' : task.record.status;
    return { id: task.record.id, task: task.record.task.slice(0, 200_000), status, events: task.timeline.events, checkpoints: [], restores: task.timeline.restores };
  }

  private notice(level: 'info' | 'warning', text: string): void {
    this.deps.post({ type: 'agentNotice', level, text });
  }

  dispose(): void {
    this.stop();
  }
}

/** Tool arguments as the page shows them: long strings (a whole file to write) cut. */
function clipArguments(args: unknown): unknown {
  const text = JSON.stringify(args ?? null);
  if (text.length <= 20_000) return args;
  return { note: `arguments of ${text.length} characters, shown cut`, text: text.slice(0, 20_000) };
}
