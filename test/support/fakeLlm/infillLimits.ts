// llama.cpp's own stopping rules for `/infill` (tools/server/server.cpp, process_token):
// - `n_indent`: once a new line starts, a line indented less than n_indent (and not blank) ends
//   the answer; the text is cut right after that line's indentation (stop_type `limit`);
// - `t_max_predict_ms`: once the answer holds a line break, generation stops at the next line
//   break after that much generation time.
import type { AnswerPlan } from './answerPlan';
import type { InfillFields } from './requestView';
import { estimateTokens } from './tokens';

/** `msPerToken`: the simulated generation speed (undefined: unpaced, the time limit never bites). */
export function applyInfillLimits(plan: AnswerPlan, infill: InfillFields, msPerToken: number | undefined): AnswerPlan {
  let cut = plan.text.length;
  if (infill.nIndent > 0) cut = Math.min(cut, indentCut(plan.text, infill.nIndent));
  if (infill.tMaxPredictMs > 0 && msPerToken !== undefined && msPerToken > 0) cut = Math.min(cut, timeCut(plan.text, infill.tMaxPredictMs, msPerToken));
  if (cut >= plan.text.length) return plan;
  const text = plan.text.slice(0, cut);
  const completion = estimateTokens(text);
  const { stoppedBy: _dropped, ...rest } = plan;
  return { ...rest, text, finishReason: 'stop', limitStop: true, usage: { ...plan.usage, completion_tokens: completion, total_tokens: plan.usage.prompt_tokens + completion } };
}

function indentCut(text: string, nIndent: number): number {
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) {
    let pos = nl + 1;
    while (pos < text.length && (text[pos] === ' ' || text[pos] === '\t')) pos++;
    if (pos < text.length && text[pos] !== '\n' && pos - (nl + 1) < nIndent) return pos;
  }
  return text.length;
}

function timeCut(text: string, limitMs: number, msPerToken: number): number {
  const firstBreak = text.indexOf('\n');
  if (firstBreak < 0) return text.length;
  const afterChars = Math.ceil((limitMs / msPerToken) * 4);
  const next = text.indexOf('\n', Math.max(firstBreak + 1, afterChars));
  return next < 0 ? text.length : next;
}
