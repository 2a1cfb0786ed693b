import type { CompletionDocument, CompletionRequest, EditorIndentation, Position } from '../../../src/core/completion';
import { captureCursorContext, type CursorContext } from '../../../src/core/completion/cursorContext';

/** A CompletionDocument over an array of lines, editable like an editor buffer. */
export class MemoryDocument implements CompletionDocument {
  private lines: string[];

  constructor(text: string, readonly languageId = 'typescript', readonly uri = 'file:///work/src/file.ts', readonly relativePath: string | undefined = 'src/file.ts') {
    this.lines = text.split('\n');
  }

  get lineCount(): number {
    return this.lines.length;
  }

  lineText(line: number): string {
    return this.lines[line] ?? '';
  }

  /** Inserts text at a position; returns the position after it. */
  insert(at: Position, text: string): Position {
    const line = this.lineText(at.line);
    const inserted = (line.slice(0, at.character) + text + line.slice(at.character)).split('\n');
    this.lines.splice(at.line, 1, ...inserted);
    const last = inserted.length - 1;
    const tail = line.length - at.character;
    return { line: at.line + last, character: (inserted[last]?.length ?? 0) - tail };
  }

  /** Deletes the character before a position; returns the new position. */
  backspace(at: Position): Position {
    const line = this.lineText(at.line);
    if (at.character === 0) throw new Error('backspace at a line start is not needed by these tests');
    this.lines[at.line] = line.slice(0, at.character - 1) + line.slice(at.character);
    return { line: at.line, character: at.character - 1 };
  }

  text(): string {
    return this.lines.join('\n');
  }
}

/** A document from text with `█` marking the cursor. */
export function documentWithCursor(marked: string, languageId = 'typescript', uri?: string): { document: MemoryDocument; position: Position } {
  const at = marked.indexOf('█');
  if (at < 0) throw new Error('no █ cursor marker in the document');
  const before = marked.slice(0, at);
  const line = before.split('\n').length - 1;
  const character = at - (before.lastIndexOf('\n') + 1);
  const extension = { typescript: 'ts', python: 'py', go: 'go', rust: 'rs' }[languageId] ?? 'txt';
  const document = new MemoryDocument(marked.replace('█', ''), languageId, uri ?? `file:///work/src/file.${extension}`, `src/file.${extension}`);
  return { document, position: { line, character } };
}

export function requestAt(document: CompletionDocument, position: Position, indentation: EditorIndentation = { tabSize: 2, insertSpaces: true }): CompletionRequest {
  return { document, position, indentation, triggerKind: 'automatic' };
}

/** The cursor context for a marked document (what the filters and stop rules see). */
export function cursorAt(marked: string, languageId = 'typescript', indentation: EditorIndentation = { tabSize: 2, insertSpaces: true }): CursorContext {
  const { document, position } = documentWithCursor(marked, languageId);
  return captureCursorContext(requestAt(document, position, indentation));
}
