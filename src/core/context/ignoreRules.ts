import ignore, { type Ignore } from 'ignore';

/**
 * Files whose contents never go to a model, whatever the user's own ignore rules say: environment
 * files, keys and certificates, credential stores. `.env.example`-style templates stay allowed
 * (they hold placeholders, and they tell the model which variables exist).
 */
export const sensitiveFilePatterns: readonly string[] = [
  '.env', '.env.*', '!.env.example', '!.env.sample', '!.env.template', '!.env.dist',
  '*.pem', '*.key', '*.p12', '*.pfx', '*.jks', '*.keystore', '*.kdbx',
  'id_rsa*', 'id_dsa*', 'id_ecdsa*', 'id_ed25519*', '!*.pub',
  '.ssh/', '.aws/credentials', '.docker/config.json', '.kube/config',
  '.npmrc', '.pypirc', '.netrc', '.git-credentials', '.htpasswd',
  'secrets.yml', 'secrets.yaml', 'secrets.json', 'credentials.json', 'service-account*.json',
  // A GCP service-account key as the console downloads it: <project-id>-<12 hex digits>.json
  `*-${'[0-9a-f]'.repeat(12)}.json`, 'client_secret*.json', '*.tfvars', '*.tfstate', '*.tfstate.backup', '.terraform/',
  'kubeconfig', '*.kubeconfig', '.pgpass', '.my.cnf', '.s3cfg', '.boto', '.gnupg/', '*.gpg', '.vault-token',
];

/** The predicate the engine asks; `features/` may pass any implementation (e.g. the chat's file filter). */
export interface IgnoreMatcher {
  /** `relativePath`: '/'-separated, relative to the workspace folder. */
  isIgnored(relativePath: string): boolean;
}

/**
 * A gitignore-syntax matcher over the user's patterns (e.g. `tandem.ignore`), always including the
 * sensitive-file list. Paths outside the workspace (absolute, `../`) are matched by file name only,
 * so a `.env` opened from anywhere is still recognised.
 */
export function createIgnoreMatcher(userPatterns: readonly string[] = []): IgnoreMatcher {
  const rules: Ignore = ignore().add([...sensitiveFilePatterns, ...userPatterns.filter((p) => p.trim() !== '')]);
  return {
    isIgnored(relativePath: string): boolean {
      const path = normalise(relativePath);
      if (path === '') return false;
      return rules.ignores(path);
    },
  };
}

/** Both matchers' ignores (used to add the sensitive-file list in front of the adapter's filter). */
export function eitherIgnores(...matchers: ReadonlyArray<IgnoreMatcher | undefined>): IgnoreMatcher {
  const present = matchers.filter((m): m is IgnoreMatcher => m !== undefined);
  return { isIgnored: (path) => present.some((m) => m.isIgnored(path)) };
}

function normalise(path: string): string {
  const slashes = path.replace(/\\/g, '/');
  if (/^([A-Za-z]:)?\//.test(slashes) || slashes.startsWith('../') || slashes.includes('/../')) {
    return slashes.slice(slashes.lastIndexOf('/') + 1); // outside the workspace: judge by name
  }
  // A trailing '/' marks a folder, so folder-only patterns (`.ssh/`) match the folder itself.
  return slashes.replace(/^(\.\/)+/, '').replace(/\/+$/, '/').replace(/^\/$/, '');
}
