// Realistic module text for the completion benchmark: per business entity, the declarations a
// service layer has (types, validation, mapping, a repository, a service with business rules),
// varied by entity, fields and a seeded random choice of members.

const entities = [
  'Order', 'Invoice', 'Customer', 'Product', 'Shipment', 'Payment', 'Refund', 'Warehouse', 'Supplier', 'Coupon',
  'Subscription', 'Cart', 'Review', 'Rebate', 'Carrier', 'TaxRate', 'PriceList', 'StockMove', 'Account', 'Ledger',
  'Budget', 'Voucher', 'Delivery', 'Receipt', 'Quote', 'Contract', 'Employee', 'Department', 'Project', 'Timesheet',
];
type Field = readonly [name: string, tsType: string, pyType: string, defaultValue: string];

const fieldPool: readonly Field[] = [
  ['status', 'string', 'str', "'active'"], ['createdAt', 'Date', 'datetime', 'new Date()'], ['updatedAt', 'Date', 'datetime', 'new Date()'],
  ['amountCents', 'number', 'int', '0'], ['currency', 'string', 'str', "'EUR'"], ['quantity', 'number', 'int', '1'],
  ['name', 'string', 'str', "''"], ['email', 'string', 'str', "''"], ['note', 'string', 'str', "''"], ['priority', 'number', 'int', '0'],
  ['ownerId', 'string', 'str', "''"], ['region', 'string', 'str', "'eu-west'"], ['discountCents', 'number', 'int', '0'],
  ['dueDate', 'Date', 'datetime', 'new Date()'], ['archived', 'boolean', 'bool', 'false'], ['version', 'number', 'int', '1'],
];

const camelToSnake = (name: string): string => name.replace(/[A-Z]/g, (c, i) => (i ? '_' : '') + c.toLowerCase());
const lowerFirst = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);
const plural = (name: string): string => (name.endsWith('y') ? `${name.slice(0, -1)}ies` : name.endsWith('s') ? `${name}es` : `${name}s`);

function entityList(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const base = entities[i % entities.length] ?? 'Item';
    return i < entities.length ? base : `${base}V${Math.floor(i / entities.length) + 1}`;
  });
}

/** Appends whole entity blocks while they fit in `targetLines` (a file never ends mid-declaration). */
function fill(header: string[], targetLines: number, block: (entity: string) => string[]): string[] {
  const out = [...header];
  for (const entity of entityList(400)) {
    const lines = block(entity);
    if (out.length + lines.length > targetLines) break;
    out.push(...lines);
  }
  while (out.at(-1) === '') out.pop();
  return out;
}

function pickFields(random: () => number): readonly Field[] {
  const chosen = fieldPool.filter(() => random() < 0.45);
  return chosen.length >= 3 ? chosen : fieldPool.slice(0, 4);
}

export function emitTypeScript(targetLines: number, random: () => number): string {
  const out = [
    "import { Database, type Row } from './database';",
    "import { Logger } from './logger';",
    "import { addMoney, formatMoney, type Money } from './money';",
    '',
    'export interface ValidationResult {',
    '  valid: boolean;',
    '  errors: string[];',
    '}',
    '',
  ];
  return `${fill(out, targetLines, (entity) => [...tsEntity(entity, pickFields(random), random), '']).join('\n')}\n`;
}

function tsEntity(name: string, fields: readonly Field[], random: () => number): string[] {
  const variable = lowerFirst(name);
  const table = camelToSnake(plural(name));
  const lines = [
    `export interface ${name} {`,
    '  id: string;',
    ...fields.map(([field, type]) => `  ${field}: ${type};`),
    '}',
    '',
    `export function validate${name}(${variable}: ${name}): ValidationResult {`,
    '  const errors: string[] = [];',
    `  if (!${variable}.id) {`,
    "    errors.push('id is required');",
    '  }',
    ...fields.filter(([, type]) => type === 'number').flatMap(([field]) => [
      `  if (${variable}.${field} < 0) {`,
      `    errors.push('${field} must not be negative');`,
      '  }',
    ]),
    ...fields.filter(([, type]) => type === 'string').slice(0, 2).flatMap(([field]) => [
      `  if (${variable}.${field}.length > 200) {`,
      `    errors.push('${field} is too long');`,
      '  }',
    ]),
    '  return { valid: errors.length === 0, errors };',
    '}',
    '',
    `export function to${name}(row: Row): ${name} {`,
    '  return {',
    '    id: String(row.id),',
    ...fields.map(([field, type]) => `    ${field}: ${type === 'Date' ? `new Date(String(row.${camelToSnake(field)}))` : type === 'number' ? `Number(row.${camelToSnake(field)})` : type === 'boolean' ? `Boolean(row.${camelToSnake(field)})` : `String(row.${camelToSnake(field)})`},`),
    '  };',
    '}',
    '',
    `export class ${name}Repository {`,
    `  private readonly cache = new Map<string, ${name}>();`,
    '',
    '  constructor(private readonly db: Database, private readonly logger: Logger) {}',
    '',
    `  async findById(id: string): Promise<${name} | undefined> {`,
    '    const cached = this.cache.get(id);',
    '    if (cached) return cached;',
    `    const row = await this.db.one('select * from ${table} where id = $1', [id]);`,
    '    if (!row) return undefined;',
    `    const ${variable} = to${name}(row);`,
    `    this.cache.set(id, ${variable});`,
    `    return ${variable};`,
    '  }',
    '',
    `  async save(${variable}: ${name}): Promise<void> {`,
    `    const result = validate${name}(${variable});`,
    '    if (!result.valid) {',
    `      throw new Error(\`invalid ${variable} \${${variable}.id}: \${result.errors.join(', ')}\`);`,
    '    }',
    `    await this.db.run('insert into ${table} (id, ${fields.map(([f]) => camelToSnake(f)).join(', ')}) values ($1${fields.map((_, i) => `, $${i + 2}`).join('')})', [`,
    `      ${variable}.id,`,
    ...fields.map(([field]) => `      ${variable}.${field},`),
    '    ]);',
    `    this.cache.set(${variable}.id, ${variable});`,
    `    this.logger.info(\`saved ${variable} \${${variable}.id}\`);`,
    '  }',
    '',
    `  async list(limit = 50): Promise<${name}[]> {`,
    `    const rows = await this.db.all('select * from ${table} order by id limit $1', [limit]);`,
    `    return rows.map(to${name});`,
    '  }',
  ];
  if (random() < 0.6) {
    lines.push(
      '',
      '  async remove(id: string): Promise<boolean> {',
      `    const removed = await this.db.run('delete from ${table} where id = $1', [id]);`,
      '    this.cache.delete(id);',
      '    return removed.changes > 0;',
      '  }',
    );
  }
  lines.push('}');
  const money = fields.find(([field]) => field.endsWith('Cents'));
  if (money) {
    lines.push(
      '',
      `export function total${plural(name)}(${lowerFirst(plural(name))}: ${name}[]): Money {`,
      "  let total: Money = { cents: 0, currency: 'EUR' };",
      `  for (const ${variable} of ${lowerFirst(plural(name))}) {`,
      `    total = addMoney(total, { cents: ${variable}.${money[0]}, currency: 'EUR' });`,
      '  }',
      '  return total;',
      '}',
      '',
      `export function describe${name}(${variable}: ${name}): string {`,
      `  const amount = formatMoney({ cents: ${variable}.${money[0]}, currency: 'EUR' });`,
      `  return \`${name} \${${variable}.id}: \${amount}\`;`,
      '}',
    );
  }
  return lines;
}

export function emitPython(targetLines: number, random: () => number): string {
  const out = [
    'from __future__ import annotations',
    '',
    'import logging',
    'from dataclasses import dataclass, field',
    'from datetime import datetime',
    'from typing import Optional',
    '',
    'from .database import Database',
    'from .money import Money, add_money, format_money',
    '',
    'logger = logging.getLogger(__name__)',
    '',
  ];
  return `${fill(out, targetLines, (entity) => [...pyEntity(entity, pickFields(random), random), '', '']).join('\n')}\n`;
}

function pyEntity(name: string, fields: readonly Field[], random: () => number): string[] {
  const variable = camelToSnake(name);
  const table = camelToSnake(plural(name));
  const py = fields.map(([f, , type, value]): [string, string, string] => [camelToSnake(f), type, value.replace(/'/g, '"').replace('new Date()', 'datetime.now()').replace('false', 'False')]);
  const lines = [
    '@dataclass',
    `class ${name}:`,
    '    id: str',
    ...py.map(([f, type]) => `    ${f}: ${type}`),
    '',
    '',
    `def validate_${variable}(${variable}: ${name}) -> list[str]:`,
    '    errors = []',
    `    if not ${variable}.id:`,
    '        errors.append("id is required")',
    ...py.filter(([, type]) => type === 'int').flatMap(([f]) => [`    if ${variable}.${f} < 0:`, `        errors.append("${f} must not be negative")`]),
    ...py.filter(([, type]) => type === 'str').slice(0, 2).flatMap(([f]) => [`    if len(${variable}.${f}) > 200:`, `        errors.append("${f} is too long")`]),
    '    return errors',
    '',
    '',
    `def ${variable}_from_row(row: dict) -> ${name}:`,
    `    return ${name}(`,
    '        id=str(row["id"]),',
    ...py.map(([f, type]) => `        ${f}=${type === 'datetime' ? `datetime.fromisoformat(row["${f}"])` : `${type}(row["${f}"])`},`),
    '    )',
    '',
    '',
    `class ${name}Repository:`,
    '    def __init__(self, db: Database):',
    '        self._db = db',
    `        self._cache: dict[str, ${name}] = {}`,
    '',
    `    def find_by_id(self, ${variable}_id: str) -> Optional[${name}]:`,
    `        if ${variable}_id in self._cache:`,
    `            return self._cache[${variable}_id]`,
    `        row = self._db.one("select * from ${table} where id = ?", (${variable}_id,))`,
    '        if row is None:',
    '            return None',
    `        ${variable} = ${variable}_from_row(row)`,
    `        self._cache[${variable}_id] = ${variable}`,
    `        return ${variable}`,
    '',
    `    def save(self, ${variable}: ${name}) -> None:`,
    `        errors = validate_${variable}(${variable})`,
    '        if errors:',
    `            raise ValueError(f"invalid ${variable} {${variable}.id}: {', '.join(errors)}")`,
    '        self._db.run(',
    `            "insert into ${table} (id, ${py.map(([f]) => f).join(', ')}) values (?${', ?'.repeat(py.length)})",`,
    `            (${variable}.id, ${py.map(([f]) => `${variable}.${f}`).join(', ')}),`,
    '        )',
    `        self._cache[${variable}.id] = ${variable}`,
    `        logger.info("saved ${variable} %s", ${variable}.id)`,
    '',
    `    def list(self, limit: int = 50) -> list[${name}]:`,
    `        rows = self._db.all("select * from ${table} order by id limit ?", (limit,))`,
    `        return [${variable}_from_row(row) for row in rows]`,
  ];
  if (random() < 0.6) {
    lines.push(
      '',
      `    def remove(self, ${variable}_id: str) -> bool:`,
      `        changes = self._db.run("delete from ${table} where id = ?", (${variable}_id,))`,
      `        self._cache.pop(${variable}_id, None)`,
      '        return changes > 0',
    );
  }
  const money = py.find(([f]) => f.endsWith('_cents'));
  if (money) {
    lines.push(
      '',
      '',
      `def total_${camelToSnake(plural(name))}(items: list[${name}]) -> Money:`,
      '    total = Money(cents=0, currency="EUR")',
      '    for item in items:',
      `        total = add_money(total, Money(cents=item.${money[0]}, currency="EUR"))`,
      '    return total',
      '',
      '',
      `def describe_${variable}(${variable}: ${name}) -> str:`,
      `    amount = format_money(Money(cents=${variable}.${money[0]}, currency="EUR"))`,
      `    return f"${name} {${variable}.id}: {amount}"`,
    );
  }
  return lines;
}
