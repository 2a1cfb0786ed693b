// Telling a file path from prose in the places models put one: the fence's info string, the line
// before a block, a first-line comment, diff and patch headers.

const BARE_FILE_NAMES = /^(?:Makefile|Dockerfile|Containerfile|Rakefile|Gemfile|Procfile|Jenkinsfile|Vagrantfile|LICENSE|README|CHANGELOG|CODEOWNERS|\.[\w.-]+)$/;
/** name.ext where the extension has a letter: `app.py`, not `1.2` or `e.g.`. */
const WITH_EXTENSION = /^[^\s`'"*<>|?]*[\w\-)\]]\.(?=[A-Za-z0-9_+-]*[A-Za-z])[A-Za-z0-9_+-]{1,12}$/;
/** Info-string words that are languages, never paths, even with a dot (`vue.js`?) or slash. */
const NOT_A_PATH = /^(?:c\+\+|objective-c|c#|f#|node\.js|next\.js|vue\.js|asp\.net)$/i;

/** Normalizes a path as written: backslashes, `./`, surrounding quotes and decoration. */
export function normalizePath(path: string): string {
  let out = path.trim().replace(/^["'`]+|["'`]+$/g, '').replace(/\\/g, '/');
  while (out.startsWith('./')) out = out.slice(2);
  return out.replace(/\/{2,}/g, '/');
}

export function looksLikePath(candidate: string): boolean {
  const path = normalizePath(candidate);
  if (path.length === 0 || path.length > 260 || /\s/.test(path) || path.includes('://') || NOT_A_PATH.test(path)) return false;
  if (/^[-+=*#>]/.test(path) || /[(){};,]/.test(path)) return false;
  const name = path.split('/').pop()!;
  if (name === '') return false;
  return WITH_EXTENSION.test(path) || BARE_FILE_NAMES.test(name) || (path.includes('/') && /^[\w.@~+\-/]+$/.test(path) && /[A-Za-z]/.test(name));
}

const LABEL = /^(?:(?:file(?:name)?|path|in|update|updated|modify|modified|edit|edited|create|created|new file|changes? (?:to|in)|patch for)\s*:?\s+)/i;

/**
 * The path a line of prose names on its own: `src/app.ts`, `**src/app.ts**`, `### src/app.ts`,
 * `File: src/app.ts`, `` `src/app.ts`: ``, or a sentence with exactly one path in backticks
 * ("Update `src/app.ts` as follows:").
 */
export function pathFromLine(line: string): string | undefined {
  let text = line.trim();
  if (text.length === 0 || text.length > 300) return undefined;
  text = text.replace(/^(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+)/, '');
  text = text.replace(/^(?:\*\*|__)(.*?)(?:\*\*|__)(:?)$/, '$1$2').trim();
  text = text.replace(LABEL, '').replace(/^(?:\*\*|__)|(?:\*\*|__)$/g, '');
  text = text.replace(/\s*\((?:new|new file|updated|modified|changed|complete|full)[^)]*\)\s*:?$/i, '').replace(/:$/, '').trim();
  text = text.replace(/^(?:\*\*|__)|(?:\*\*|__)$/g, '');
  if (looksLikePath(text)) return normalizePath(text);
  // A sentence introducing the block: "Update `src/app.ts` as follows:", "In `app.py`:".
  const quoted = [...line.matchAll(/`([^`\s]+)`/g)].map((m) => m[1]!).filter((q) => looksLikePath(q) && (q.includes('/') || WITH_EXTENSION.test(q)));
  const introduces = /:\s*(?:\*\*)?$/.test(line.trim()) || line.trim().split(/\s+/).length <= 6;
  return quoted.length === 1 && introduces ? normalizePath(quoted[0]!) : undefined;
}

/**
 * The path in a fence's info string: "ts src/app.ts", "src/app.ts", "typescript:src/app.ts",
 * 'ts title="src/app.ts"', "python filename=app.py", "{path=src/app.ts}".
 */
export function pathFromInfo(info: string): string | undefined {
  const words = info.trim().split(/\s+/).filter(Boolean);
  for (const [position, raw] of words.entries()) {
    let word = raw.replace(/^\{|\}$/g, '');
    const assigned = /^(?:title|file|filename|path|name)=(.+)$/i.exec(word);
    if (assigned) word = assigned[1]!;
    else if (/^[A-Za-z0-9_+#-]+:(?!\/\/)./.test(word)) word = word.slice(word.indexOf(':') + 1);
    else if (position === 0 && !word.includes('.') && !word.includes('/')) continue; // the language
    word = word.replace(/^["']|["']$/g, '');
    if (looksLikePath(word)) return normalizePath(word);
  }
  return undefined;
}

const COMMENT_PATH = /^\s*(?:\/\/+|#+|--|;+|%|\/\*+|<!--|\{\/\*)\s*(?:(?:file(?:name)?|path)\s*:\s*)?(\S+?)\s*(?:\*\/\}?|-->)?\s*$/i;

/** `// src/app.ts`, `# app.py`, `<!-- index.html -->`, `/* styles.css *\/`, `-- query.sql`: the path, or undefined. */
export function pathFromComment(line: string): string | undefined {
  const match = COMMENT_PATH.exec(line);
  if (!match) return undefined;
  const candidate = match[1]!;
  return looksLikePath(candidate) && (candidate.includes('/') || WITH_EXTENSION.test(candidate)) ? normalizePath(candidate) : undefined;
}
