/** Zero-based line and UTF-16 character, as VS Code's Position. */
export interface Position {
  line: number;
  character: number;
}

/**
 * The document as the engine reads it: line by line, which is what VS Code's TextDocument stores,
 * so a keystroke never copies the whole file (a 5,000-line file is read a few lines at a time).
 */
export interface CompletionDocument {
  readonly uri: string;
  readonly languageId: string;
  readonly lineCount: number;
  /** The line's text without its line break. */
  lineText(line: number): string;
  /** Workspace-relative path ('/'-separated), when the document is a workspace file. */
  readonly relativePath?: string;
  /** Workspace (repository) name, for FIM formats trained with one. */
  readonly workspaceName?: string;
}

export interface EditorIndentation {
  tabSize: number;
  insertSpaces: boolean;
}

/** VS Code's InlineCompletionTriggerKind: Invoke (explicit) = 0, Automatic (typing) = 1. */
export type TriggerKind = 'automatic' | 'explicit';

export interface CompletionRequest {
  document: CompletionDocument;
  position: Position;
  indentation: EditorIndentation;
  triggerKind: TriggerKind;
}

export type CompletionSource = 'network' | 'cache' | 'typedThrough' | 'reusedStream';

export interface CompletionItem {
  /** Text inserted at the cursor, replacing `range`. */
  insertText: string;
  /** Starts at the cursor; ends after the characters of the line the text replaces (closing brackets it re-types). */
  range: { start: Position; end: Position };
  /** Names one suggestion across the items it yields while the user types through it (for shown/accepted). */
  suggestionId: string;
  source: CompletionSource;
  /** The suggestion came from a request sent right after an accept (a prefetch). */
  prefetched?: boolean;
}
