/**
 * The modules a file imports, read from its first lines (imports live at the top): the editor
 * adapter resolves them to workspace files, whose code is the most useful related context.
 * Only specifiers that can name a workspace file are returned (relative paths, Python modules,
 * Rust `crate::` paths, Go module paths); duplicates are removed, order kept.
 */
interface ImportSyntax {
  patterns: readonly RegExp[];
  /** One match can name several modules (`import a, b`; a Go import block). */
  names(captured: string): string[];
  isWorkspaceCandidate(specifier: string): boolean;
}

const quoted = (block: string) => [...block.matchAll(/"([^"]+)"/g)].map((m) => m[1] ?? '');
const single = (captured: string) => [captured];

const syntaxes: Readonly<Record<string, ImportSyntax>> = {
  typescript: {
    patterns: [/\bfrom\s+['"]([^'"]+)['"]/g, /\bimport\s+['"]([^'"]+)['"]/g, /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g],
    names: single,
    isWorkspaceCandidate: (s) => s.startsWith('.') || s.startsWith('/') || s.startsWith('@/') || s.startsWith('~/'),
  },
  python: {
    patterns: [/^[ \t]*from[ \t]+([.\w]+)[ \t]+import\b/gm, /^[ \t]*import[ \t]+([\w.]+(?:[ \t]*,[ \t]*[\w.]+)*)/gm],
    names: (captured) => captured.split(','),
    isWorkspaceCandidate: () => true,
  },
  go: {
    patterns: [/^[ \t]*import[ \t]+(?:\w+[ \t]+)?("[^"\n]+")/gm, /^[ \t]*import[ \t]*\(([^)]*)\)/gm],
    names: quoted,
    isWorkspaceCandidate: (s) => s.includes('/') && s.split('/')[0]?.includes('.') === true, // module paths; the standard library has no dot
  },
  rust: {
    patterns: [/^[ \t]*(?:pub[ \t]+)?use[ \t]+((?:crate|super|self)::[\w:]+)/gm, /^[ \t]*(?:pub[ \t]+)?mod[ \t]+(\w+)[ \t]*;/gm],
    names: single,
    isWorkspaceCandidate: () => true,
  },
};

const syntaxByLanguage: Readonly<Record<string, ImportSyntax | undefined>> = {
  typescript: syntaxes['typescript'], typescriptreact: syntaxes['typescript'], javascript: syntaxes['typescript'], javascriptreact: syntaxes['typescript'],
  python: syntaxes['python'], go: syntaxes['go'], rust: syntaxes['rust'],
};

export function importSpecifiers(head: string, languageId: string): string[] {
  const syntax = syntaxByLanguage[languageId];
  if (!syntax) return [];
  const found = new Set<string>();
  for (const pattern of syntax.patterns) {
    for (const match of head.matchAll(pattern)) {
      for (const name of syntax.names(match[1] ?? '')) {
        const specifier = name.trim();
        if (specifier && syntax.isWorkspaceCandidate(specifier)) found.add(specifier);
      }
    }
  }
  return [...found];
}
