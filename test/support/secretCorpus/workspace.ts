import { freshSecrets, valuesOf, type Secret, type SecretSet } from './kinds';
import { random } from './random';

/** One file of the corpus: realistic content in its own format, and the secrets it holds. */
export interface CorpusFile {
  path: string;
  text: string;
  secrets: Secret[];
}

export interface SecretCorpus {
  files: CorpusFile[];
  /** Every value that must not leave, across all files (at least 8 characters each). */
  values: string[];
  kinds: number;
}

const pem = (label: string, body: readonly string[], indent = '') => [`${indent}-----BEGIN ${label}-----`, ...body.map((l) => `${indent}${l}`), `${indent}-----END ${label}-----`].join('\n');

/**
 * A workspace of realistic files (code, JSON, YAML, compose, Kubernetes, env, shell, Dockerfile,
 * Terraform, INI, properties, TOML, XML, HTTP, a GCP service-account key under its console download
 * name), each holding fresh secrets in the formats real projects write them.
 */
export function secretCorpus(s: SecretSet = freshSecrets()): SecretCorpus {
  const project = `my-project-${random('hex', 12)}`;
  const files: CorpusFile[] = [
    {
      path: 'src/config.ts',
      secrets: [s.googleApiKey, s.stripeLive, s.postgresPassword, s.redisPassword, s.openai, s.rsaKey],
      text: [
        "import { readFileSync } from 'node:fs';",
        '',
        'export const config = {',
        `  mapsKey: '${s.googleApiKey.value}',`,
        `  stripe: { secretKey: "${s.stripeLive.value}", currency: 'eur' },`,
        `  databaseUrl: 'postgres://app:${s.postgresPassword.value}@db.internal:5432/shop',`,
        `  cacheUrl: "redis://:${s.redisPassword.value}@cache:6379/0",`,
        `  openaiApiKey: process.env.OPENAI_API_KEY ?? "${s.openai.value}",`,
        '  retries: 3,',
        '};',
        '',
        `export const signingKey = \`${pem('RSA PRIVATE KEY', s.rsaKey.extra!)}\`;`,
        '',
        'export function loadTemplate(name: string): string {',
        "  return readFileSync(`templates/${name}.html`, 'utf8');",
        '}',
        '',
      ].join('\n'),
    },
    {
      path: 'src/app.ts',
      secrets: [s.githubPat],
      text: [
        "import { config } from './config';",
        "import { signPayload } from './crypto/signing';",
        '',
        `const GITHUB_TOKEN = "${s.githubPat.value}";`,
        '',
        'export function total(prices: number[]): number {',
        '  return prices.reduce((sum, price) => sum + price, 0) * (1 + config.retries / 100);',
        '}',
        '',
        'export function signed(body: string): string {',
        '  return signPayload(body, GITHUB_TOKEN);',
        '}',
        '',
      ].join('\n'),
    },
    {
      path: 'config/appsettings.json',
      secrets: [s.hmacKey, s.azureStorageKey, s.sqlServerPassword, s.azureClientSecret, s.azureServiceBusKey],
      text: JSON.stringify({
        Logging: { LogLevel: { Default: 'Information' } },
        Security: { hmacKey: s.hmacKey.value, issuer: 'shop' },
        ConnectionStrings: {
          Storage: `DefaultEndpointsProtocol=https;AccountName=shopfiles;AccountKey=${s.azureStorageKey.value};EndpointSuffix=core.windows.net`,
          Sql: `Server=tcp:shop.database.windows.net,1433;Initial Catalog=shop;User ID=shopadmin;Password=${s.sqlServerPassword.value};Encrypt=True;`,
          Bus: `Endpoint=sb://shop.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${s.azureServiceBusKey.value}`,
        },
        AzureAd: { TenantId: 'f1e2d3c4-b5a6-4789-9876-543210fedcba', ClientId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', ClientSecret: s.azureClientSecret.value },
      }, null, 2) + '\n',
    },
    {
      path: 'config/settings.yml',
      secrets: [s.encryptionKey, s.jwtSecret, s.datadogApiKey, s.opensshKey, s.signingSalt],
      text: [
        'app:',
        '  name: shop',
        `  encryption_key: ${s.encryptionKey.value}`,
        `  jwt_secret: "${s.jwtSecret.value}"`,
        'datadog:',
        `  api_key: ${s.datadogApiKey.value}`,
        '  site: datadoghq.eu',
        'deploy:',
        '  host: deploy.internal',
        '  ssh_key: |',
        pem('OPENSSH PRIVATE KEY', s.opensshKey.extra!, '    '),
        'session:',
        `  SIGNING: ${s.signingSalt.value}`,
        '',
      ].join('\n'),
    },
    {
      path: 'docker-compose.yml',
      secrets: [s.secretKeyBase, s.mongoPassword, s.amqpPassword],
      text: [
        'services:',
        '  web:',
        '    image: shop/web:1.4.2',
        '    environment:',
        `      - SECRET_KEY_BASE=${s.secretKeyBase.value}`,
        '      - RAILS_ENV=production',
        `      - "MONGO_URL=mongodb+srv://admin:${s.mongoPassword.value}@cluster0.x1y2z.mongodb.net/shop"`,
        '  worker:',
        '    image: shop/worker:1.4.2',
        '    environment:',
        `      AMQP_URL: amqp://guest:${s.amqpPassword.value}@rabbit:5672`,
        '',
      ].join('\n'),
    },
    {
      path: 'k8s/db-secret.yaml',
      secrets: [s.kubernetesSecretData],
      text: ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: db', 'type: Opaque', 'data:', `  DATABASE_URL: ${s.kubernetesSecretData.value}`, ''].join('\n'),
    },
    {
      path: `keys/${project}.json`,
      secrets: [s.gcpPrivateKeyId, s.gcpPrivateKey],
      text: JSON.stringify({
        type: 'service_account', project_id: project, private_key_id: s.gcpPrivateKeyId.value,
        private_key: `${pem('PRIVATE KEY', s.gcpPrivateKey.extra!)}\n`,
        client_email: `deployer@${project}.iam.gserviceaccount.com`, client_id: random('digits', 21),
        auth_uri: 'https://accounts.google.com/o/oauth2/auth', token_uri: 'https://oauth2.googleapis.com/token',
      }, null, 2) + '\n',
    },
    {
      path: 'scripts/deploy.sh',
      secrets: [s.curlPassword, s.slackWebhook, s.bearerToken, s.mysqlPassword, s.discordWebhook],
      text: [
        '#!/usr/bin/env bash',
        'set -euo pipefail',
        `curl -u "deploy:${s.curlPassword.value}" https://ci.example.com/api/deploy`,
        `curl -X POST -H 'Content-type: application/json' --data '{"text":"deployed"}' https://hooks.slack.com/services/${s.slackWebhook.value}`,
        `curl -H "Authorization: Bearer ${s.bearerToken.value}" https://api.example.com/v1/releases`,
        `mysql -u root -p${s.mysqlPassword.value} shop < schema.sql`,
        `curl -d '{"content":"done"}' https://discord.com/api/webhooks/${s.discordWebhook.value}`,
        '',
      ].join('\n'),
    },
    {
      path: 'Dockerfile',
      secrets: [s.dockerEnvPassword, s.npmToken],
      text: [
        'FROM node:20-alpine',
        'WORKDIR /app',
        `ENV DB_PASSWORD ${s.dockerEnvPassword.value}`,
        `RUN echo "//registry.npmjs.org/:_authToken=${s.npmToken.value}" > .npmrc && npm ci`,
        'CMD ["node", "dist/server.js"]',
        '',
      ].join('\n'),
    },
    {
      path: 'infra/main.tf',
      secrets: [s.terraformPassword],
      text: [
        'resource "aws_db_instance" "shop" {',
        '  engine         = "postgres"',
        '  instance_class = "db.t3.micro"',
        '  username       = "shop"',
        `  password       = "${s.terraformPassword.value}"`,
        '}',
        '',
      ].join('\n'),
    },
    {
      path: 'infra/prod.auto.tfvars.example.tf',
      secrets: [s.tfvarsToken],
      text: [`cloudflare_api_token = "${s.tfvarsToken.value}"`, 'zone = "example.com"', ''].join('\n'),
    },
    {
      path: 'config/database.ini',
      secrets: [s.iniPassword],
      text: ['[database]', 'host = db.internal', 'user = shop', `password = ${s.iniPassword.value}`, ''].join('\n'),
    },
    {
      path: 'src/main/resources/application.properties',
      secrets: [s.propertiesPassword, s.sendgrid],
      text: ['spring.datasource.url=jdbc:postgresql://db:5432/shop', 'spring.datasource.username=shop', `spring.datasource.password=${s.propertiesPassword.value}`, `sendgrid.api-key=${s.sendgrid.value}`, ''].join('\n'),
    },
    {
      path: 'pyproject-secrets.toml',
      secrets: [s.tomlApiKey, s.pypi],
      text: ['[tool.shop]', `api_key = "${s.tomlApiKey.value}"`, 'timeout = 30', '', '[tool.publish]', `token = "${s.pypi.value}"`, ''].join('\n'),
    },
    {
      path: 'shop/settings.py',
      secrets: [s.djangoSecret, s.awsAccessKeyId, s.awsSecretKey, s.huggingface],
      text: [
        'import os',
        '',
        `SECRET_KEY = '${s.djangoSecret.value}'`,
        'DEBUG = False',
        `AWS_ACCESS_KEY_ID = "${s.awsAccessKeyId.value}"`,
        `AWS_SECRET_ACCESS_KEY = "${s.awsSecretKey.value}"`,
        `HF_TOKEN = os.environ.get("HF_TOKEN", "${s.huggingface.value}")`,
        '',
      ].join('\n'),
    },
    {
      path: 'src/main/java/shop/Mailer.java',
      secrets: [s.javaPassword, s.mailgun, s.twilioAuthToken],
      text: [
        'package shop;',
        '',
        'public class Mailer {',
        `    private static final String SMTP_PASSWORD = "${s.javaPassword.value}";`,
        `    private final String mailgunKey = "${s.mailgun.value}";`,
        `    private String twilioAuthToken = "${s.twilioAuthToken.value}";`,
        '}',
        '',
      ].join('\n'),
    },
    {
      path: 'cmd/server/main.go',
      secrets: [s.goPassword, s.slackBot, s.telegram],
      text: [
        'package main',
        '',
        'var cfg = Config{',
        '\tUser:     "shop",',
        `\tPassword: "${s.goPassword.value}",`,
        `\tSlack:    "${s.slackBot.value}",`,
        `\tBot:      "${s.telegram.value}",`,
        '}',
        '',
      ].join('\n'),
    },
    {
      path: 'config/users.xml',
      secrets: [s.xmlPassword],
      text: ['<?xml version="1.0"?>', '<users>', '  <user>', '    <name>admin</name>', `    <password>${s.xmlPassword.value}</password>`, '  </user>', '</users>', ''].join('\n'),
    },
    {
      path: 'api/requests.http',
      secrets: [s.apiKeyHeader, s.basicAuth, s.queryToken, s.stripeWebhook],
      text: [
        'GET https://api.example.com/v1/orders',
        `X-Api-Key: ${s.apiKeyHeader.value}`,
        '',
        '###',
        'GET https://api.example.com/v1/admin',
        `Authorization: Basic ${s.basicAuth.value}`,
        '',
        '###',
        `GET https://api.example.com/v1/export?format=csv&access_token=${s.queryToken.value}&limit=10`,
        '',
        `# webhook signing: ${s.stripeWebhook.value}`,
        '',
      ].join('\n'),
    },
    {
      path: 'README.md',
      secrets: [s.githubFineGrained, s.gitlabPat, s.teamsWebhook, s.anthropic, s.sentryKey, s.ecKey],
      text: [
        '# Shop',
        '',
        'Clone with:',
        '',
        '```sh',
        `git clone https://oauth2:${s.gitlabPat.value}@gitlab.example.com/shop/shop.git`,
        `export GH_TOKEN=${s.githubFineGrained.value}`,
        `export ANTHROPIC_API_KEY=${s.anthropic.value}`,
        `export SENTRY_DSN=https://${s.sentryKey.value}@o450123.ingest.sentry.io/5501234`,
        '```',
        '',
        `Alerts go to https://shop.webhook.office.com/webhookb2/${s.teamsWebhook.value}.`,
        '',
        'The test signing key:',
        '',
        '```',
        pem('EC PRIVATE KEY', s.ecKey.extra!),
        '```',
        '',
      ].join('\n'),
    },
    {
      path: 'ops/vault.env.sh',
      secrets: [s.vault, s.shopify],
      text: [`export VAULT_TOKEN="${s.vault.value}"`, `SHOPIFY_ACCESS_TOKEN='${s.shopify.value}'`, 'export VAULT_ADDR=https://vault.internal:8200', ''].join('\n'),
    },
  ];
  const all = files.flatMap((f) => f.secrets);
  return { files, values: valuesOf(all).filter((v) => v.length >= 8), kinds: new Set(all.map((x) => x.kind)).size };
}
