// The settings' defaults and the provider fields' names without their validators: reading valid
// settings never loads zod (see quickAccept.ts), which activation cannot afford (budget 50 ms).
// schema.ts pairs each default with its validator.

/** Every scalar setting Tandem reads: key (without the `tandem.` prefix) and default. */
export const settingDefaults = {
  provider: 'ollama',
  'timeouts.connectMs': 5_000,
  'timeouts.firstTokenMs': 60_000,
  'timeouts.idleMs': 30_000,
  // The whole answer, however steadily it streams: a server that never stops must not hang Tandem.
  // 10 minutes fits a long answer from a slow local model (8k tokens at ~15 tokens/s).
  'timeouts.totalSeconds': 600,
  'retries.maxRetries': 2,
  'completions.enabled': true,
  // Prose is where ghost text distracts more than it helps; every other language is on.
  'completions.languages': { markdown: false, plaintext: false, scminput: false } as Readonly<Record<string, boolean>>,
  // After a whole suggestion is accepted, ask for the next one at once: off saves the server a request per accept.
  'completions.prefetch': true,
  // The workspace index (completions' cross-file definitions, #codebase in the chat): read locally, sent only through the gate.
  'knowledge.enabled': true,
  // '' = the command detected from the project (framework, npm test script).
  'tests.command': '',
  'tests.maxFixRounds': 3,
  'tests.autoRunAfterAccept': false,
  // Commands the agent may run without asking (globs over the whole command); deny rules still win.
  'agent.allowedCommands': [] as readonly string[],
  'agent.maxSteps': 25,
  // Every step resends the conversation: 25 steps of a 32k prompt are 800k tokens, an ordinary task.
  'agent.tokenBudget': 1_000_000,
  // Keys and env files never reach a prompt; .gitignore files are respected on top of these.
  ignore: ['.env', '.env.*', '*.pem', '*.key', 'id_rsa*'] as readonly string[],
};

export type ScalarSettingKey = keyof typeof settingDefaults;

/** The fields of one `tandem.providers` entry, in the order the "unknown field" message lists them. */
export const providerFields = ['kind', 'label', 'baseUrl', 'models', 'contextWindow', 'fimMode', 'headers', 'apiVersion', 'streamUsage', 'toolProtocol'] as const;

export type ProviderField = (typeof providerFields)[number];
