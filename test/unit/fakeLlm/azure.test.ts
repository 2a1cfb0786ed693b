// Azure OpenAI's paths as the `AzureOpenAI` client of the openai package calls them.
import { strict as assert } from 'node:assert';
import { AuthenticationError, AzureOpenAI, NotFoundError } from 'openai';
import { FakeLlmServer } from '../../support/fakeLlm';
import { postJson, sseData } from './support';

describe('fake-llm Azure OpenAI paths', () => {
  let server: FakeLlmServer;

  before(async () => {
    server = await FakeLlmServer.start({ models: ['gpt4o-deploy', 'fake-chat'] });
  });
  afterEach(() => server.reset());
  after(() => server.close());

  const azure = (deployment = 'gpt4o-deploy', apiKey = 'azure-key'): AzureOpenAI =>
    new AzureOpenAI({ endpoint: `http://127.0.0.1:${server.port}`, apiKey, apiVersion: '2024-10-21', deployment, maxRetries: 0, timeout: 5000 });

  it('answers on /openai/deployments/<d>/chat/completions and records api-version and api-key', async () => {
    server.addRule({ match: { model: 'gpt4o-deploy' }, reply: { text: 'from azure' } });
    const completion = await azure().chat.completions.create({ model: 'ignored-by-azure', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(completion.choices[0]?.message.content, 'from azure');
    assert.equal(completion.model, 'gpt4o-deploy');
    const request = server.requests[0];
    assert.equal(request?.path, '/openai/deployments/gpt4o-deploy/chat/completions?api-version=2024-10-21');
    assert.equal(request?.headers['api-key'], 'azure-key');
    assert.ok(Array.isArray((completion as unknown as { prompt_filter_results: unknown }).prompt_filter_results));
  });

  it('streams with Azure\'s content-filter preamble chunk first, and the client copes', async () => {
    server.addRule({ reply: { text: 'streamed from azure' } });
    const stream = await azure().chat.completions.create({ model: 'x', messages: [{ role: 'user', content: 'hi' }], stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    assert.equal(text, 'streamed from azure');

    const raw = await postJson(server, '/openai/deployments/gpt4o-deploy/chat/completions?api-version=2024-10-21', { messages: [{ role: 'user', content: 'x' }], stream: true });
    const first = JSON.parse(sseData(await raw.text())[0] ?? '{}') as Record<string, unknown>;
    assert.deepEqual(first['choices'], []);
    assert.equal(first['id'], '');
    assert.ok(Array.isArray(first['prompt_filter_results']));
  });

  it('serves completions on the deployment path', async () => {
    server.addRule({ match: { endpoint: 'completions' }, reply: { text: 'return 1;' } });
    const completion = await azure().completions.create({ model: 'x', prompt: 'function one() {', suffix: '}' });
    assert.equal(completion.choices[0]?.text, 'return 1;');
    assert.equal(server.requests[0]?.path, '/openai/deployments/gpt4o-deploy/completions?api-version=2024-10-21');
  });

  it('404s an unknown deployment and a missing api-version with Azure\'s envelope', async () => {
    const error = await azure('no-such-deployment')
      .chat.completions.create({ model: 'x', messages: [{ role: 'user', content: 'hi' }] })
      .then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof NotFoundError);
    assert.equal(error.code, 'DeploymentNotFound');

    const noVersion = await postJson(server, '/openai/deployments/gpt4o-deploy/chat/completions', { messages: [] });
    assert.equal(noVersion.status, 404);
    assert.deepEqual(await noVersion.json(), { error: { code: '404', message: 'Resource not found' } });
  });

  it('checks the api-key header against requireApiKey', async () => {
    server.setOptions({ requireApiKey: 'right' });
    server.addRule({ reply: { text: 'ok' } });
    const ok = await azure('gpt4o-deploy', 'right').chat.completions.create({ model: 'x', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(ok.choices[0]?.message.content, 'ok');
    const error = await azure('gpt4o-deploy', 'wrong')
      .chat.completions.create({ model: 'x', messages: [{ role: 'user', content: 'hi' }] })
      .then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof AuthenticationError);
    assert.match(error.message, /Access denied due to invalid subscription key/);
  });

  it('also answers the newer /openai/v1 paths (model from the body, no api-version)', async () => {
    server.addRule({ reply: { text: 'v1' } });
    const response = await postJson(server, '/openai/v1/chat/completions', { model: 'fake-chat', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { choices: { message: { content: string } }[] }).choices[0]?.message.content, 'v1');
  });
});
