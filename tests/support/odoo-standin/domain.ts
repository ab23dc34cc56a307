/**
 * Odoo search domains, evaluated on in-memory rows: prefix `&`, `|`, `!` (implicit `&` between
 * terms), leaves `[field, operator, value]` with `=`, `!=`, `=?`, `in`, `not in`, `like`,
 * `ilike`, `not like`, `not ilike`, `=like`, `=ilike`, `<`, `>`, `<=`, `>=`, dotted paths through
 * relational fields, `phone_mobile_search`, and `active_test` (archived rows are left out unless
 * the domain itself mentions `active` or the context says `active_test: false`).
 * Errors are those Odoo raises for the same mistakes (`ValueError: Invalid leaf ...`).
 */
import type { OdooDatabase } from './database';
import { raise } from './errors';
import { matchesPhoneMobileSearch } from './phone';
import { pythonRepr } from './python-args';
import { containsPattern, sqlCompare } from './sql-like';
import { type FieldValue, isStored, type ModelDef, type OdooContext, type Row } from './types';

type Node =
  | { kind: 'and' | 'or'; left: Node; right: Node }
  | { kind: 'not'; operand: Node }
  | { kind: 'leaf'; path: string[]; operator: string; value: unknown; leaf: unknown[] }
  | { kind: 'constant'; value: boolean };

const OPERATORS = new Set([
  '=',
  '!=',
  '<=',
  '<',
  '>',
  '>=',
  '=?',
  '=like',
  '=ilike',
  'like',
  'not like',
  'ilike',
  'not ilike',
  'in',
  'not in',
  'child_of',
  'parent_of',
  'any',
  'not any',
]);
const NOT_EMULATED = new Set(['child_of', 'parent_of', 'any', 'not any']);

/** Odoo normalises leaves to tuples, so its messages print `('name', '=', 'x')`. */
function leafRepr(leaf: unknown): string {
  return Array.isArray(leaf) ? `(${leaf.map(pythonRepr).join(', ')})` : pythonRepr(leaf);
}

function invalidLeaf(leaf: unknown): never {
  throw raise.valueError(`Invalid leaf ${leafRepr(leaf)}`);
}

/** Parses a domain into a tree, adding Odoo's implicit `&` between consecutive terms. */
export function parseDomain(domain: unknown): Node {
  if (domain === false || domain === null || domain === undefined) return { kind: 'constant', value: true };
  if (!Array.isArray(domain)) throw raise.valueError(`Invalid domain: ${pythonRepr(domain)}`);
  const tokens = [...domain];
  let position = 0;
  const next = (): Node => {
    if (position >= tokens.length) throw raise.valueError(`Invalid domain: ${pythonRepr(domain)}`);
    const token = tokens[position++];
    if (token === '&' || token === '|') {
      const left = next();
      const right = next();
      return { kind: token === '&' ? 'and' : 'or', left, right };
    }
    if (token === '!') return { kind: 'not', operand: next() };
    return parseLeaf(token);
  };
  const terms: Node[] = [];
  while (position < tokens.length) terms.push(next());
  if (terms.length === 0) return { kind: 'constant', value: true };
  return terms.reduceRight((right, left) => ({ kind: 'and', left, right }));
}

function parseLeaf(token: unknown): Node {
  if (!Array.isArray(token) || token.length !== 3) invalidLeaf(token);
  const [left, operator, value] = token as [unknown, unknown, unknown];
  // Odoo's TRUE_LEAF (1, '=', 1) and FALSE_LEAF (0, '=', 1).
  if (left === 1 && operator === '=' && value === 1) return { kind: 'constant', value: true };
  if (left === 0 && operator === '=' && value === 1) return { kind: 'constant', value: false };
  if (typeof left !== 'string' || typeof operator !== 'string') invalidLeaf(token);
  const normalizedOperator = operator.toLowerCase();
  if (!OPERATORS.has(normalizedOperator)) invalidLeaf(token);
  if (NOT_EMULATED.has(normalizedOperator)) {
    throw raise.notImplemented(`odoo-standin does not emulate the '${normalizedOperator}' operator`);
  }
  return { kind: 'leaf', path: left.split('.'), operator: normalizedOperator, value, leaf: token };
}

/** Whether the domain has a leaf on `active` (then `active_test` does not apply). */
function mentionsActive(node: Node): boolean {
  switch (node.kind) {
    case 'and':
    case 'or':
      return mentionsActive(node.left) || mentionsActive(node.right);
    case 'not':
      return mentionsActive(node.operand);
    case 'leaf':
      return node.path[0] === 'active';
    default:
      return false;
  }
}

export class DomainEvaluator {
  constructor(
    private readonly database: OdooDatabase,
    private readonly context: OdooContext,
  ) {}

  /** Rows of `model` matching `domain`, in table order. */
  filter(model: ModelDef, domain: unknown): Row[] {
    const tree = parseDomain(domain);
    this.validate(model, tree);
    const hideArchived =
      'active' in model.fields && this.context.active_test !== false && !mentionsActive(tree);
    return this.database
      .all(model.name)
      .filter((row) => !(hideArchived && row.active === false) && this.matches(model, row, tree));
  }

  /** Checks every leaf before touching a row, so a bad domain fails even on an empty table. */
  private validate(model: ModelDef, node: Node): void {
    if (node.kind === 'and' || node.kind === 'or') {
      this.validate(model, node.left);
      this.validate(model, node.right);
    } else if (node.kind === 'not') this.validate(model, node.operand);
    else if (node.kind === 'leaf') this.resolvePath(model, node);
  }

  /** The models along a dotted path, checking each step exists and can be searched. */
  private resolvePath(model: ModelDef, leaf: Extract<Node, { kind: 'leaf' }>): ModelDef[] {
    const models: ModelDef[] = [];
    let current = model;
    leaf.path.forEach((name, index) => {
      const field = current.fields[name];
      if (!field)
        throw raise.valueError(`Invalid field ${current.name}.${name} in leaf ${leafRepr(leaf.leaf)}`);
      const last = index === leaf.path.length - 1;
      if (!isStored(field) && !field.searchable && !(name === 'phone_mobile_search' && current.phoneFields)) {
        throw raise.valueError(`Non-stored field ${current.name}.${name} cannot be searched.`);
      }
      models.push(current);
      if (!last) {
        const comodel = field.relation ? this.database.model(field.relation) : undefined;
        if (!comodel)
          throw raise.valueError(`Invalid field ${current.name}.${name} in leaf ${leafRepr(leaf.leaf)}`);
        current = comodel;
      }
    });
    return models;
  }

  private matches(model: ModelDef, row: Row, node: Node): boolean {
    switch (node.kind) {
      case 'constant':
        return node.value;
      case 'and':
        return this.matches(model, row, node.left) && this.matches(model, row, node.right);
      case 'or':
        return this.matches(model, row, node.left) || this.matches(model, row, node.right);
      case 'not':
        return !this.matches(model, row, node.operand);
      case 'leaf':
        return this.matchesLeaf(model, row, node.path, node.operator, node.value);
    }
  }

  private matchesLeaf(model: ModelDef, row: Row, path: string[], operator: string, value: unknown): boolean {
    const [name, ...rest] = path as [string, ...string[]];
    const field = model.fields[name]!;
    if (name === 'phone_mobile_search' && model.phoneFields) {
      const stored = model.phoneFields.map((phoneField) => {
        const number = row[phoneField];
        return typeof number === 'string' && number !== '' ? number : false;
      });
      return matchesPhoneMobileSearch(stored, operator, value);
    }
    const current = this.database.value(model.name, row, name, this.context);
    if (rest.length > 0) {
      const comodel = this.database.model(field.relation!)!;
      if (field.type === 'many2one' && typeof current !== 'number') {
        // Odoo LEFT JOINs a many2one path: no linked record compares like an empty value.
        return this.matchesEmpty(comodel, rest, operator, value);
      }
      // A path through an x2many matches when any related record does.
      const ids = typeof current === 'number' ? [current] : Array.isArray(current) ? current : [];
      return ids.some((id) => {
        const related = this.database.get(comodel.name, id);
        return related !== undefined && this.matchesLeaf(comodel, related, rest, operator, value);
      });
    }
    return compare(this.database, field.relation, current, operator, value, this.context);
  }

  private matchesEmpty(model: ModelDef, path: string[], operator: string, value: unknown): boolean {
    let current = model;
    for (const name of path.slice(0, -1)) current = this.database.model(current.fields[name]!.relation!)!;
    const field = current.fields[path.at(-1)!]!;
    return compare(this.database, field.relation, false, operator, value, this.context);
  }
}

function isEmpty(value: FieldValue): boolean {
  return value === false || value === '' || (Array.isArray(value) && value.length === 0);
}

/** The values a stored value can be compared with: ids and names for relations. */
function comparable(
  database: OdooDatabase,
  relation: string | undefined,
  stored: FieldValue,
  context: OdooContext,
): { ids: number[]; names: string[]; scalar: FieldValue } {
  if (relation) {
    const ids = typeof stored === 'number' ? [stored] : Array.isArray(stored) ? stored : [];
    return { ids, names: ids.map((id) => database.displayName(relation, id, context)), scalar: stored };
  }
  return { ids: [], names: [], scalar: stored };
}

function compare(
  database: OdooDatabase,
  relation: string | undefined,
  stored: FieldValue,
  operator: string,
  value: unknown,
  context: OdooContext,
): boolean {
  if (operator === '=?') {
    if (value === false || value === null || value === undefined) return true;
    return compare(database, relation, stored, '=', value, context);
  }
  const { ids, names, scalar } = comparable(database, relation, stored, context);
  const equals = (candidate: unknown): boolean => {
    if (candidate === false || candidate === null || candidate === undefined) return isEmpty(stored);
    if (relation)
      return typeof candidate === 'string' ? names.includes(candidate) : ids.includes(candidate as number);
    return scalar === candidate;
  };
  switch (operator) {
    case '=':
      return equals(value);
    case '!=':
      return !equals(value);
    case 'in':
    case 'not in': {
      const list = Array.isArray(value) ? value : [value];
      const found = list.some(equals);
      return operator === 'in' ? found : !found;
    }
    case 'like':
    case 'ilike':
    case 'not like':
    case 'not ilike':
    case '=like':
    case '=ilike': {
      const negative = operator.startsWith('not');
      if (value === false || value === null || value === undefined)
        return negative ? !isEmpty(stored) : isEmpty(stored);
      const pattern = operator.startsWith('=') ? String(value) : containsPattern(String(value));
      const sqlOperator = operator.replace('=', '').replace('not ', '');
      const texts = relation ? names : isEmpty(stored) ? [] : [String(scalar)];
      const found = texts.some((text) => sqlCompare(text, sqlOperator, pattern));
      // `NOT ILIKE` also keeps empty fields, as Odoo adds `OR field IS NULL`.
      return negative ? !found : found;
    }
    default: {
      // <, >, <=, >=: an empty field never compares.
      if (isEmpty(stored) || value === false || value === null || value === undefined) return false;
      const left = relation ? ids[0]! : scalar;
      const right = value as FieldValue;
      if (operator === '<') return left < right;
      if (operator === '>') return left > right;
      if (operator === '<=') return left <= right;
      return left >= right;
    }
  }
}
