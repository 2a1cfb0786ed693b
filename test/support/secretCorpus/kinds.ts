import { base64Of, password, pemBody, random, uuid } from './random';

/**
 * Secrets of many kinds, each a fresh value in its real format. `value` is what must never leave
 * the machine; `extra` are further values of the same secret that must not leave either (each
 * line of a key block).
 */
export interface Secret {
  kind: string;
  value: string;
  extra?: string[];
}

const secret = (kind: string, value: string, extra?: string[]): Secret => ({ kind, value, ...(extra ? { extra } : {}) });

/** One of each kind, generated anew on every call. */
export function freshSecrets() {
  const googleKey = `AIza${random('base64url', 34)}-`; // ends in '-': a word boundary does not follow it
  const rsa = pemBody(14);
  const gcpKey = pemBody(16);
  const openssh = pemBody(6);
  const ec = pemBody(3);
  return {
    awsAccessKeyId: secret('AWS access key id', `AKIA${random('upperDigits', 16)}`),
    awsSecretKey: secret('AWS secret access key', `${random('base62', 8)}/${random('base64', 31)}`),
    githubPat: secret('GitHub token', `ghp_${random('base62', 36)}`),
    githubFineGrained: secret('GitHub fine-grained token', `github_pat_${random('base62', 22)}_${random('base62', 59)}`),
    gitlabPat: secret('GitLab token', `glpat-${random('base62', 20)}`),
    slackBot: secret('Slack bot token', `xoxb-${random('digits', 12)}-${random('digits', 13)}-${random('base62', 24)}`),
    slackWebhook: secret('Slack webhook', `T${random('upperDigits', 10)}/B${random('upperDigits', 10)}/${random('base62', 24)}`),
    discordWebhook: secret('Discord webhook', `${random('digits', 18)}/${random('base64url', 68)}`),
    teamsWebhook: secret('Teams webhook', `${uuid()}@${uuid()}/IncomingWebhook/${random('hex', 32)}/${uuid()}`),
    stripeLive: secret('Stripe secret key', `sk_live_${random('base62', 24)}`),
    stripeWebhook: secret('Stripe webhook secret', `whsec_${random('base62', 32)}`),
    openai: secret('OpenAI key', `sk-proj-${random('base64url', 64)}`),
    anthropic: secret('Anthropic key', `sk-ant-api03-${random('base64url', 93)}AA`),
    googleApiKey: secret('Google API key', googleKey),
    gcpPrivateKeyId: secret('GCP private_key_id', random('hex', 40)),
    gcpPrivateKey: secret('GCP service-account private key', gcpKey[3]!, gcpKey),
    rsaKey: secret('RSA private key', rsa[2]!, rsa),
    opensshKey: secret('OpenSSH private key', openssh[1]!, openssh),
    ecKey: secret('EC private key', ec[0]!, ec),
    postgresPassword: secret('PostgreSQL URL password', password(18)),
    redisPassword: secret('Redis URL password (no user)', password(20)),
    mongoPassword: secret('MongoDB SRV password', password(16)),
    amqpPassword: secret('AMQP URL password', password(14)),
    azureStorageKey: secret('Azure storage AccountKey', base64Of(64)),
    azureServiceBusKey: secret('Azure Service Bus SharedAccessKey', base64Of(32)),
    sqlServerPassword: secret('SQL Server Password=', password(15)),
    jwtSecret: secret('JWT signing secret', random('hex', 64)),
    hmacKey: secret('JSON hmacKey', random('hex', 32)),
    encryptionKey: secret('YAML encryption_key', base64Of(32)),
    secretKeyBase: secret('Rails SECRET_KEY_BASE', random('hex', 128)),
    djangoSecret: secret('Django SECRET_KEY', `django-insecure-${random('base62', 12)}${random('password', 38)}`),
    curlPassword: secret('curl -u password', password(14)),
    bearerToken: secret('Authorization: Bearer', random('base64url', 40)),
    basicAuth: secret('Authorization: Basic', Buffer.from(`deploy:${password(12)}`).toString('base64')),
    npmToken: secret('npm token', `npm_${random('base62', 36)}`),
    dockerEnvPassword: secret('Dockerfile ENV password', password(16)),
    terraformPassword: secret('Terraform password', password(20)),
    tfvarsToken: secret('tfvars token', random('base62', 40)),
    kubernetesSecretData: secret('Kubernetes Secret data', Buffer.from(`postgres://app:${password(12)}@db/app`).toString('base64')),
    iniPassword: secret('INI password', password(13)),
    propertiesPassword: secret('properties password', password(17)),
    tomlApiKey: secret('TOML api_key', random('base62', 32)),
    twilioAuthToken: secret('Twilio auth token', random('hex', 32)),
    sendgrid: secret('SendGrid key', `SG.${random('base64url', 22)}.${random('base64url', 43)}`),
    huggingface: secret('Hugging Face token', `hf_${random('base62', 34)}`),
    pypi: secret('PyPI token', `pypi-AgEIcHlwaS5vcmc${random('base64url', 70)}`),
    mailgun: secret('Mailgun key', `key-${random('hex', 32)}`),
    datadogApiKey: secret('Datadog API key', random('hex', 32)),
    telegram: secret('Telegram bot token', `${random('digits', 10)}:AA${random('base64url', 33)}`),
    azureClientSecret: secret('Azure AD client secret', `${random('base62', 3)}8Q~${random('base64url', 34)}`),
    javaPassword: secret('Java password literal', password(12)),
    goPassword: secret('Go struct password', password(12)),
    mysqlPassword: secret('mysql -p password', password(12)),
    xmlPassword: secret('XML <password>', password(14)),
    sentryKey: secret('Sentry DSN key', random('hex', 32)),
    signingSalt: secret('random config value', random('base62', 32)),
    apiKeyHeader: secret('X-Api-Key header', random('base62', 32)),
    queryToken: secret('token in a query string', random('base64url', 32)),
    shopify: secret('Shopify token', `shpat_${random('hex', 32)}`),
    vault: secret('HashiCorp Vault token', `hvs.${random('base64url', 90)}`),
  };
}

export type SecretSet = ReturnType<typeof freshSecrets>;

/** Every value of a set that must not leave (each line of key blocks included). */
export function valuesOf(secrets: readonly Secret[]): string[] {
  return secrets.flatMap((s) => [s.value, ...(s.extra ?? [])]);
}
