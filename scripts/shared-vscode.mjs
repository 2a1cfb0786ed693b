// esbuild plugin: every `import * as vscode from 'vscode'` of the extension bundle shares ONE
// namespace object. Left alone, esbuild gives each of the ~100 importing modules its own copy
// (`__toESM(require('vscode'))` defines a getter per API member, ~300 of them), which cost tens of
// milliseconds of the activation budget. The shared module re-exports the API once.
const sharedPath = 'tandem-shared-vscode';

/** @type {import('esbuild').Plugin} */
export const sharedVscodePlugin = {
  name: 'shared-vscode',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      (args.namespace === sharedPath ? { path: 'vscode', external: true } : { path: sharedPath, namespace: sharedPath }));
    build.onLoad({ filter: /.*/, namespace: sharedPath }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};
