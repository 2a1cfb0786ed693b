import { defaultCompletionTuning, type CompletionRequest } from '../../core/completion';
import { captureCursorContext } from '../../core/completion/cursorContext';
import { StopDetector } from '../../core/completion/earlyStop';
import { balanceBrackets } from '../../core/completion/postprocess/balanceBrackets';
import { isUseless } from '../../core/completion/postprocess/dropUseless';
import { applyEditorIndentation, withoutDoubledSpace } from '../../core/completion/postprocess/editorIndentation';
import { toInsertion, trimTrailingWhitespace } from '../../core/completion/postprocess/pipeline';
import { trimSuffixOverlap } from '../../core/completion/postprocess/suffixOverlap';
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
    if (next !== text) steps.push(name);
    text = next;
  };
  const cleaner = new StreamCleaner(chat, cursor.linePrefix);
  cleaner.push(raw);
  apply('clean: control tokens, fences, echoed prompt', cleaner.view(true).text);
  const stop = new StopDetector(cursor, defaultCompletionTuning.maxLines).update(text, true);
  if (stop) apply(`stop: ${stop.reason}`, text.slice(0, stop.at));
  apply('trailing whitespace', trimTrailingWhitespace(text));
  apply('indentation', applyEditorIndentation(withoutDoubledSpace(text, cursor), cursor));
  apply('brackets', balanceBrackets(text, cursor));
  apply('suffix overlap', trimTrailingWhitespace(trimSuffixOverlap(text, cursor)));
  if (isUseless(text, cursor)) {
    steps.push('dropped: nothing worth showing');
    return engineText === undefined ? steps : [...steps, 'other'];
  }
  const insertion = toInsertion(text, cursor);
  if (insertion && insertion.replaceLength > 0) steps.push('line suffix: re-typed closing characters replaced');
  if ((insertion?.insertText ?? undefined) !== engineText) steps.push('other');
  return steps;
}
