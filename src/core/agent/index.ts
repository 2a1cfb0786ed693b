// The agent engine: the loop, the two tool protocols, the tools, the bounds, context budgeting and
// persisted tasks. Plain Node, no 'vscode': the CLI (`tandem agent`) and the VS Code panel share it.
export type * from './types';
export { runAgent, describeWork, type AgentOutcome, type AgentRunOptions } from './loop';
export { defaultBounds, type BoundLimits } from './bounds';
export { TaskStore, TaskNotFound, TaskBusy, tandemHome, type TaskRecord } from './taskStore';
export { readAgentRules, type RulesFile } from './rulesFiles';
export { buildSystemPrompt } from './prompt';
export { toolSpecs, nativeToolDefinitions, offeredTools, validateArguments } from './tools/definitions';
export type { ExtraTool, ExtraToolProvider } from './tools/extraTools';
export { joinToolProviders } from './tools/extraTools';
export type { ApprovalRequest, Approver, CommandJudgement, ResolvedPath, ShellRunOptions, ShellRunResult, ToolEnvironment } from './tools/environment';
export { parseTextReply } from './protocols/textProtocol';
export type { ChatStreamer } from './modelTurn';
