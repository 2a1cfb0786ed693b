/**
 * The chat page's static skeleton (no vscode import: the chat-render benchmark loads it in plain
 * Chromium). DOM order is focus order: conversation, context chips, input, buttons.
 */
export const chatPageMarkup = `<div id="app">
  <main id="transcript" role="log" aria-live="polite" aria-label="Conversation" aria-busy="false" tabindex="0"></main>
  <main id="agent" aria-label="Agent task" tabindex="0" hidden></main>
  <div id="status" class="visually-hidden" role="status" aria-live="polite"></div>
  <div id="composer" role="group" aria-label="Message">
    <ul id="chips" aria-label="Context for the next message" hidden></ul>
    <ul id="picker" hidden></ul>
    <div id="edit-banner" hidden>Editing your last message — Escape cancels.</div>
    <label for="input" class="visually-hidden">Message Tandem</label>
    <textarea id="input" rows="3" placeholder="Ask Tandem — / for commands, # to attach context" aria-describedby="input-help"></textarea>
    <span id="input-help" class="visually-hidden">Enter sends, Shift+Enter adds a line, Up recalls your previous message.</span>
    <div class="composer-row">
      <span id="mode-slot"></span>
      <button id="attach" type="button" class="secondary" aria-label="Attach context: a file, problems or open editors" title="Attach context (#)">#</button>
      <span id="model" aria-label="Model"></span>
      <button id="stop" type="button" class="secondary" aria-label="Stop the answer (Escape)" title="Stop the answer (Escape)" hidden>Stop</button>
      <button id="send" type="button" aria-label="Send message" title="Send (Enter)">Send</button>
    </div>
  </div>
</div>`;
