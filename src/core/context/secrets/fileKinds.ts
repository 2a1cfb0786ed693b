/**
 * Whether a text is configuration (values are data, unquoted values count) or code (an unquoted
 * value is an expression), from VS Code's language id or the file's name.
 */
const configLanguageIds = new Set([
  'dotenv', 'env', 'properties', 'ini', 'yaml', 'toml', 'shellscript', 'plaintext', 'dockerfile', 'dockercompose', 'makefile',
  'terraform', 'hcl', 'terraform-vars', 'java-properties', 'xml', 'markdown', 'log', 'nginx', 'apacheconf', 'powershell', 'bat',
  'json', 'jsonc', 'json5', 'diff', 'git-commit', 'ssh_config', 'editorconfig', 'npmrc', 'pip-requirements', 'helm', 'http',
]);
const configExtensions = new Set([
  'env', 'properties', 'ini', 'cfg', 'conf', 'config', 'cnf', 'yaml', 'yml', 'toml', 'sh', 'bash', 'zsh', 'fish', 'ksh', 'txt',
  'tf', 'tfvars', 'hcl', 'xml', 'md', 'log', 'ps1', 'psm1', 'bat', 'cmd', 'json', 'jsonc', 'json5', 'diff', 'patch', 'npmrc',
  'pypirc', 'netrc', 'pgpass', 'htpasswd', 'plist', 'gradle', 'sbt', 'service', 'desktop', 'pem', 'key', 'crt', 'csv', 'tsv', 'http', 'rest',
]);
const configNames = /(?:^|\/)(?:\.env(?:\..*)?|dockerfile(?:\..*)?|containerfile|makefile|\.?[a-z-]*rc|config|credentials|procfile|vagrantfile|jenkinsfile|\.gitconfig|\.git-credentials)$/i;

export function isConfigText(languageId: string | undefined, path: string | undefined): boolean {
  if (languageId !== undefined && configLanguageIds.has(languageId)) return true;
  if (path === undefined) return languageId === undefined ? false : false;
  const name = path.replace(/\\/g, '/').toLowerCase();
  const dot = name.lastIndexOf('.');
  const slash = name.lastIndexOf('/');
  if (dot > slash && configExtensions.has(name.slice(dot + 1))) return true;
  return configNames.test(name);
}
