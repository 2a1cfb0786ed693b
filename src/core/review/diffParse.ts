// Unified diffs as git prints them (`git diff`, the Git extension's diff()), read into per-file
// changes with the set of lines each one changed. Hand-written rather than jsdiff's parsePatch,
// which does not read git's extended headers (renames, binary files, modes).

export type FileStatus = 'added' | 'deleted' | 'modified' | 'renamed' | 'binary';

export interface DiffLine {
  kind: 'context' | 'added' | 'removed';
  text: string;
  /** 1-based line in the new file; for a removed line, the new line it was removed before. */
  newLine: number;
}

export interface DiffHunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** Text after the second `@@` (git's guess of the enclosing function). */
  heading: string;
  lines: DiffLine[];
}

export interface FileDiff {
  /** The new side's path (the old one for a deleted file), `/`-separated, without a/ b/. */
  path: string;
  oldPath?: string;
  status: FileStatus;
  hunks: DiffHunk[];
  /** 1-based new-file lines that were added or changed. */
  addedLines: Set<number>;
  /** 1-based new-file lines before which something was removed (a deletion leaves no added line). */
  removalPoints: Set<number>;
  added: number;
  removed: number;
  /** This file's part of the diff, verbatim. */
  text: string;
}

const hunkHeader = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ ?(.*)$/;

/** Reads every file of a unified diff; text that is not a diff yields no files. */
export function parseUnifiedDiff(diff: string): FileDiff[] {
  const lines = diff.replace(/\r\n/g, '\n').split('\n');
  const files: FileDiff[] = [];
  let file: FileDiff | undefined;
  let fileStart = 0;
  let hunk: DiffHunk | undefined;
  let oldLeft = 0;
  let newLeft = 0;
  let newLine = 0;
  const finish = (end: number) => {
    if (file) file.text = lines.slice(fileStart, end).join('\n').replace(/\n+$/, '');
  };
  const open = (index: number, path: string, oldPath?: string): FileDiff => {
    finish(index);
    fileStart = index;
    hunk = undefined;
    const created: FileDiff = { path, ...(oldPath !== undefined ? { oldPath } : {}), status: 'modified', hunks: [], addedLines: new Set(), removalPoints: new Set(), added: 0, removed: 0, text: '' };
    files.push(created);
    return created;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (hunk && (oldLeft > 0 || newLeft > 0)) {
      const mark = line[0];
      if (mark === ' ' || (line === '' && oldLeft > 0 && newLeft > 0)) {
        hunk.lines.push({ kind: 'context', text: line.slice(1), newLine });
        newLine++;
        oldLeft--;
        newLeft--;
        continue;
      }
      if (mark === '+' && newLeft > 0) {
        hunk.lines.push({ kind: 'added', text: line.slice(1), newLine });
        file!.addedLines.add(newLine);
        file!.added++;
        newLine++;
        newLeft--;
        continue;
      }
      if (mark === '-' && oldLeft > 0) {
        hunk.lines.push({ kind: 'removed', text: line.slice(1), newLine });
        file!.removalPoints.add(newLine);
        file!.removed++;
        oldLeft--;
        continue;
      }
      if (mark === '\\') continue; // "\ No newline at end of file"
      hunk = undefined; // a hunk shorter than its header said: read on as headers
    }
    if (line.startsWith('\\')) continue;
    if (line.startsWith('diff --git ')) {
      const [oldName, newName] = gitHeaderPaths(line.slice('diff --git '.length));
      file = open(i, newName, oldName !== newName ? oldName : undefined);
      continue;
    }
    if (line.startsWith('--- ') && lines[i + 1]?.startsWith('+++ ')) {
      const oldName = headerPath(line.slice(4));
      const newName = headerPath(lines[i + 1]!.slice(4));
      // A plain `diff -u` has no `diff --git` line: the ---/+++ pair starts the file.
      if (!file || file.hunks.length > 0) file = open(i, newName ?? oldName ?? 'unknown');
      if (oldName === undefined && newName !== undefined) file.status = 'added';
      if (newName === undefined && oldName !== undefined) {
        file.status = 'deleted';
        file.path = oldName;
      } else if (newName !== undefined) file.path = newName;
      if (oldName !== undefined && newName !== undefined && oldName !== newName) file.oldPath = oldName;
      i++;
      continue;
    }
    if (!file) continue;
    const header = hunkHeader.exec(line);
    if (header) {
      hunk = { oldStart: Number(header[1]), oldLines: header[2] === undefined ? 1 : Number(header[2]), newStart: Number(header[3]), newLines: header[4] === undefined ? 1 : Number(header[4]), heading: header[5] ?? '', lines: [] };
      file.hunks.push(hunk);
      oldLeft = hunk.oldLines;
      newLeft = hunk.newLines;
      // An empty new side (`+0,0`) sits after line 0: removals point at line 1.
      newLine = hunk.newLines === 0 ? hunk.newStart + 1 : hunk.newStart;
      continue;
    }
    if (line.startsWith('new file mode')) file.status = 'added';
    else if (line.startsWith('deleted file mode')) file.status = 'deleted';
    else if (line.startsWith('rename to ')) {
      file.status = 'renamed';
      file.path = unquote(line.slice('rename to '.length));
    } else if (line.startsWith('rename from ')) file.oldPath = unquote(line.slice('rename from '.length));
    else if (line.startsWith('Binary files ') || line === 'GIT binary patch') file.status = 'binary';
  }
  finish(lines.length);
  for (const f of files) if (f.status === 'modified' && f.oldPath !== undefined && f.oldPath !== f.path) f.status = 'renamed';
  return files;
}

/** The two paths of `diff --git a/x b/y` (quoted when unusual); the ---/+++ and rename lines, when present, override them. */
function gitHeaderPaths(rest: string): [string, string] {
  const quoted = /^("(?:[^"\\]|\\.)*"|\S+) ("(?:[^"\\]|\\.)*"|\S+)$/.exec(rest);
  if (quoted && (rest.startsWith('"') || rest.endsWith('"'))) return [strip(unquote(quoted[1]!)), strip(unquote(quoted[2]!))];
  // Unquoted names may hold spaces: both sides name the same file unless renamed, so split in the middle.
  const middle = rest.indexOf(' b/', Math.floor((rest.length - 3) / 2) - 1);
  const at = middle >= 0 ? middle : rest.lastIndexOf(' b/');
  if (at < 0) return [strip(rest), strip(rest)];
  return [strip(rest.slice(0, at)), strip(rest.slice(at + 1))];
}

function strip(name: string): string {
  return name.replace(/^[ab]\//, '');
}

/** `a/src/x.ts` -> `src/x.ts`; `/dev/null` -> undefined; a tab and timestamp after the name are dropped. */
function headerPath(raw: string): string | undefined {
  const name = unquote(raw.split('\t')[0]!.trim());
  if (name === '/dev/null') return undefined;
  return name.replace(/^[ab]\//, '');
}

/** git quotes paths with unusual characters in C style: "a/caf\303\251.ts". */
function unquote(name: string): string {
  if (!name.startsWith('"') || !name.endsWith('"')) return name;
  const bytes: number[] = [];
  const body = name.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const next = body[++i] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else bytes.push(({ n: 10, t: 9, '"': 34, '\\': 92 } as Record<string, number>)[next] ?? next.charCodeAt(0));
  }
  return Buffer.from(bytes).toString('utf8');
}
