import { redactionMark } from '../../context/redact';

/**
 * The values `redactSecrets` took out of `original` to make `redacted`, in order; undefined when
 * they cannot be told apart (two marks side by side). Used to put a range's own secrets back into
 * the model's rewrite of it: the model only ever saw the marks.
 */
export function redactedValues(original: string, redacted: string): string[] | undefined {
  const parts = redacted.split(redactionMark);
  if (parts.length === 1) return [];
  if (!original.startsWith(parts[0]!)) return undefined;
  const values: string[] = [];
  let position = parts[0]!.length;
  for (let i = 1; i < parts.length; i++) {
    const next = parts[i]!;
    const last = i === parts.length - 1;
    if (!last && next === '') return undefined;
    const end = last ? original.length - next.length : original.indexOf(next, position + 1);
    if (end < position || (last && !original.endsWith(next))) return undefined;
    values.push(original.slice(position, end));
    position = end + next.length;
  }
  return values;
}

export type Restored = { ok: true; text: string } | { ok: false; reason: string };

/**
 * The model's code with the redaction marks replaced by the values they stand for, in order. The
 * model may drop secrets (the user asked to remove a hard-coded key); it may not add or reorder
 * them in ways that make it unclear which is which: then nothing is guessed.
 */
export function restoreRedacted(text: string, values: readonly string[] | undefined): Restored {
  const marks = text.split(redactionMark).length - 1;
  if (marks === 0) return { ok: true, text };
  const unclear = {
    ok: false as const,
    reason: `The code holds ${values?.length ?? 'some'} secret value${values?.length === 1 ? '' : 's'} that Tandem redacted before sending (the model saw ${redactionMark}); its answer has ${marks}, so Tandem cannot tell which value goes where. Nothing was proposed: select the code without the secret's line, or move the secret out of the code first.`,
  };
  if (!values || values.length === 0) return unclear;
  const same = values.every((v) => v === values[0]);
  if (marks !== values.length && !same) return unclear;
  let k = 0;
  return { ok: true, text: text.split(redactionMark).reduce((out, part) => out + (values[Math.min(k++, values.length - 1)] ?? '') + part) };
}
