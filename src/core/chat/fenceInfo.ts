export interface FenceInfo {
  /** As written (`ts`, `python`); '' when the fence names none. */
  language: string;
  /** The file the block is for, when the fence names one. */
  path?: string;
}

/**
 * Reads a code fence's info string. Models name the target file in several ways; all of these
 * give language `ts` and path `src/a.ts`: "ts src/a.ts", "ts:src/a.ts", "ts path=src/a.ts",
 * "ts title=\"src/a.ts\"", and "src/a.ts" alone (language from the extension).
 */
export function parseFenceInfo(info: string): FenceInfo {
  const words = info.trim().split(/\s+/).filter(Boolean);
  let language = words[0] ?? '';
  let path: string | undefined;
  const colon = /^([\w+#-]+):(.+)$/.exec(language);
  if (colon) {
    language = colon[1] ?? '';
    path = colon[2];
  }
  for (const word of words.slice(1)) {
    const named = /^(?:path|file|filename|title)=["']?([^"']+)["']?$/.exec(word);
    if (named) path = named[1];
    else if (!path && looksLikePath(word)) path = word;
  }
  if (!path && looksLikePath(language) && /\.\w+$/.test(language)) {
    path = language;
    language = /\.(\w+)$/.exec(language)?.[1] ?? '';
  }
  return path ? { language, path: path.replace(/^\.\//, '') } : { language };
}

function looksLikePath(word: string): boolean {
  return /^[\w.@+-]+(?:[/\\][\w.@+-]+)*\.\w+$/.test(word) || /^[\w.@+-]+(?:[/\\][\w.@+-]+)+$/.test(word);
}
