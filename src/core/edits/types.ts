// The data model shared by the parser, the matcher, the review UI (src/features/edit) and the CLI.

/** The notation a block was written in by the model. */
export type EditFormat = 'search-replace' | 'unified-diff' | 'apply-patch' | 'whole-file' | 'partial-file';

interface BlockBase {
  /** 0-based position of the block in the model response, counted across all files. */
  index: number;
  format: EditFormat;
  /** 1-based line of the response where the block starts (for messages). */
  responseLine: number;
}

/** Replace `search` by `replace`: SEARCH/REPLACE blocks, diff hunks and apply_patch chunks. */
export interface SearchReplaceBlock extends BlockBase {
  kind: 'search-replace';
  /** Lines without terminators. Empty means "create, or fill an empty file". */
  search: string[];
  replace: string[];
  /** apply_patch `@@ context` lines: the match lies after these lines, found in order. */
  anchors: string[];
  /** 1-based line the model claimed the hunk starts at in the original file (diff hunk header). */
  lineHint?: number;
  /** Hunks of one diff or patch are in file order, so a later one lies after an earlier one. */
  ordered: boolean;
  /** apply_patch `*** End of File`: the match must end at the end of the file. */
  atEndOfFile?: boolean;
}

/** A complete file in a code block (may turn out to be a fragment: see `snippet` strategy). */
export interface WholeFileBlock extends BlockBase {
  kind: 'whole-file';
  content: string[];
  /** The first line named the path as a comment (`// src/a.ts`); dropped unless the file has it. */
  pathComment?: string;
}

/** A file with parts left out behind comments such as `// ... existing code ...`. */
export interface PartialFileBlock extends BlockBase {
  kind: 'partial-file';
  lines: string[];
  /** Same length as `lines`: true where the line is an elision comment. */
  elided: boolean[];
}

/** A new file (apply_patch `*** Add File`, a diff from /dev/null). Fails if the file exists with other content. */
export interface CreateFileBlock extends BlockBase {
  kind: 'create';
  content: string[];
}

/** Remove the file (apply_patch `*** Delete File`, a diff to /dev/null): the only way to empty a file. */
export interface DeleteFileBlock extends BlockBase {
  kind: 'delete';
}

/** A block that could not be read (for example cut off by a truncated response): always fails its file. */
export interface MalformedBlock extends BlockBase {
  kind: 'malformed';
  reason: string;
}

export type EditBlock = SearchReplaceBlock | WholeFileBlock | PartialFileBlock | CreateFileBlock | DeleteFileBlock | MalformedBlock;

/** Every block the response has for one file, in response order. */
export interface FileEdit {
  /** Relative path as the model wrote it (normalized to `/`), or undefined when no block named a file. */
  path: string | undefined;
  /** apply_patch `*** Move to:` / a diff with different old and new paths. */
  renameTo?: string;
  blocks: EditBlock[];
}

export interface EditPlan {
  files: FileEdit[];
  /** Things the parser skipped or guessed around, e.g. code blocks that name no file. */
  warnings: string[];
}

/** How a block found its place in the file (or what it did). */
export type MatchStrategy =
  | 'exact'
  | 'whitespace'
  | 'indentation'
  | 'entities'
  | 'fuzzy'
  | 'tokens'
  | 'already-applied'
  | 'whole-file'
  | 'snippet'
  | 'merge'
  | 'create'
  | 'delete';

/**
 * What a non-exact match forgave: only differences that cannot change what the code means. A
 * differing word, number, string or operator is never forgiven; a comment cannot change what the
 * code does, so a comment line the model added, dropped or reworded is ('comments').
 */
export type Forgiven = 'indentation' | 'whitespace' | 'blank-lines' | 'entities' | 'quotes' | 'trailing-commas' | 'comments';

/** Where a block's change landed in the new text (1-based, inclusive) and how it was placed: for the review. */
export interface Placement {
  block: number;
  startLine: number;
  endLine: number;
  strategy: MatchStrategy;
  forgiven: Forgiven[];
}

/** Why a block failed, for programs; `reason` says it for people and models. */
export type FailureCode =
  | 'not-found'
  | 'ambiguous'
  | 'malformed'
  | 'no-file'
  | 'file-missing'
  | 'file-exists'
  | 'empty-search'
  | 'empties-file'
  | 'cannot-place'
  | 'conflict'
  | 'stale'
  | 'too-large';

/** A place in the file, 1-based and inclusive, with how similar it is to what the block expected. */
export interface Candidate {
  startLine: number;
  endLine: number;
  similarity: number;
  /** The file's text there, for the retry message. */
  text?: string;
}

export interface BlockResult {
  index: number;
  status: 'applied' | 'failed';
  strategy?: MatchStrategy;
  /** Where the block applied, 1-based inclusive, in the text it was applied to. */
  range?: { startLine: number; endLine: number };
  /** Similarity of the match (1 unless fuzzy). */
  similarity?: number;
  /** For a non-exact match: what differed between the block and the file and was forgiven. */
  forgiven?: Forgiven[];
  /** Several equally good places were narrowed to one by hunk order, the hunk's line number or an @@ anchor. */
  disambiguatedBy?: 'order' | 'line-number' | 'anchor';
  code?: FailureCode;
  reason?: string;
  /** The best place found for a failed block. */
  closest?: Candidate;
  /** For an ambiguous block: the places it matched. */
  candidates?: Candidate[];
}

export interface FileEditResult {
  path: string | undefined;
  /** 'unchanged': every block applied and the text is the same as before. */
  status: 'applied' | 'failed' | 'unchanged';
  /** The complete new text when applied or unchanged; never set for a failed file. */
  newText?: string;
  /** The file is to be created (it did not exist). */
  created?: boolean;
  /** The file is to be deleted. */
  deleted?: boolean;
  renameTo?: string;
  blocks: BlockResult[];
  /** A file-level reason (no file named, stale document, ...). */
  message?: string;
  warnings: string[];
  /** Every block's change was already in the file (the reply was applied before): nothing to write. */
  alreadyApplied?: boolean;
  /** Blocks placed by a non-exact match, in the new text's lines (for the review to say so). */
  placements?: Placement[];
  /** Set by `rebase` when the document had changed since the model saw it. */
  rebased?: 'merged' | 'rematched';
}

/**
 * A similarity-based ("fuzzy") match never places a block any more: a block whose words, numbers,
 * strings or operators differ from the file is refused (issue #11). The fuzzy search only finds the
 * closest place to name in the refusal; the threshold options are accepted and have no effect.
 */
export interface ApplyOptions {
  /** No effect (kept so callers compile): fuzzy matches are never applied. */
  fuzzyThreshold?: number;
  /** No effect (kept so callers compile). */
  fuzzyMargin?: number;
  /** No effect (kept so callers compile): only matches that differ in layout apply, with or without it. */
  allowFuzzy?: boolean;
  /** Time the search for the closest place of a block that matches nowhere may take. Default 30 ms. */
  fuzzyBudgetMs?: number;
  /** The clock that budget is kept by (milliseconds; default performance.now): tests pass their own. */
  clock?: () => number;
}
