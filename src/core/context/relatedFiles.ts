/**
 * What the editor tells the completion engine about other files. `features/` implements
 * RelatedContextSource for VS Code (imports of the current file resolved to workspace files,
 * recently edited and open documents of the same language); tests and the CLI implement it over
 * the file system. Core never reads files itself.
 */
export type FileRelation = 'import' | 'recentEdit' | 'open';

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
}
