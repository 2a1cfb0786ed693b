// Function names the model sees for MCP tools: mcp__<server>__<tool>, in the alphabet every
// OpenAI-compatible server accepts ([A-Za-z0-9_-], at most 64 characters), each one unique.

export const maxToolNameLength = 64;

export interface NamedTool {
  server: string;
  tool: string;
}

export interface AssignedName extends NamedTool {
  name: string;
  /** Set when the name had to change (sanitised, shortened or made unique): what and why, for the user. */
  note?: string;
}

/** Letters, digits, '_' and '-' only; anything else becomes '_'. */
export function sanitizeNamePart(text: string): string {
  const cleaned = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9_-]/g, '_').replace(/_{3,}/g, '__');
  return cleaned || '_';
}

/**
 * Names every tool, in order: sanitised, shortened with a short hash of the full name when too
 * long, and given a numeric suffix when two tools end up with the same name. Each change carries
 * a note so the MCP view can say why a tool is called what it is.
 */
export function assignToolNames(tools: readonly NamedTool[]): AssignedName[] {
  const used = new Set<string>();
  return tools.map((entry) => {
    const wanted = `mcp__${entry.server}__${entry.tool}`;
    let name = `mcp__${sanitizeNamePart(entry.server)}__${sanitizeNamePart(entry.tool)}`;
    const notes: string[] = [];
    if (name !== wanted) notes.push('characters other than letters, digits, _ and - replaced by _');
    if (name.length > maxToolNameLength) {
      name = `${name.slice(0, maxToolNameLength - 7)}_${shortHash(wanted)}`;
      notes.push(`shortened to ${maxToolNameLength} characters`);
    }
    if (used.has(name)) {
      const base = name;
      for (let n = 2; used.has(name); n++) {
        const suffix = `_${n}`;
        name = `${base.slice(0, maxToolNameLength - suffix.length)}${suffix}`;
      }
      notes.push(`renamed: "${base}" is already taken by another tool`);
    }
    used.add(name);
    return { ...entry, name, ...(notes.length ? { note: notes.join('; ') } : {}) };
  });
}

/** Six base-36 characters of FNV-1a: stable across runs, so a saved task keeps calling the same name. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(6, '0').slice(-6);
}
