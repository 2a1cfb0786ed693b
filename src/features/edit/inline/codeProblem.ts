import * as vscode from 'vscode';
import type { CodeProblem } from '../../../core/prompts/refactorPresets';

/** A diagnostic as the edit prompt describes it. Small: the Quick Fix provider uses it at activation. */
export function toProblem(diagnostic: vscode.Diagnostic): CodeProblem {
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return {
    line: diagnostic.range.start.line,
    severity: diagnostic.severity === vscode.DiagnosticSeverity.Error ? 'error' : 'warning',
    message: diagnostic.message,
    ...(diagnostic.source ? { source: diagnostic.source } : {}),
    ...(code !== undefined ? { code: String(code) } : {}),
  };
}
