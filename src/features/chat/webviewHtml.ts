import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { chatPageMarkup } from './chatPageMarkup';

/**
 * The chat page: a static skeleton, our stylesheet and our one script. The CSP allows nothing
 * else: no inline script (ours carries a per-load nonce), no remote content of any kind, no
 * frames, forms or network access from the page.
 */
export function chatHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(18).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'chat.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'chat', 'chat.css'));
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "connect-src 'none'",
    "frame-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>Tandem Chat</title>
</head>
<body>
${chatPageMarkup}
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
