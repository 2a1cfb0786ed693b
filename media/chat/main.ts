// The chat panel's page script. The extension builds the page (webviewHtml.ts) with a strict CSP;
// this script renders what the extension sends and reports what the user does. Every incoming
// message is validated against core/protocol first; an invalid one is reported and dropped.
import { parseExtensionMessage, type ExtensionMessage } from '../../src/core/protocol';
import { showActionNotice } from './actionNotices';
import { AgentView, type AgentMessage } from './agent/agentView';
import { ModeSwitch } from './agent/modeSwitch';
import { renderChips } from './chips';
import { Composer } from './composer';
import { byId } from './dom';
import { Transcript, typedText } from './transcript';
import { post } from './vscodeApi';

const status = byId('status');
const chips = byId('chips');
const model = byId('model');
const transcriptRoot = byId('transcript');

/** Polite announcements for screen readers (answer finished, stopped, copied, errors). */
function announce(text: string): void {
  status.textContent = '';
  // A fresh text node after clearing makes screen readers repeat identical messages too.
  requestAnimationFrame(() => { status.textContent = text; });
}

const transcript = new Transcript(transcriptRoot, {
  announce,
  onEdit: (turn) => composer.startEditing(typedText(turn)),
  onRegenerate: () => post({ type: 'regenerate' }),
});

const composer = new Composer({
  input: byId<HTMLTextAreaElement>('input'),
  send: byId<HTMLButtonElement>('send'),
  stop: byId<HTMLButtonElement>('stop'),
  attach: byId<HTMLButtonElement>('attach'),
  editBanner: byId('edit-banner'),
  picker: byId('picker'),
}, () => transcript.userTexts());

let chatBusy = false;
function setBusy(busy: boolean): void {
  chatBusy = busy;
  transcript.setBusy(busy);
  composer.setBusy(busy || agent.running);
  if (busy) announce('Tandem is answering…');
}

// Agent mode: the timeline replaces the conversation, and Send starts (or follows up) a task.
const modeSwitch = new ModeSwitch();
byId('mode-slot').replaceWith(modeSwitch.element);
const agent = new AgentView(byId('agent'), {
  announce,
  onRunning: (running) => composer.setBusy(chatBusy || running),
  onMode: (mode) => {
    modeSwitch.show(mode);
    transcriptRoot.hidden = mode === 'agent';
    agent.root.hidden = mode !== 'agent';
    byId<HTMLTextAreaElement>('input').placeholder = mode === 'agent' ? 'Describe a task for the agent — it edits and runs commands, asking first' : 'Ask Tandem — / for commands, # to attach context';
  },
});
composer.redirect = (text) => {
  if (!agent.isAgentMode) return false;
  post({ type: 'agentSend', text });
  return true;
};

function handle(message: ExtensionMessage): void {
  if (message.type.startsWith('agent')) return agent.handle(message as AgentMessage);
  switch (message.type) {
    case 'state':
      transcript.reset(message.conversation.turns);
      renderChips(chips, message.chips);
      model.textContent = message.model;
      composer.setCommands(message.commands);
      setBusy(message.busy);
      break;
    case 'turnAdded':
      transcript.add(message.turn);
      break;
    case 'turnUpdated':
      transcript.update(message.turn);
      if (message.turn.status === 'error') composer.restoreIfEmpty(transcript.userTexts().at(-1));
      break;
    case 'turnsRemoved':
      transcript.remove(message.ids);
      break;
    case 'delta':
      transcript.appendText(message.turnId, message.text);
      break;
    case 'busy':
      setBusy(message.busy);
      break;
    case 'chips':
      renderChips(chips, message.chips);
      break;
    case 'model':
      model.textContent = message.model;
      break;
    case 'fileResults':
      composer.fileResults(message.requestId, message.items);
      break;
    case 'mcpResourceResults':
      composer.mcpResourceResults(message.requestId, message.items);
      break;
    case 'mcpPrompts':
      composer.setMcpCommands(message.commands);
      break;
    case 'focusInput':
      composer.focus();
      break;
    case 'actionNotice':
      showActionNotice(message.actionId, message.level, message.text);
      break;
    case 'requestSnapshot':
      post({
        type: 'snapshot', requestId: message.requestId,
        transcript: (agent.isAgentMode ? agent.root : transcriptRoot).innerText, input: composer.value(),
        chips: [...chips.querySelectorAll('.chip')].map((chip) => `${chip.classList.contains('off') ? '(off) ' : ''}${chip.querySelector('.chip-label')?.textContent ?? ''}${chip.querySelector('.chip-why') ? ` (${chip.querySelector('.chip-why')?.textContent ?? ''})` : ''} ${chip.querySelector('.chip-tokens')?.textContent ?? ''}`.trim()),
      });
      break;
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const parsed = parseExtensionMessage(event.data);
  if (!parsed.ok) {
    console.warn(`Tandem chat: ${parsed.problem}`);
    post({ type: 'log', level: 'warn', message: `webview dropped an ${parsed.problem}` });
    return;
  }
  try {
    handle(parsed.message);
  } catch (error) {
    post({ type: 'log', level: 'error', message: `webview failed on '${parsed.message.type}': ${error instanceof Error ? error.stack ?? error.message : String(error)}` });
  }
});

post({ type: 'ready' });
