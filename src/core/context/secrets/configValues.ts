import type { SecretFinding, SecretScanner } from './finding';
import { looksRandom } from './entropy';
import { nameWords } from './secretNames';

/**
 * In config files, values that look machine-generated whatever their name (`SIGNING: 8fK2…`),
 * except under names that say they are public (hashes, digests, ids, versions, checksums); and
 * every value of a Kubernetes Secret's `data:`/`stringData:` block (base64 or plain).
 */
const configValue = /^[ \t]*(?:export[ \t]+|-[ \t]+)?["']?([A-Za-z0-9_.-]+)["']?[ \t]*[:=][ \t]*["']?([A-Za-z0-9+/_=.~:-]{16,})["']?[ \t,]*(?:[#;].*)?$/gm;
const publicWords = new Set([
  'hash', 'digest', 'sha', 'sha1', 'sha256', 'sha512', 'md5', 'checksum', 'integrity', 'commit', 'rev', 'revision', 'ref', 'version',
  'id', 'uuid', 'guid', 'etag', 'image', 'tag', 'name', 'url', 'uri', 'host', 'path', 'file', 'dir', 'region', 'zone', 'arn', 'email',
  'user', 'username', 'account', 'project', 'bucket', 'namespace', 'cluster', 'sid', 'fingerprint', 'thumbprint', 'subject', 'issuer',
]);

/** Random-looking values: run on the candidate lines (they hold every value long enough to judge). */
export const configValueScanner: SecretScanner = (text, context) => {
  if (!context.config) return [];
  const found: SecretFinding[] = [];
  configValue.lastIndex = 0;
  for (let match = configValue.exec(text); match; match = configValue.exec(text)) {
    const [, name = '', value = ''] = match;
    const last = nameWords(name).pop() ?? '';
    if (publicWords.has(last) || /^(?:sha\d*|md5)[-:]/i.test(value) || !looksRandom(value)) continue;
    const start = match.index + match[0].lastIndexOf(value);
    found.push({ start, end: start + value.length, kind: 'random-looking value in a config file' });
  }
  return found;
};

/** Every value of a Kubernetes Secret's `data:`/`stringData:` block (base64 or plain), whatever its name. */
export const kubernetesSecretScanner: SecretScanner = (text) => {
  if (!/kind:[ \t]*["']?Secret\b/.test(text) || !/^[ \t]*kind:[ \t]*["']?Secret\b/m.test(text)) return [];
  const found: SecretFinding[] = [];
  const lines = text.split('\n');
  let offset = 0;
  let blockIndent = -1;
  for (const line of lines) {
    const indent = line.search(/\S/);
    if (/^[ \t]*(?:data|stringData):[ \t]*$/.test(line)) blockIndent = indent;
    else if (blockIndent >= 0 && indent >= 0 && indent <= blockIndent) blockIndent = -1;
    else if (blockIndent >= 0 && indent > blockIndent) {
      const entry = /^([ \t]*["']?[^:"']+["']?:[ \t]*)(["']?)([^\n]*?)\2[ \t]*$/.exec(line);
      if (entry && entry[3] && !/^[|>]-?$/.test(entry[3])) {
        const start = offset + entry[1]!.length + entry[2]!.length;
        found.push({ start, end: start + entry[3].length, kind: 'Kubernetes Secret value' });
      } else if (!entry && line.trim()) {
        found.push({ start: offset + indent, end: offset + line.length, kind: 'Kubernetes Secret value' }); // a block scalar's line
      }
    }
    offset += line.length + 1;
  }
  return found;
};
