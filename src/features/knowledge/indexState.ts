/**
 * What the codebase index is doing, as the status bar and the tests see it. Plain TypeScript (no
 * `vscode`), so the wording is unit-tested.
 */
export type IndexState =
  | { kind: 'off'; reason: string }
  | { kind: 'waiting' }
  | { kind: 'indexing'; phase: 'loading' | 'scanning' | 'parsing' | 'saving'; done: number; total: number }
  | { kind: 'ready'; files: number; parsed: number; fromStore: boolean; ms: number; overLimit: number }
  | { kind: 'failed'; message: string };

export interface StatusView {
  text: string;
  tooltip: string;
  /** False: the item is hidden. */
  visible: boolean;
}

const count = (n: number) => n.toLocaleString('en-US');

/** The status bar item for a state: progress while building, a quiet file count when ready. */
export function statusView(state: IndexState): StatusView {
  switch (state.kind) {
    case 'off':
      return { text: '', tooltip: state.reason, visible: false };
    case 'waiting':
      return { text: '', tooltip: 'Tandem: the codebase index starts shortly', visible: false };
    case 'indexing': {
      const what = state.phase === 'parsing' && state.total > 0 ? `Indexing ${count(state.total)} files…` : state.phase === 'saving' ? 'Saving the index…' : 'Indexing…';
      const progress = state.phase === 'parsing' && state.total > 0 ? ` (${count(state.done)} of ${count(state.total)} parsed)` : '';
      return { text: `$(sync~spin) ${what}`, tooltip: `Tandem is indexing the workspace's code in the background${progress}. Completions and #codebase use it once it is ready.`, visible: true };
    }
    case 'ready': {
      const how = state.fromStore ? `loaded from the saved index (${count(state.parsed)} changed files parsed again)` : `built from scratch (${count(state.parsed)} files parsed)`;
      const cap = state.overLimit > 0 ? `\n${count(state.overLimit)} files were left out (the index is full).` : '';
      return {
        text: `$(database) ${count(state.files)} files`,
        tooltip: `Tandem codebase index: ${count(state.files)} files, ${how} in ${formatSeconds(state.ms)}.${cap}\nFiles excluded by .gitignore, tandem.ignore or the sensitive-file list are not indexed.\nClick to rebuild it.`,
        visible: true,
      };
    }
    case 'failed':
      return { text: '$(warning) Index', tooltip: `Tandem could not index the workspace: ${state.message}\nCompletions and the chat work without it. Click to try again.`, visible: true };
  }
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * One state for the status bar over every folder's index (a multi-root workspace): progress while
 * any folder builds, else the failure of one, else the files of all the folders ready together.
 * Folders whose index is off are left out; all off (or no folder) is off.
 */
export function combinedState(states: readonly IndexState[]): IndexState {
  const on = states.filter((s) => s.kind !== 'off');
  if (on.length === 0) return states[0] ?? { kind: 'off', reason: 'The codebase index needs a workspace folder on disk.' };
  const indexing = on.filter((s): s is Extract<IndexState, { kind: 'indexing' }> => s.kind === 'indexing');
  const first = indexing[0];
  if (first) {
    // Each folder reports its own progress; the ones parsing add up ("Indexing 3,214 files…" over them all).
    const parsing = indexing.filter((s) => s.phase === 'parsing');
    return parsing.length === 0 ? first : { kind: 'indexing', phase: 'parsing', done: sum(parsing.map((s) => s.done)), total: sum(parsing.map((s) => s.total)) };
  }
  const failed = on.find((s) => s.kind === 'failed');
  if (failed) return failed;
  if (on.some((s) => s.kind === 'waiting')) return { kind: 'waiting' };
  const ready = on.filter((s): s is Extract<IndexState, { kind: 'ready' }> => s.kind === 'ready');
  return {
    kind: 'ready',
    files: sum(ready.map((s) => s.files)),
    parsed: sum(ready.map((s) => s.parsed)),
    fromStore: ready.every((s) => s.fromStore),
    ms: sum(ready.map((s) => s.ms)),
    overLimit: sum(ready.map((s) => s.overLimit)),
  };
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** Runs the work given one after another (never two at once), whatever each one's outcome. */
export function serialQueue(): <T>(work: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>) => {
    const run = tail.then(work, work);
    tail = run.then(() => undefined, () => undefined);
    return run;
  };
}
