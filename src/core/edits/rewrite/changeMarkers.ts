import { lineCommentFor } from '../../context/commentSyntax';

/** "changed", "added this line", "<- fixed", "updated here": a note to the reader about the edit, not a code comment. */
const changeNote = /^(?:(?:<-+|←|\^+)\s*)?(?:(?:this|the)\s+line\s+)?(?:(?:was|is|has been)\s+)?(?:changed|added|fixed|modified|updated|new|edited|replaced|removed)(?:\s+(?:this|the|that)?\s*(?:line|here|below|above))?\s*[.!]?$|^(?:<-+|←)\s*\S.*$/i;

/**
 * Small models mark what they changed with comments such as `// changed this line` or
 * `# <- added`; those would end up in the user's code. They are taken out of lines the model
 * wrote, never out of lines the range already had (there such a comment is the user's).
 */
export function withoutChangeMarkers(lines: readonly string[], subject: readonly string[], languageId: string): { lines: string[]; removed: number } {
  const comment = lineCommentFor(languageId);
  if (!comment) return { lines: [...lines], removed: 0 };
  const own = new Set(subject.map((line) => line.trim()));
  let removed = 0;
  const out: string[] = [];
  for (const line of lines) {
    if (own.has(line.trim())) {
      out.push(line);
      continue;
    }
    const at = line.lastIndexOf(comment);
    if (at < 0 || !changeNote.test(line.slice(at + comment.length).trim())) {
      out.push(line);
      continue;
    }
    const code = line.slice(0, at).trimEnd();
    removed++;
    if (code.trim() !== '') out.push(code);
    // A comment alone on its line is dropped with its line.
  }
  return { lines: out, removed };
}
