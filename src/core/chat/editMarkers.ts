/**
 * Whether an answer carries edits the engine can apply as a whole ("Apply All Edits" on the
 * answer): SEARCH/REPLACE blocks, an apply_patch envelope, a unified diff, or code blocks for two or
 * more named files. Cheap and conservative: the engine parses properly on click. Runs in the webview.
 */
export function hasApplicableEdits(text: string): boolean {
  if (/^\s*<{5,9} ?SEARCH\b/m.test(text) && /^\s*>{5,9} ?REPLACE\b/m.test(text)) return true;
  if (/^\*\*\* Begin Patch\s*$/m.test(text)) return true;
  if (/^(?:```|~~~)(?:diff|patch)\b/m.test(text) && /^@@/m.test(text)) return true;
  const namedFences = new Set<string>();
  for (const match of text.matchAll(/^(?:```|~~~)[\w+#.-]*[ \t]+([\w./@-]+\.[\w]+)[ \t]*$/gm)) namedFences.add(match[1]!);
  return namedFences.size >= 2;
}
