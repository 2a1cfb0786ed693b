import type { CompletionDocument, Position } from '../../src/core/completion';

/** An editor buffer as VS Code's extension host keeps it: an array of lines, edited in place. */
export class EditorDocument implements CompletionDocument {
  version = 1;

  constructor(
    private readonly lines: string[],
    readonly uri: string,
    readonly languageId: string,
    readonly relativePath: string,
  ) {}

  get lineCount(): number {
    return this.lines.length;
  }

  lineText(line: number): string {
    return this.lines[line] ?? '';
  }

  /** Inserts text at a position and returns the position after it. */
  insert(at: Position, text: string): Position {
    const line = this.lineText(at.line);
    const pieces = (line.slice(0, at.character) + text + line.slice(at.character)).split('\n');
    this.lines.splice(at.line, 1, ...pieces);
    this.version++;
    const last = pieces.length - 1;
    return { line: at.line + last, character: (pieces[last]?.length ?? 0) - (line.length - at.character) };
  }

  /** Deletes the character before a position on its line (backspace); returns the new position. */
  deleteBefore(at: Position): Position {
    if (at.character === 0) return at;
    const line = this.lineText(at.line);
    this.lines[at.line] = line.slice(0, at.character - 1) + line.slice(at.character);
    this.version++;
    return { line: at.line, character: at.character - 1 };
  }
}
