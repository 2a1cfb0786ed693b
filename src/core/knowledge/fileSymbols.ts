import type { SymbolKind } from './languages';

/** Lines are 1-based and inclusive everywhere in the index, as `tandem context` reports them. */
export interface LineRange {
  start: number;
  end: number;
}

export interface SymbolDefinition {
  name: string;
  kind: SymbolKind;
  /** The whole definition (decorators and doc comment included). */
  range: LineRange;
  /** The lines sent for it: doc comment and signature, or the whole of a short type or constant. */
  summary: LineRange;
  /** The text of `summary`, secrets already redacted. */
  text: string;
  /** Name of the enclosing class/module/impl, when there is one. */
  container?: string;
}

/** What the index keeps of one file: never its whole text. */
export interface FileSymbols {
  path: string;
  language: string;
  /** Size and modification time when parsed: a persisted entry is reused only while both match. */
  size: number;
  mtimeMs: number;
  lineCount: number;
  definitions: SymbolDefinition[];
  /** Distinct identifiers the file uses (its own definitions' names left out). */
  references: string[];
}
