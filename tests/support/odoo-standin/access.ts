/**
 * Odoo 17's access checks for one calling user, with its error messages:
 * - access rights (`check_access_rights`, ir.model.access): may this user read/write the model at
 *   all? If not: "You are not allowed to access 'Lead/Opportunity' (crm.lead) records." with the
 *   groups that may;
 * - record rules (`check_access_rule`, ir.rule): which rows? Search leaves the others out; reading
 *   or changing one raises "Uh-oh! Looks like you have stumbled upon some top-secret records.";
 * - messages and activities follow their document (mail.message/mail.activity's own checks), and
 *   refuse with "The requested operation cannot be completed due to security restrictions.".
 * The rights and rules themselves are declared in security.ts. OdooBot (uid 1) bypasses all, as
 * Odoo's superuser does; the stand-in's own helpers (core.read, core.searchRead) never check.
 */
import type { OdooDatabase } from './database';
import { raise } from './errors';
import { groupIdOf, userGroupIds } from './groups';
import { pythonRepr } from './python-args';
import { MODEL_ACCESS, type Operation, RECORD_RULES, type RuleUser } from './security';
import type { ModelDef, Row } from './types';

export const SUPERUSER_ID = 1;

type RowFilter = (row: Row) => boolean;

const OPERATION_HEADS: Record<Operation, string> = {
  read: 'You are not allowed to access',
  write: 'You are not allowed to modify',
  create: 'You are not allowed to create',
  unlink: 'You are not allowed to delete',
};

/** Hands out the access of the calling user for each call. */
export class AccessPolicy {
  constructor(private readonly database: OdooDatabase) {}

  of(uid: number): UserAccess {
    return new UserAccess(this.database, uid);
  }
}

/** The access of one user, for the length of one call. */
export class UserAccess {
  readonly uid: number;
  private readonly user: Row | undefined;
  private readonly groupIds: ReadonlySet<number>;
  private readonly filters = new Map<string, RowFilter | undefined>();

  constructor(
    private readonly database: OdooDatabase,
    uid: number,
  ) {
    this.uid = uid;
    this.user = database.get('res.users', uid);
    this.groupIds = new Set(this.user ? userGroupIds(database, this.user) : []);
  }

  get superuser(): boolean {
    return this.uid === SUPERUSER_ID;
  }

  inGroup(xmlid: string): boolean {
    const id = groupIdOf(this.database, xmlid);
    return id !== undefined && this.groupIds.has(id);
  }

  /** An employee (`base.group_user`), as opposed to a portal or public user. */
  get internal(): boolean {
    return this.superuser || this.inGroup('base.group_user');
  }

  /** `check_access_rights(operation, raise_exception=False)`. */
  hasModelAccess(model: string, operation: Operation): boolean {
    if (this.superuser) return true;
    const letter = operation === 'unlink' ? 'u' : operation[0]!;
    return MODEL_ACCESS.some(
      (line) =>
        line.model === model &&
        line.perms.includes(letter) &&
        (line.group === null || this.inGroup(line.group)),
    );
  }

  /** `check_access_rights(operation)`: Odoo's AccessError, naming the groups that have the right. */
  checkModelAccess(model: ModelDef, operation: Operation): void {
    if (this.hasModelAccess(model.name, operation)) return;
    throw raise.accessError(modelAccessMessage(this.database, model, operation));
  }

  /**
   * The rows this user may see (`read`) or change (`write`…) by record rules, or undefined when
   * nothing restricts them. Search applies it before ordering and limits, as Odoo's SQL does.
   */
  recordFilter(model: ModelDef, operation: Operation): RowFilter | undefined {
    const key = `${model.name}:${operation}`;
    if (!this.filters.has(key)) this.filters.set(key, this.buildFilter(model.name, operation));
    return this.filters.get(key);
  }

  /** `check_access_rule(operation)` on existing rows: the error for the first forbidden ones. */
  checkRecordAccess(model: ModelDef, rows: readonly Row[], operation: Operation): void {
    const allows = this.recordFilter(model, operation);
    if (!allows) return;
    const forbidden = rows.filter((row) => !allows(row));
    if (forbidden.length === 0) return;
    if (model.name === 'mail.message' || model.name === 'mail.activity') {
      throw raise.accessError(
        'The requested operation cannot be completed due to security restrictions. Please contact your ' +
          `system administrator.\n\n(Document type: ${model.description}, Operation: ${operation})\n\n` +
          `Records: ${pythonRepr(forbidden.slice(0, 6).map((row) => row.id))}, User: ${this.uid}`,
      );
    }
    throw raise.accessError(
      'Uh-oh! Looks like you have stumbled upon some top-secret records.\n\n' +
        `Sorry, ${String(this.user?.name ?? '')} (id=${this.uid}) doesn't have '${operation}' access to:\n` +
        `- ${model.description} (${model.name})\n\n` +
        'If you really, really need access, perhaps you can win over your friendly administrator with a ' +
        'batch of freshly baked cookies.',
    );
  }

  private buildFilter(model: string, operation: Operation): RowFilter | undefined {
    if (this.superuser) return undefined;
    if (model === 'mail.message') return this.messageFilter(operation);
    if (model === 'mail.activity') return this.activityFilter(operation);
    // Group rules of the user's groups combine with OR; without any, nothing restricts the rows
    // (the global rules Odoo has on these models are multi-company ones, not modelled).
    const rules = RECORD_RULES.filter(
      (rule) =>
        rule.model === model &&
        rule.operations.includes(operation) &&
        rule.groups.some((group) => this.inGroup(group)),
    );
    if (rules.length === 0) return undefined;
    const user = this.ruleUser();
    return (row) => rules.some((rule) => rule.allows(row, user, this.database));
  }

  /** mail.message: your own messages, those you are a recipient of, and those of documents you can see. */
  private messageFilter(operation: Operation): RowFilter {
    const { partnerId } = this.ruleUser();
    const documentOperation = operation === 'read' ? 'read' : 'write';
    const employee = this.internal;
    return (row) => {
      if (!employee && !this.sharedWithCustomers(row)) return false;
      if (partnerId !== false && row.author_id === partnerId) return true;
      if (operation === 'read' && partnerId !== false && Array.isArray(row.partner_ids)) {
        if (row.partner_ids.includes(partnerId)) return true;
      }
      return this.documentAllowed(row.model, row.res_id, documentOperation);
    };
  }

  /** Portal users see only messages meant for customers: not internal, with a public subtype. */
  private sharedWithCustomers(message: Row): boolean {
    if (message.is_internal === true || typeof message.subtype_id !== 'number') return false;
    return this.database.get('mail.message.subtype', message.subtype_id)?.internal !== true;
  }

  /** mail.activity: read with the document; change your own, or with write access to the document. */
  private activityFilter(operation: Operation): RowFilter {
    return (row) => {
      if (operation === 'read') return this.documentAllowed(row.res_model, row.res_id, 'read');
      if (row.user_id === this.uid || row.create_uid === this.uid) return true;
      return this.documentAllowed(row.res_model, row.res_id, 'write');
    };
  }

  private documentAllowed(modelName: unknown, resId: unknown, operation: Operation): boolean {
    if (typeof modelName !== 'string' || typeof resId !== 'number') return false;
    const model = this.database.model(modelName);
    const document = model ? this.database.get(modelName, resId) : undefined;
    if (!model || !document || !this.hasModelAccess(modelName, operation)) return false;
    const allows = this.recordFilter(model, operation);
    return !allows || allows(document);
  }

  private ruleUser(): RuleUser {
    const partner = this.user?.partner_id;
    return { id: this.uid, partnerId: typeof partner === 'number' ? partner : false };
  }
}

/** Odoo's `group_names_with_access`: `Category/Name`, sorted by category, then name. */
function groupsWithAccess(database: OdooDatabase, model: string, operation: Operation): string[] {
  const letter = operation === 'unlink' ? 'u' : operation[0]!;
  const groups = MODEL_ACCESS.filter((line) => line.model === model && line.perms.includes(letter))
    .flatMap((line) => {
      const id = line.group === null ? undefined : groupIdOf(database, line.group);
      const group = id === undefined ? undefined : database.get('res.groups', id);
      return group ? [{ category: String(group.category ?? ''), name: String(group.name) }] : [];
    })
    .sort((a, b) => a.category.localeCompare(b.category) || a.name.localeCompare(b.name));
  return [
    ...new Set(groups.map((group) => (group.category ? `${group.category}/${group.name}` : group.name))),
  ];
}

function modelAccessMessage(database: OdooDatabase, model: ModelDef, operation: Operation): string {
  const groups = groupsWithAccess(database, model.name, operation);
  const groupInfo =
    groups.length > 0
      ? `This operation is allowed for the following groups:\n${groups.map((name) => `\t- ${name}`).join('\n')}`
      : 'No group currently allows this operation.';
  return (
    `${OPERATION_HEADS[operation]} '${model.description}' (${model.name}) records.\n\n${groupInfo}\n\n` +
    'Contact your administrator to request access if necessary.'
  );
}
