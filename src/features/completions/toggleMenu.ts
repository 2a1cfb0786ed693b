import * as vscode from 'vscode';
import { settingsSection } from '../../core/config';
import { targetFor } from '../settings/settingsService';
import type { CompletionGate } from './completionGate';

const snoozeMs = 5 * 60_000;

interface MenuItem extends vscode.QuickPickItem {
  run: () => Thenable<unknown> | void;
}

/** "Tandem: Toggle Completions" (and the status bar click): a short menu of what can be switched. */
export async function showToggleMenu(gate: CompletionGate, statsCommand: string): Promise<void> {
  const language = vscode.window.activeTextEditor?.document.languageId;
  const verdict = language ? gate.verdict(language) : gate.verdict('');
  const items: MenuItem[] = [];
  if (verdict === 'disabled') items.push({ label: '$(sparkle) Enable completions', run: () => setEnabled(true) });
  else items.push({ label: '$(circle-slash) Disable completions', description: 'everywhere', run: () => setEnabled(false) });
  if (language && verdict === 'languageOff') items.push({ label: `$(sparkle) Enable for ${language}`, run: () => setLanguage(language, true) });
  else if (language && verdict !== 'disabled') items.push({ label: `$(circle-slash) Disable for ${language}`, run: () => setLanguage(language, false) });
  if (gate.snoozedUntil() !== undefined) items.push({ label: '$(bell) Resume now', description: 'end the snooze', run: () => gate.endSnooze() });
  else if (verdict === 'on') items.push({ label: '$(clock) Snooze for 5 minutes', run: () => gate.snooze(snoozeMs) });
  items.push(
    { label: '$(graph) Show completion stats', run: () => vscode.commands.executeCommand(statsCommand) },
    { label: '$(server) Select completion model…', run: () => vscode.commands.executeCommand('tandem.selectCompletionModel') },
  );
  const picked = await vscode.window.showQuickPick(items, { title: 'Tandem inline completions', placeHolder: language ? `Active language: ${language}` : undefined });
  await picked?.run();
}

function setEnabled(enabled: boolean): Thenable<void> {
  return vscode.workspace.getConfiguration(settingsSection).update('completions.enabled', enabled, targetFor('completions.enabled'));
}

/** Writes one language's switch, keeping the others in the same scope. */
function setLanguage(language: string, enabled: boolean): Thenable<void> {
  const section = vscode.workspace.getConfiguration(settingsSection);
  const target = targetFor('completions.languages');
  const inspected = section.inspect<Record<string, boolean>>('completions.languages');
  const scoped = target === vscode.ConfigurationTarget.Global ? inspected?.globalValue
    : target === vscode.ConfigurationTarget.Workspace ? inspected?.workspaceValue : inspected?.workspaceFolderValue;
  return section.update('completions.languages', { ...(scoped ?? {}), [language]: enabled }, target);
}
