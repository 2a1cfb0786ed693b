// ---------------------------------------------------------------------------------------------
// LOCAL DECLARATIONS of the parts of VS Code's chat and language-model APIs that Tandem uses.
// Our @types/vscode is 1.82 (the oldest VS Code we support), which lacks `vscode.chat` and
// `vscode.lm.registerLanguageModelChatProvider`; hosts that have them (VS Code 1.104+, recent
// code-server) are detected at runtime and only then are these shapes relied on. Keep them
// minimal and in this one file; delete it once engines.vscode allows the real types.
// ---------------------------------------------------------------------------------------------
import * as vscode from 'vscode';

export interface HostChatRequest {
  readonly prompt: string;
  readonly command: string | undefined;
  /** `#file` and other attachments from the host's chat input. */
  readonly references: ReadonlyArray<{ readonly id: string; readonly value: unknown }>;
}

/** One earlier turn: a request (`prompt`) or a response (`response` parts). */
export interface HostChatTurn {
  readonly participant: string;
  readonly prompt?: string;
  readonly command?: string;
  readonly response?: ReadonlyArray<unknown>;
  /** What the handler returned for a response turn. */
  readonly result?: { readonly metadata?: unknown };
}

export interface HostChatContext {
  readonly history: ReadonlyArray<HostChatTurn>;
}

export interface HostChatResponseStream {
  markdown(value: string): void;
  progress(value: string): void;
}

export interface HostChatResult {
  errorDetails?: { message: string };
  /** Kept by the host with the turn (the agent keeps its task id here). */
  metadata?: Record<string, unknown>;
}

export type HostChatHandler = (request: HostChatRequest, context: HostChatContext, stream: HostChatResponseStream, token: vscode.CancellationToken) => Promise<HostChatResult>;

export interface HostChatParticipant extends vscode.Disposable {
  iconPath?: vscode.Uri;
}

interface HostChatNamespace {
  createChatParticipant(id: string, handler: HostChatHandler): HostChatParticipant;
}

export interface HostModelInformation {
  readonly id: string;
  readonly name: string;
  readonly family: string;
  readonly version: string;
  readonly maxInputTokens: number;
  readonly maxOutputTokens: number;
  readonly tooltip?: string;
  readonly detail?: string;
  /** Newer hosts (1.120+) list a model in the Chat view's picker only when this is true. */
  readonly isUserSelectable?: boolean;
  readonly capabilities: { readonly imageInput?: boolean; readonly toolCalling?: boolean | number };
}

/** role: 1 user, 2 assistant (LanguageModelChatMessageRole); content parts with `value` are text. */
export interface HostModelMessage {
  readonly role: number;
  readonly content: ReadonlyArray<unknown>;
}

export interface HostModelProvider<T extends HostModelInformation> {
  readonly onDidChangeLanguageModelChatInformation?: vscode.Event<void>;
  provideLanguageModelChatInformation(options: { readonly silent: boolean }, token: vscode.CancellationToken): Promise<T[]>;
  provideLanguageModelChatResponse(model: T, messages: readonly HostModelMessage[], options: unknown, progress: vscode.Progress<unknown>, token: vscode.CancellationToken): Promise<void>;
  provideTokenCount(model: T, text: string | HostModelMessage, token: vscode.CancellationToken): Promise<number>;
}

interface HostLmNamespace {
  registerLanguageModelChatProvider<T extends HostModelInformation>(vendor: string, provider: HostModelProvider<T>): vscode.Disposable;
}

export type HostTextPart = new (value: string) => unknown;

/** `vscode.chat` when the host can create chat participants. */
export function hostChat(): HostChatNamespace | undefined {
  const chat = (vscode as unknown as { chat?: Partial<HostChatNamespace> }).chat;
  return typeof chat?.createChatParticipant === 'function' ? (chat as HostChatNamespace) : undefined;
}

/** `vscode.lm` and `LanguageModelTextPart` when the host accepts language-model providers. */
export function hostLanguageModels(): { lm: HostLmNamespace; TextPart: HostTextPart } | undefined {
  const api = vscode as unknown as { lm?: Partial<HostLmNamespace>; LanguageModelTextPart?: HostTextPart };
  if (typeof api.lm?.registerLanguageModelChatProvider !== 'function' || typeof api.LanguageModelTextPart !== 'function') return undefined;
  return { lm: api.lm as HostLmNamespace, TextPart: api.LanguageModelTextPart };
}

/** The text of a message part, a response part or a MarkdownString, whichever shape it has. */
export function partText(part: unknown): string {
  if (typeof part === 'string') return part;
  if (typeof part !== 'object' || part === null) return '';
  const value = (part as { value?: unknown }).value;
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && typeof (value as { value?: unknown }).value === 'string') return (value as { value: string }).value;
  return '';
}
