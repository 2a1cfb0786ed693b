/**
 * The engine's messages name VS Code commands ("Tandem: Set API Key", "Tandem: Show Log"), which
 * a terminal user cannot run: the CLI says what to do in its own terms instead.
 */
const rewrites: [RegExp, string][] = [
  [/ with "Tandem: Set API Key"/g, ' in the TANDEM_API_KEY environment variable'],
  [/([Dd])etails are in "Tandem: Show Log"/g, '$1etails are printed with --verbose'],
  [/ or pick one with "Tandem: Select Provider"/g, ' or pass --provider'],
  [/"Tandem: Select Chat Model"/g, '--model'],
];

export function forCommandLine(message: string): string {
  return rewrites.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), message);
}
