/**
 * What the editor tells the completion engine about other files. `features/` implements
 * RelatedContextSource for VS Code (imports of the current file resolved to workspace files,
 * recently edited and open documents of the same language); tests and the CLI implement it over
 * the file system. Core never reads files itself.
 */
/** 'definition': a definition from another file of a symbol used at the cursor (the workspace index). */
export type FileRelation = 'import' | 'recentEdit' | 'open' | 'definition';

export interface RelatedFile {
  /** Workspace-relative, '/'-separated; shown to the model and matched against ignore rules. */
  path: string;
  languageId: string;
  text: string;
  relation: FileRelation;
  /** Changes whenever `text` changes (VS Code's document version): lets Tandem reuse its index of the file. */
  version?: number;
}

export interface RelatedFilesQuery {
  uri: string;
  languageId: string;
  /** Workspace-relative path of the document being edited, when it has one. */
  path?: string;
  /** Module specifiers the document imports (see importSpecifiers), for the implementer to resolve. */
  imports: readonly string[];
}

export interface RelatedContextSource {
  /**
   * Files related to the document being edited. Supply only files the user allows (their ignore
   * rules applied); Tandem additionally drops sensitive files (.env, keys) and redacts secrets.
   * Called at most once per document every few seconds; the signal aborts when the answer is no
   * longer wanted (Tandem gives gathering a hard time cap).
   */
  relatedFiles(query: RelatedFilesQuery, signal: AbortSignal): Promise<readonly RelatedFile[]> | readonly RelatedFile[];
  /**
   * Optional: definitions from other files (signature and doc comment) of the symbols used around
   * the cursor, best first, within `maxChars`; none when unknown (no index loaded yet). Asked on
   * every request, within the same time cap as the files; implement it on precomputed data.
   */
  definitions?(query: DefinitionsQuery, signal: AbortSignal): Promise<readonly DefinitionSnippet[]> | readonly DefinitionSnippet[];
}

export interface DefinitionsQuery {
  uri: string;
  languageId: string;
  path?: string;
  /** The cursor, 0-based as VS Code's Position (`character` in UTF-16 code units). */
  line: number;
  character: number;
  maxChars: number;
}

export interface DefinitionSnippet {
  /** Workspace-relative, '/'-separated. */
  path: string;
  /** What is sent (Tandem redacts secrets again on the way out). */
  text: string;
  /** 0..1, the best 1. */
  score: number;
}
