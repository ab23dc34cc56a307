/**
 * The `order` of `search`/`search_read`: `"write_date desc, id desc"`, with PostgreSQL's null
 * placement (last when ascending, first when descending, unless `nulls first|last` says
 * otherwise). A many2one sorts by the linked record's name. Rows that tie keep table order.
 */
import type { OdooDatabase } from './database';
import { raise } from './errors';
import { type FieldValue, isStored, type ModelDef, type OdooContext, type Row } from './types';

interface OrderTerm {
  field: string;
  descending: boolean;
  nullsFirst: boolean;
}

const TERM = /^\s*"?([a-z0-9_]+)"?(?:\s+(asc|desc))?(?:\s+nulls\s+(first|last))?\s*$/i;

export function parseOrder(model: ModelDef, spec: string): OrderTerm[] {
  const terms = spec.split(',');
  return terms.map((term) => {
    const match = TERM.exec(term);
    if (!match) {
      throw raise.valueError(
        `Invalid "order" specified (${spec}). A valid "order" specification is a comma-separated list of valid field names (optionally followed by asc/desc for the direction)`,
      );
    }
    const [, field, direction, nulls] = match as unknown as [string, string, string?, string?];
    const definition = model.fields[field];
    if (!definition) throw raise.valueError(`Invalid field '${field}' on model '${model.name}'`);
    if (!isStored(definition))
      throw raise.valueError(`Cannot sort ${model.name} by non-stored field ${field}`);
    const descending = direction?.toLowerCase() === 'desc';
    return { field, descending, nullsFirst: nulls ? nulls.toLowerCase() === 'first' : descending };
  });
}

function sortKey(
  database: OdooDatabase,
  model: ModelDef,
  row: Row,
  field: string,
  context: OdooContext,
): FieldValue | null {
  const definition = model.fields[field]!;
  const value = database.value(model.name, row, field, context);
  if (definition.type === 'boolean') return value;
  if (value === false || value === '') return null;
  if (definition.type === 'many2one' && typeof value === 'number') {
    return database.displayName(definition.relation!, value, context);
  }
  return value;
}

function compareValues(left: FieldValue, right: FieldValue): number {
  if (typeof left === 'string' && typeof right === 'string') return left.localeCompare(right, 'en');
  return left < right ? -1 : left > right ? 1 : 0;
}

export function sortRows(
  database: OdooDatabase,
  model: ModelDef,
  rows: Row[],
  order: OrderTerm[],
  context: OdooContext,
): Row[] {
  const keyed = rows.map((row) => ({
    row,
    keys: order.map((term) => sortKey(database, model, row, term.field, context)),
  }));
  keyed.sort((a, b) => {
    for (const [index, term] of order.entries()) {
      const left = a.keys[index] ?? null;
      const right = b.keys[index] ?? null;
      if (left === null && right === null) continue;
      if (left === null) return term.nullsFirst ? -1 : 1;
      if (right === null) return term.nullsFirst ? 1 : -1;
      const result = compareValues(left, right);
      if (result !== 0) return term.descending ? -result : result;
    }
    return 0;
  });
  return keyed.map((entry) => entry.row);
}
