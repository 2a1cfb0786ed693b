// The words of a refused Apply, shared by the notification and the note under the chat block.

/** The engine's reasons may already say what to do; the advice is added only when they do not. */
const ADVICE = /select the lines|SEARCH\/REPLACE/i;

/** Why Apply did not place the code, and what to do: the advice once, even when the engine's reason gives it. */
export function refusalOf(path: string, reason: string): string {
  const sentence = /[.!?]$/.test(reason.trim()) ? reason.trim() : `${reason.trim()}.`;
  const advice = ADVICE.test(sentence) ? '' : ' Select the lines it replaces and press Apply again, or ask the model for a SEARCH/REPLACE edit.';
  return `The code could not be applied to ${path}: ${sentence} Nothing was changed.${advice}`;
}
