export type LinkTarget =
  | { kind: 'external'; url: string }
  /** A workspace-relative path the model cited, optionally with a line (`src/a.ts#L12`, `src/a.ts:12`). */
  | { kind: 'workspaceFile'; path: string; line?: number }
  | { kind: 'refused'; reason: string };

const externalSchemes = new Set(['http:', 'https:', 'mailto:']);

/**
 * Decides what a clicked link in a model's answer may do. Only web and mail links open outside
 * the editor; a relative path opens a workspace file; everything else (javascript:, data:,
 * command:, file:, vscode:, absolute paths) is refused, because the answer came from a model.
 */
export function classifyLink(href: string): LinkTarget {
  const trimmed = href.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) {
    let url: URL;
    try {
      url = new URL(trimmed);
    } catch {
      return { kind: 'refused', reason: 'not a valid URL' };
    }
    if (!externalSchemes.has(url.protocol)) return { kind: 'refused', reason: `${url.protocol} links are not opened from chat answers` };
    return { kind: 'external', url: url.toString() };
  }
  if (trimmed.startsWith('/') || trimmed.startsWith('\\') || trimmed.startsWith('//')) return { kind: 'refused', reason: 'absolute paths are not opened from chat answers' };
  const match = /^(.*?)(?:#L(\d+)(?:-L?\d+)?|:(\d+)(?::\d+)?)?$/.exec(trimmed);
  const path = decodeURIComponentSafe(match?.[1] ?? trimmed).replace(/^\.\//, '');
  if (!path || path.split(/[\\/]/).includes('..')) return { kind: 'refused', reason: 'the path leaves the workspace' };
  const line = Number(match?.[2] ?? match?.[3]);
  return { kind: 'workspaceFile', path, ...(Number.isInteger(line) && line > 0 ? { line } : {}) };
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
