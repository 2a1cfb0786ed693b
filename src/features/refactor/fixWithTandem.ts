import * as vscode from 'vscode';
import { toProblem } from '../edit/inline/codeProblem';

export const fixWithTandemCommand = 'tandem.fixWithTandem';

/** What the code action hands to its command: the diagnostics, already plain data. */
export interface FixArguments {
  uri: vscode.Uri;
  range: vscode.Range;
  problems: Array<{ line: number; severity: 'error' | 'warning'; message: string; source?: string; code?: string }>;
}

/**
 * "Fix with Tandem" on errors and warnings in a file: sends the problems and the code around them
 * to the model and proposes the fix for review. Offering it costs nothing: the work starts only
 * when the user picks it.
 */
export class FixWithTandemProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (context.only && !vscode.CodeActionKind.QuickFix.contains(context.only) && !context.only.contains(vscode.CodeActionKind.QuickFix)) return [];
    const diagnostics = context.diagnostics.filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning);
    if (diagnostics.length === 0) return [];
    const action = new vscode.CodeAction(diagnostics.length === 1 ? 'Fix with Tandem' : `Fix ${diagnostics.length} problems with Tandem`, vscode.CodeActionKind.QuickFix);
    action.diagnostics = diagnostics;
    const range = diagnostics.map((d) => d.range).reduce((all, r) => all.union(r));
    const args: FixArguments = {
      uri: document.uri,
      range,
      problems: diagnostics.map(toProblem),
    };
    action.command = { command: fixWithTandemCommand, title: action.title, arguments: [args] };
    return [action];
  }
}
