/** VS Code language ids by extension: the prompt names the language and the rewrite knows its comments. */
const languages: Record<string, string> = {
  ts: 'typescript', mts: 'typescript', cts: 'typescript', tsx: 'typescriptreact', js: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'javascriptreact',
  py: 'python', go: 'go', rs: 'rust', java: 'java', kt: 'kotlin', cs: 'csharp', c: 'c', h: 'c', cpp: 'cpp', cc: 'cpp', hpp: 'cpp', rb: 'ruby', php: 'php',
  swift: 'swift', scala: 'scala', lua: 'lua', sh: 'shellscript', bash: 'shellscript', ps1: 'powershell', sql: 'sql', json: 'json', jsonc: 'jsonc',
  yaml: 'yaml', yml: 'yaml', toml: 'toml', md: 'markdown', html: 'html', css: 'css', scss: 'scss', vue: 'vue', svelte: 'svelte', dart: 'dart', ex: 'elixir', exs: 'elixir',
};

export function languageOf(file: string): string {
  const ext = file.slice(file.lastIndexOf('.') + 1).toLowerCase();
  return languages[ext] ?? 'plaintext';
}
