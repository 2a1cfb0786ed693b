export { secretCorpus, type CorpusFile, type SecretCorpus } from './workspace';
export { freshSecrets, valuesOf, type Secret, type SecretSet } from './kinds';

/** The corpus values found in `texts` (each request's body, as sent): the leaks. */
export function leakedValues(values: readonly string[], texts: readonly string[]): string[] {
  const haystack = texts.join('\n\u0000\n');
  // A value may travel JSON-escaped (a request body): look for both spellings.
  return values.filter((v) => haystack.includes(v) || haystack.includes(JSON.stringify(v).slice(1, -1)));
}
