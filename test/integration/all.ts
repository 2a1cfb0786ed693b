// Every integration test file, imported by index.ts once mocha's globals exist. esbuild bundles
// statically and cannot glob, so this list is kept by hand; scripts/test.mjs fails the
// integration step when a test/integration/**/*.test.ts file is missing here.
import './activation.test';
import './agentPanel.test';
import './agentEnvironment.test';
import './agentEnvironmentChat.test';
import './chat.test';
import './commitMessage.test';
import './completions.test';
import './harness.test';
import './inlineEdit.test';
import './knowledge.test';
import './knowledgeEdits.test';
import './mcp.test';
import './mcpChat.test';
import './models.test';
import './review.test';
import './reviewChanges.test';
import './settings.test';
import './tests.test';
import './workspaceIgnore.test';
