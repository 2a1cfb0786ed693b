/** Line-comment marker by VS Code language id; undefined for languages without one (JSON, HTML, ...). */
const lineComments: Readonly<Record<string, string>> = {
  typescript: '//', typescriptreact: '//', javascript: '//', javascriptreact: '//', java: '//', c: '//', cpp: '//',
  csharp: '//', go: '//', rust: '//', swift: '//', kotlin: '//', scala: '//', dart: '//', php: '//', groovy: '//',
  'objective-c': '//', 'objective-cpp': '//', zig: '//', scss: '//', less: '//', jsonc: '//', proto: '//', solidity: '//',
  python: '#', ruby: '#', perl: '#', r: '#', shellscript: '#', powershell: '#', yaml: '#', toml: '#', dockerfile: '#',
  makefile: '#', elixir: '#', julia: '#', nim: '#', coffeescript: '#', cmake: '#', graphql: '#', dotenv: '#',
  sql: '--', lua: '--', haskell: '--', elm: '--', ada: '--',
  clojure: ';', lisp: ';', scheme: ';', ini: ';',
  erlang: '%', latex: '%', tex: '%', matlab: '%',
  vb: "'", bat: 'REM',
};

export function lineCommentFor(languageId: string): string | undefined {
  return lineComments[languageId];
}
