/**
 * The generic ORM methods every model answers: `search`, `search_count`, `read` (and so
 * `search_read`), `fields_get` and `write`, with Odoo 17's result shapes (many2one as
 * `[id, "name"]` or `false`, x2many as id lists) and its errors for unknown fields, wrong values
 * and missing records.
 */
import { isOdooDate } from './clock';
import type { OdooDatabase } from './database';
import { DomainEvaluator } from './domain';
import { raise } from './errors';
import { htmlFieldValue } from './html';
import { parseOrder, sortRows } from './order';
import { pythonRepr, pythonTypeName } from './python-args';
import { translate } from './translate';
import { type FieldDef, type FieldValue, isStored, type ModelDef, type OdooContext, type Row } from './types';

/** An Odoo record as `read` returns it. */
export type OdooRecord = { id: number } & Record<string, unknown>;

export interface SearchOptions {
  offset?: unknown;
  limit?: unknown;
  order?: unknown;
}

/** `crm.lead(14,)`, `crm.lead(14, 15)`: how Odoo prints a recordset in messages. */
export function recordsetRepr(model: string, ids: readonly number[]): string {
  return `${model}(${ids.join(', ')}${ids.length === 1 ? ',' : ''})`;
}

const MAGIC_FIELDS = new Set(['id', 'create_date', 'write_date', 'create_uid', 'write_uid', '__last_update']);

function nonNegativeInteger(name: string, value: unknown): number | undefined {
  if (value === null || value === undefined || value === false || value === 0) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw raise.typeError(`'${name}' must be a non-negative integer, not ${pythonRepr(value)}`);
  }
  return value;
}

export class Orm {
  constructor(private readonly database: OdooDatabase) {}

  /**
   * Rows matching `domain`, ordered and sliced. `visible`: the caller's record rules, applied
   * before ordering and limits as Odoo adds them to its SQL (undefined: no restriction).
   */
  search(
    model: ModelDef,
    domain: unknown,
    options: SearchOptions,
    context: OdooContext,
    visible?: (row: Row) => boolean,
  ): Row[] {
    const matching = new DomainEvaluator(this.database, context).filter(model, domain);
    const rows = visible ? matching.filter(visible) : matching;
    const order =
      typeof options.order === 'string' && options.order.trim() !== ''
        ? parseOrder(model, options.order)
        : parseOrder(model, model.order);
    const sorted = sortRows(this.database, model, rows, order, context);
    const offset = nonNegativeInteger('offset', options.offset) ?? 0;
    const limit = nonNegativeInteger('limit', options.limit);
    return sorted.slice(offset, limit === undefined ? undefined : offset + limit);
  }

  /** Field names to read: all of them when `fields` is empty, else checked one by one. */
  fieldNames(model: ModelDef, fields: unknown): string[] {
    if (fields === null || fields === undefined || fields === false) return Object.keys(model.fields);
    if (!Array.isArray(fields)) {
      throw raise.typeError(`fields must be a list of field names, not ${pythonTypeName(fields)}`);
    }
    if (fields.length === 0) return Object.keys(model.fields);
    for (const name of fields) {
      if (typeof name !== 'string' || !(name in model.fields)) {
        throw raise.valueError(`Invalid field ${pythonRepr(name)} on model '${model.name}'`);
      }
    }
    return ['id', ...(fields as string[]).filter((name) => name !== 'id')];
  }

  /** `read`'s rendering of rows (`load: '_classic_read'` gives many2one as `[id, name]`). */
  read(
    model: ModelDef,
    rows: Row[],
    fieldNames: string[],
    load: unknown,
    context: OdooContext,
  ): OdooRecord[] {
    const withNames = load === '_classic_read';
    return rows.map((row) => {
      const record: OdooRecord = { id: row.id };
      for (const name of fieldNames) record[name] = this.render(model, row, name, withNames, context);
      return record;
    });
  }

  private render(model: ModelDef, row: Row, name: string, withNames: boolean, context: OdooContext): unknown {
    const field = model.fields[name]!;
    if (field.searchOnly) return false;
    const value = this.database.value(model.name, row, name, context);
    if (field.type === 'many2one') {
      if (typeof value !== 'number') return false;
      return withNames ? [value, this.database.displayName(field.relation!, value, context)] : value;
    }
    if (field.translate && typeof value === 'string') return translate(value, context.lang);
    return value;
  }

  /** Existing rows for `ids`, in the order given; unknown ids are skipped as `read` does. */
  existing(model: ModelDef, ids: readonly number[]): Row[] {
    return ids.flatMap((id) => {
      const row = this.database.get(model.name, id);
      return row ? [row] : [];
    });
  }

  /** Rows for `ids`, or Odoo's MissingError when one does not exist. */
  require(model: ModelDef, ids: readonly number[], uid: number): Row[] {
    const missing = ids.filter((id) => !this.database.get(model.name, id));
    if (missing.length > 0) {
      throw raise.missingError(
        `Record does not exist or has been deleted.\n(Record: ${recordsetRepr(model.name, missing)}, User: ${uid})`,
      );
    }
    return this.existing(model, ids);
  }

  fieldsGet(
    model: ModelDef,
    allfields: unknown,
    attributes: unknown,
  ): Record<string, Record<string, unknown>> {
    const names =
      Array.isArray(allfields) && allfields.length > 0
        ? allfields.filter((name): name is string => typeof name === 'string' && name in model.fields)
        : Object.keys(model.fields);
    const wanted = Array.isArray(attributes) && attributes.length > 0 ? new Set(attributes) : undefined;
    const result: Record<string, Record<string, unknown>> = {};
    for (const name of names) {
      const description = describeField(name, model.fields[name]!);
      result[name] = wanted
        ? Object.fromEntries(Object.entries(description).filter(([key]) => wanted.has(key)))
        : description;
    }
    return result;
  }

  /** `checkRows`: the caller's record rules, checked on the rows before anything changes. */
  write(
    model: ModelDef,
    ids: readonly number[],
    vals: unknown,
    uid: number,
    checkRows?: (rows: Row[]) => void,
  ): true {
    if (typeof vals !== 'object' || vals === null || Array.isArray(vals)) {
      throw raise.attributeError(`'${pythonTypeName(vals)}' object has no attribute 'items'`);
    }
    const values = this.validateValues(model, vals as Record<string, unknown>);
    const rows = this.require(model, ids, uid);
    checkRows?.(rows);
    for (const row of rows) this.database.update(model.name, row.id, values, uid);
    return true;
  }

  /**
   * Checks values for `write`/`create` like Odoo's field conversions and turns them into stored
   * values. Computed and magic fields are ignored, as Odoo does without an inverse.
   */
  validateValues(model: ModelDef, vals: Record<string, unknown>): Record<string, FieldValue> {
    const values: Record<string, FieldValue> = {};
    for (const [name, value] of Object.entries(vals)) {
      const field = model.fields[name];
      if (!field) throw raise.valueError(`Invalid field '${name}' on model '${model.name}'`);
      if (MAGIC_FIELDS.has(name) || !isStored(field) || field.compute) continue;
      values[name] = this.convert(model, name, field, value);
    }
    return values;
  }

  private convert(model: ModelDef, name: string, field: FieldDef, value: unknown): FieldValue {
    const empty = value === false || value === null || value === undefined;
    if (empty && field.required) {
      throw raise.validationError(
        'The operation cannot be completed:\n- Create/update: a mandatory field is not set.\n' +
          '- Delete: another model requires the record being deleted. If possible, archive it instead.\n\n' +
          `Model: ${model.description} (${model.name})\nField: ${field.string} (${name})\n`,
      );
    }
    const wrongType = (): never => {
      throw raise.valueError(`Wrong value for ${model.name}.${name}: ${pythonRepr(value)}`);
    };
    switch (field.type) {
      case 'boolean':
        return Boolean(value);
      case 'integer':
        if (empty) return 0;
        if (typeof value !== 'number' || !Number.isInteger(value)) return wrongType();
        return value;
      case 'float':
        if (empty) return 0;
        if (typeof value !== 'number') return wrongType();
        return value;
      case 'char':
      case 'text':
        if (empty) return false;
        if (typeof value !== 'string' && typeof value !== 'number') return wrongType();
        return String(value);
      case 'html':
        if (empty) return false;
        if (typeof value !== 'string') return wrongType();
        return htmlFieldValue(value);
      case 'selection':
        if (empty) return false;
        if (!field.selection?.some(([key]) => key === value)) return wrongType();
        return value as string;
      case 'date':
        if (empty) return false;
        if (typeof value !== 'string' || !isOdooDate(value.slice(0, 10))) {
          throw raise.valueError(`time data ${pythonRepr(value)} does not match format '%Y-%m-%d'`);
        }
        return value.slice(0, 10);
      case 'datetime':
        if (empty) return false;
        if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value)) {
          throw raise.valueError(`time data ${pythonRepr(value)} does not match format '%Y-%m-%d %H:%M:%S'`);
        }
        return value;
      case 'many2one':
        if (empty) return false;
        if (typeof value !== 'number' || !Number.isInteger(value)) return wrongType();
        if (!this.database.get(field.relation!, value)) {
          throw raise.validationError(
            'The operation cannot be completed: another model requires the record being deleted. ' +
              `If possible, archive it instead.\n\nModel: ${model.description} (${model.name})\n` +
              `Constraint: ${model.name.replace('.', '_')}_${name}_fkey\n`,
          );
        }
        return value;
      default:
        throw raise.notImplemented(
          `odoo-standin does not write ${field.type} fields (${model.name}.${name})`,
        );
    }
  }
}

function describeField(name: string, field: FieldDef): Record<string, unknown> {
  const stored = isStored(field);
  return {
    name,
    type: field.type,
    string: field.string,
    readonly: Boolean(field.compute) || MAGIC_FIELDS.has(name),
    required: field.required ?? false,
    store: stored,
    searchable: stored || Boolean(field.searchable) || Boolean(field.searchOnly),
    sortable: stored,
    ...(field.relation ? { relation: field.relation } : {}),
    ...(field.selection ? { selection: field.selection.map(([key, label]) => [key, label]) } : {}),
    ...(field.translate ? { translate: true } : {}),
  };
}
