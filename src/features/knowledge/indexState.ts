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
