/**
 * The stand-in's in-memory database: one table of rows per model, id sequences, the clock that
 * stamps `create_date`/`write_date`, and change events (so tests can await a note instead of
 * polling). `reset()` reloads data.ts. Field semantics (computed values, display names) come from
 * models.ts; the ORM methods in orm.ts and mail.ts are the only writers besides tests.
 */
import { odooDate, odooDatetime } from './clock';
import { Listeners } from './listeners';
import { defineModels } from './models';
import { seedTables } from './seed';
import type { FieldValue, ModelDef, OdooContext, OdooVersion, RecordSource, Row } from './types';

export interface DatabaseChange {
  kind: 'insert' | 'update' | 'delete';
  model: string;
  row: Row;
}

export class OdooDatabase implements RecordSource {
  readonly version: OdooVersion;
  readonly models: ReadonlyMap<string, ModelDef>;
  private readonly clock: () => Date;
  private readonly tables = new Map<string, Map<number, Row>>();
  private readonly changes = new Listeners<DatabaseChange>();

  constructor(options: { version: OdooVersion; clock: () => Date }) {
    this.version = options.version;
    this.clock = options.clock;
    this.models = defineModels(options.version);
    this.reset();
  }

  /** Back to data.ts, with times relative to now. */
  reset(): void {
    this.tables.clear();
    for (const model of this.models.keys()) this.tables.set(model, new Map());
    for (const [model, rows] of seedTables(this.clock(), this.version)) {
      const table = this.table(model);
      for (const row of rows) table.set(row.id, row);
    }
  }

  now(): Date {
    return this.clock();
  }

  /** Now as an Odoo datetime string. */
  timestamp(): string {
    return odooDatetime(this.clock());
  }

  todayIn(timeZone: string | false | undefined): string {
    return odooDate(this.clock(), timeZone);
  }

  model(name: string): ModelDef | undefined {
    return this.models.get(name);
  }

  get(model: string, id: number): Row | undefined {
    return this.tables.get(model)?.get(id);
  }

  /** Rows in insertion order (ids ascending for seeded data). */
  all(model: string): Row[] {
    return [...(this.tables.get(model)?.values() ?? [])];
  }

  /** A field's value: stored, or computed for computed fields. */
  value(model: string, row: Row, fieldName: string, context: OdooContext): FieldValue {
    const field = this.models.get(model)?.fields[fieldName];
    if (field?.compute) return field.compute(row, this, context);
    return row[fieldName] ?? (field?.type === 'one2many' || field?.type === 'many2many' ? [] : false);
  }

  displayName(model: string, id: number, context: OdooContext): string {
    const row = this.get(model, id);
    if (!row) return '';
    return String(this.value(model, row, 'display_name', context) || '');
  }

  insert(model: string, values: Record<string, FieldValue>, uid: number): Row {
    const table = this.table(model);
    const id = Math.max(0, ...table.keys()) + 1;
    const now = this.timestamp();
    const defaults: Record<string, FieldValue> =
      'active' in (this.models.get(model)?.fields ?? {}) ? { active: true } : {};
    const row: Row = {
      ...defaults,
      ...values,
      id,
      create_date: now,
      write_date: now,
      create_uid: uid,
      write_uid: uid,
    };
    table.set(id, row);
    this.emit({ kind: 'insert', model, row });
    return row;
  }

  update(model: string, id: number, values: Record<string, FieldValue>, uid: number): Row {
    const row = this.get(model, id);
    if (!row) throw new Error(`update: no ${model} ${id}`);
    Object.assign(row, values, { write_date: this.timestamp(), write_uid: uid });
    this.emit({ kind: 'update', model, row });
    return row;
  }

  delete(model: string, id: number): void {
    const row = this.get(model, id);
    if (!row) return;
    this.table(model).delete(id);
    this.emit({ kind: 'delete', model, row });
  }

  onChange(listener: (change: DatabaseChange) => void): () => void {
    return this.changes.add(listener);
  }

  /** The listeners themselves, to await a change (see listeners.ts `waitForEvent`). */
  get changeEvents(): Listeners<DatabaseChange> {
    return this.changes;
  }

  private emit(change: DatabaseChange): void {
    this.changes.emit(change);
  }

  private table(model: string): Map<number, Row> {
    let table = this.tables.get(model);
    if (!table) {
      table = new Map();
      this.tables.set(model, table);
    }
    return table;
  }
}
