import { readFileSync } from 'node:fs';
import path from 'node:path';
// The ESM build: esbuild picks the package's UMD `main`, whose require('./impl/format') calls it
// cannot bundle, so dist/cli.js died on start with "Cannot find module './impl/format'".
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser/lib/esm/main.js';
import type { SettingReader } from '../core/config';

export interface SettingsFile {
  read: SettingReader;
  /** The file the settings came from; undefined when there was none. */
  source: string | undefined;
  error?: string;
}

/**
 * The CLI reads the same `tandem.*` settings the extension does: from --settings <file> (relative
 * to the current folder, like any path argument) or the project's .vscode/settings.json (JSON
 * with comments), so a project configures both at once.
 */
export function readSettingsFile(file: string | undefined, cwd: string, root: string = cwd): SettingsFile {
  const candidate = file ? path.resolve(cwd, file) : path.join(root, '.vscode', 'settings.json');
  let text: string;
  try {
    text = readFileSync(candidate, 'utf8');
  } catch (error) {
    if (file) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message;
      return { read: () => undefined, source: undefined, error: `--settings ${file}: cannot read ${candidate} (${why})` };
    }
    return { read: () => undefined, source: undefined };
  }
  const errors: ParseError[] = [];
  const parsed: unknown = parse(text, errors, { allowTrailingComma: true });
  if (errors.length > 0 || typeof parsed !== 'object' || parsed === null) {
    const first = errors[0];
    const where = first ? ` (${printParseErrorCode(first.error)} at offset ${first.offset})` : '';
    const named = file ? `--settings ${file}: ` : '';
    return { read: () => undefined, source: candidate, error: `${named}${candidate} is not valid JSON${where}${file ? '' : '; using default settings'}.` };
  }
  const settings = parsed as Record<string, unknown>;
  return { read: (key) => settings[`tandem.${key}`], source: candidate };
}
