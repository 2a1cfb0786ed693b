// Azure OpenAI, reached through `/openai/deployments/<deployment>/…?api-version=…` (what the
// `AzureOpenAI` client of the openai package calls) or the newer `/openai/v1/…`. Azure speaks
// OpenAI's format with its own envelope for gateway errors and a content-filter preamble chunk.
// Sources: Azure OpenAI REST reference and its "content filtering" how-to (prompt_filter_results),
// and the error bodies its gateway returns (code/message without type/param).
import type { HttpErrorResponse } from './errorShapes';

const azureError = (status: number, code: string, message: string): HttpErrorResponse => ({
  status,
  body: { error: { code, message } },
});

export const azureErrors = {
  missingApiVersion: (): HttpErrorResponse => azureError(404, '404', 'Resource not found'),
  deploymentNotFound: (): HttpErrorResponse =>
    azureError(
      404,
      'DeploymentNotFound',
      'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.',
    ),
  unauthorized: (): HttpErrorResponse =>
    azureError(
      401,
      '401',
      'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
    ),
};

const SAFE = { filtered: false, severity: 'safe' };

/**
 * Azure streams this before the first real chunk: empty id/model/object and `choices: []`, so a
 * client reading `choices[0]` of every chunk breaks on Azure first.
 */
export function azurePromptFilterChunk(): Record<string, unknown> {
  return {
    choices: [],
    created: 0,
    id: '',
    model: '',
    object: '',
    prompt_filter_results: [azurePromptFilterResult()],
  };
}

export function azurePromptFilterResult(): Record<string, unknown> {
  return {
    prompt_index: 0,
    content_filter_results: { hate: SAFE, self_harm: SAFE, sexual: SAFE, violence: SAFE, jailbreak: { filtered: false, detected: false } },
  };
}
