import { defaultCompletionTuning, type CompletionRequest } from '../../core/completion';
import { captureCursorContext } from '../../core/completion/cursorContext';
import { finishCompletionGuarded, toInsertion } from '../../core/completion/postprocess/pipeline';
import { StreamCleaner } from '../../core/completion/streamCleaner';

/**
 * Which clean-up steps changed the model's raw output, for `tandem complete --json`: the steps of
 * the engine's pipeline replayed one at a time on what the model sent. The text itself always
 * comes from the engine; when the replay does not end where the engine did (a step this list does
 * not know), "other" says so.
 */
export function completionSteps(raw: string, request: CompletionRequest, chat: boolean, engineText: string | undefined): string[] {
  const cursor = captureCursorContext(request);
  const steps: string[] = [];
  let text = raw;
  const apply = (name: string, next: string) => {
    if (next !== text || name.startsWith('guard:')) steps.push(name);
    text = next;
  };
  const cleaner = new StreamCleaner(chat, cursor);
  cleaner.push(raw);
  apply('clean: control tokens, fences, echoed lines', cleaner.view(true).text);
  // The engine's own steps, observed: a step added to the pipeline shows here without a copy of it.
  const finished = finishCompletionGuarded(text, cursor, defaultCompletionTuning.maxLines, apply);
  if (finished.text === undefined) {
    if (finished.guard !== 'dropped') steps.push('dropped: nothing worth showing');
    return engineText === undefined ? steps : [...steps, 'other'];
  }
  text = finished.text;
  const insertion = toInsertion(text, cursor);
  if (insertion && insertion.replaceLength > 0) steps.push('line suffix: re-typed closing characters replaced');
  if ((insertion?.insertText ?? undefined) !== engineText) steps.push('other');
  return steps;
}
