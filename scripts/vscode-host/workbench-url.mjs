// The workbench URL that opens a folder with a development extension loaded and, for test runs,
// the extension tests to execute. The payload is the web workbench's equivalent of the desktop
// --extensionDevelopmentPath / --extensionTestsPath flags; its paths are vscode-remote:// URIs
// on the server we talk to (the extension host runs in code-server, next to the files).

/**
 * @param {object} options
 * @param {string} options.serverUrl                  e.g. http://127.0.0.1:41234
 * @param {string} [options.folder]                   absolute path of the folder to open
 * @param {string} [options.workspace]                or of a .code-workspace file (a multi-root workspace)
 * @param {string} options.extensionDevelopmentPath   absolute path of the extension (repo root)
 * @param {string} [options.extensionTestsPath]       absolute path of the compiled suite entry
 * @returns {string}
 */
export function workbenchUrl({ serverUrl, folder, workspace, extensionDevelopmentPath, extensionTestsPath }) {
  const authority = new URL(serverUrl).host;
  const remote = (absolutePath) => `vscode-remote://${authority}${absolutePath}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extensionDevelopmentPath)],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  const url = new URL(serverUrl);
  if (workspace) url.searchParams.set('workspace', workspace);
  else url.searchParams.set('folder', folder);
  url.searchParams.set('payload', JSON.stringify(payload));
  return url.toString();
}
