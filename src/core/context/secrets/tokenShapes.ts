import type { SecretFinding, SecretScanner } from './finding';

/**
 * Token formats with a recognisable shape that secretlint's recommended preset does not cover (or
 * covers only in some files): found anywhere, without a name next to them. Each shape is looked
 * for only where its fixed prefix occurs (one pass over the text for all prefixes), so a large
 * file costs little. `value`: the group that is hidden (a webhook keeps its host, so the model
 * still knows what the URL is for); the whole match when absent.
 */
interface Shape {
  kind: string;
  /** Literal text every match starts with (case-sensitive). */
  prefixes: readonly string[];
  /** Matched at the prefix's position. */
  pattern: RegExp;
  value?: number;
}

const tail = '(?![A-Za-z0-9_-])';
const shape = (kind: string, prefixes: string[], source: string, value?: number): Shape => ({ kind, prefixes, pattern: new RegExp(source, 'y'), ...(value ? { value } : {}) });

const shapes: readonly Shape[] = [
  shape('Google API key', ['AIza'], `AIza[0-9A-Za-z_-]{35}${tail}`),
  shape('Google OAuth client secret', ['GOCSPX-'], 'GOCSPX-[A-Za-z0-9_-]{20,}'),
  shape('Google OAuth access token', ['ya29.'], 'ya29\\.[0-9A-Za-z_-]{20,}'),
  shape('OpenAI/Anthropic/OpenRouter key', ['sk-'], 'sk-(?:proj-|ant-(?:api\\d+-)?|or-v1-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}'),
  shape('GitHub token', ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'], 'gh[pousr]_[A-Za-z0-9]{30,}'),
  shape('GitHub token', ['github_pat_'], 'github_pat_[A-Za-z0-9_]{22,}'),
  shape('GitLab token', ['gl'], 'gl(?:pat|dt|ptt|rt|cbt|oas|ft|imt|agent|soat)-[A-Za-z0-9_-]{20,}'),
  shape('AWS access key id', ['AKIA', 'ASIA', 'ABIA', 'ACCA'], 'A(?:KIA|SIA|BIA|CCA)[0-9A-Z]{16}(?![0-9A-Za-z])'),
  shape('Slack token', ['xox'], 'xox[abposre]-[A-Za-z0-9-]{10,}'),
  shape('Slack app token', ['xapp-'], 'xapp-\\d-[A-Z0-9]+-\\d+-[a-z0-9]+'),
  shape('Stripe key', ['sk_', 'rk_', 'pk_'], '[srp]k_(?:live|test)_[A-Za-z0-9]{16,}'),
  shape('Stripe webhook secret', ['whsec_'], 'whsec_[A-Za-z0-9+/=]{24,}'),
  shape('npm token', ['npm_'], `npm_[A-Za-z0-9]{36}${tail}`),
  shape('PyPI token', ['pypi-'], 'pypi-AgE[A-Za-z0-9_-]{50,}'),
  shape('Hugging Face token', ['hf_'], 'hf_[A-Za-z0-9]{30,}'),
  shape('JSON Web Token', ['eyJ'], 'eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}'),
  shape('Twilio API key', ['SK'], `SK[0-9a-f]{32}${tail}`),
  shape('Mailgun key', ['key-'], `key-[0-9a-f]{32}${tail}`),
  shape('SendGrid key', ['SG.'], 'SG\\.[A-Za-z0-9_-]{20,}\\.[A-Za-z0-9_-]{20,}'),
  shape('DigitalOcean token', ['dop_', 'doo_', 'dor_'], 'do[por]_v1_[a-f0-9]{64}'),
  shape('Doppler token', ['dp.'], 'dp\\.(?:pt|st|sa|ct|scim|audit)\\.[A-Za-z0-9]{40,}'),
  shape('HashiCorp Vault token', ['hvs.', 'hvb.', 'hvr.'], 'hv[sbr]\\.[A-Za-z0-9_-]{24,}'),
  shape('Databricks token', ['dapi'], `dapi[a-f0-9]{32}(?:-\\d)?${tail}`),
  shape('Shopify token', ['shpat_', 'shpca_', 'shppa_', 'shpss_'], 'shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}'),
  shape('Square token', ['sq0atp', 'sq0csp', 'EAAA'], '(?:sq0atp|sq0csp|EAAA)[A-Za-z0-9_-]{22,}'),
  shape('New Relic key', ['NRAK-'], 'NRAK-[A-Z0-9]{27}'),
  shape('Postman key', ['PMAK-'], 'PMAK-[a-f0-9]{24}-[a-f0-9]{34}'),
  shape('Sentry token', ['sntrys_', 'sntryu_'], 'sntr[ysu]_[A-Za-z0-9+/=_-]{30,}'),
  shape('Age secret key', ['AGE-SECRET-KEY-1'], 'AGE-SECRET-KEY-1[0-9A-Z]{58}'),
  shape('Alibaba access key', ['LTAI'], `LTAI[A-Za-z0-9]{20}${tail}`),
  shape('Mapbox secret token', ['sk.eyJ'], 'sk\\.eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+'),
  shape('Atlassian API token', ['ATATT3'], 'ATATT3[A-Za-z0-9_=-]{150,}'),
  shape('Supabase token', ['sbp_'], 'sbp_[a-f0-9]{40}'),
  shape('Pulumi token', ['pul-'], 'pul-[a-f0-9]{40}'),
  shape('Linear key', ['lin_api_', 'lin_oauth_'], 'lin_(?:api|oauth)_[A-Za-z0-9]{40}'),
  shape('Grafana token', ['glc_', 'glsa_'], 'gl(?:c|sa)_[A-Za-z0-9+/=_-]{32,}'),
  shape('Firebase server key', ['AAAA'], 'AAAA[A-Za-z0-9_-]{7}:[A-Za-z0-9_-]{140}'),
  shape('Netlify/Vercel token', ['nfp_', 'vercel_'], '(?:nfp_|vercel_)[A-Za-z0-9_-]{30,}'),
  // Webhooks: the URL is the credential; the host stays readable.
  shape('Slack webhook', ['hooks.slack.com/'], 'hooks\\.slack\\.com/(?:services|workflows|triggers)/([A-Za-z0-9/_-]{20,})', 1),
  shape('Discord webhook', ['discord.com/api/webhooks/', 'discordapp.com/api/webhooks/'], 'discord(?:app)?\\.com/api/webhooks/([0-9]{5,}/[A-Za-z0-9_-]{20,})', 1),
  shape('Microsoft Teams webhook', ['.webhook.office.com/'], '\\.webhook\\.office\\.com/(webhookb2/[A-Za-z0-9@/_-]{20,})', 1),
  shape('Zapier webhook', ['hooks.zapier.com/'], 'hooks\\.zapier\\.com/hooks/catch/([0-9]+/[A-Za-z0-9]+)', 1),
  shape('IFTTT webhook key', ['maker.ifttt.com/'], 'maker\\.ifttt\\.com/trigger/[^/\\s]+/with/key/([A-Za-z0-9_-]{16,})', 1),
  shape('Mattermost webhook', ['/hooks/'], '/hooks/([a-z0-9]{26})(?![a-z0-9])', 1),
];

/** Shapes recognised by something inside them rather than a prefix: matched in a window around the anchor. */
/** `unless`: the shape is also that of something public (a SHA-512 digest in base64); a line that says so is left alone. */
const anchored: ReadonlyArray<{ kind: string; anchor: string; back: number; pattern: RegExp; unless?: RegExp }> = [
  { kind: 'Azure AD client secret', anchor: 'Q~', back: 4, pattern: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/y },
  { kind: 'Azure storage key', anchor: '==', back: 86, pattern: /(?<![A-Za-z0-9+/-])[A-Za-z0-9+/]{86}==(?![A-Za-z0-9+/=])/y, unless: /sha\d|hash|digest|integrity|checksum/i },
  { kind: 'Telegram bot token', anchor: ':AA', back: 10, pattern: /(?<!\d)\d{8,10}:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])/y },
];

const byPrefix = new Map<string, Shape[]>();
for (const s of shapes) for (const p of s.prefixes) byPrefix.set(p, [...(byPrefix.get(p) ?? []), s]);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const prefixes = [...byPrefix.keys(), ...anchored.map((a) => a.anchor)].sort((a, b) => b.length - a.length);
const anyPrefix = new RegExp(prefixes.map(escape).join('|'), 'g');
const wordChar = /[A-Za-z0-9_]/;

export const tokenShapeScanner: SecretScanner = (text) => {
  const found: SecretFinding[] = [];
  anyPrefix.lastIndex = 0;
  for (let hit = anyPrefix.exec(text); hit; hit = anyPrefix.exec(text)) {
    const at = hit.index;
    const special = anchored.find((a) => a.anchor === hit![0]);
    if (special) {
      for (let start = Math.max(0, at - special.back); start < at; start++) {
        special.pattern.lastIndex = start;
        const match = special.pattern.exec(text);
        if (match) {
          const line = text.slice(text.lastIndexOf('\n', start) + 1, start);
          if (special.unless?.test(line)) break;
          found.push({ start, end: start + match[0].length, kind: special.kind });
          anyPrefix.lastIndex = Math.max(anyPrefix.lastIndex, start + match[0].length);
          break;
        }
      }
      continue;
    }
    // A token starts a word: `mask-…` is not `sk-…` (the host of a webhook may follow anything).
    const candidates = byPrefix.get(hit[0]) ?? [];
    for (const s of candidates) {
      if (at > 0 && wordChar.test(text[at - 1]!) && !s.prefixes[0]!.includes('/')) continue;
      s.pattern.lastIndex = at;
      const match = s.pattern.exec(text);
      if (!match) continue;
      const value = match[s.value ?? 0]!;
      const start = at + match[0].lastIndexOf(value);
      found.push({ start, end: start + value.length, kind: s.kind });
      anyPrefix.lastIndex = Math.max(anyPrefix.lastIndex, at + match[0].length);
      break;
    }
  }
  return found;
};
