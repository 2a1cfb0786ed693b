import type { WebviewMessage } from '../../src/core/protocol';

/** What VS Code injects into a webview (a single instance may be acquired per page). */
interface VsCodeWebviewApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeWebviewApi;

const api = acquireVsCodeApi();

/** Sends a protocol message to the extension (which validates it again: it trusts nothing here). */
export function post(message: WebviewMessage): void {
  api.postMessage(message);
}

/** What survives the panel being hidden or reloaded: the unsent draft and whether it edits the last message. */
export interface DraftState {
  draft: string;
  editing: boolean;
}

export function loadDraft(): DraftState {
  const state = api.getState() as Partial<DraftState> | undefined;
  return { draft: typeof state?.draft === 'string' ? state.draft : '', editing: state?.editing === true };
}

export function saveDraft(state: DraftState): void {
  api.setState(state);
}
