/**
 * Group membership as Odoo computes it: a user is in the groups given to them and in every group
 * those imply, transitively (`implied_ids`). Odoo 17 stores that closure in `res.users.groups_id`
 * (res_groups_users_rel); Odoo 18.2+ keeps only the given groups in `group_ids` and computes the
 * closure as `all_group_ids`. Everything here reads the tables, so it follows what is stored.
 */
import type { FieldValue, RecordSource, Row } from './types';

const ids = (value: FieldValue | undefined): number[] => (Array.isArray(value) ? value : []);

/** `res.groups` id of an xml id (`sales_team.group_sale_salesman`), if there is such a group. */
export function groupIdOf(source: RecordSource, xmlid: string): number | undefined {
  const dot = xmlid.indexOf('.');
  if (dot <= 0) return undefined;
  const module = xmlid.slice(0, dot);
  const name = xmlid.slice(dot + 1);
  const entry = source
    .all('ir.model.data')
    .find((row) => row.model === 'res.groups' && row.module === module && row.name === name);
  return typeof entry?.res_id === 'number' ? entry.res_id : undefined;
}

/** The groups `groupIds` imply, themselves included (`trans_implied_ids` plus the groups). */
export function withImpliedGroups(source: RecordSource, groupIds: readonly number[]): number[] {
  const closure = new Set<number>();
  const pending = [...groupIds];
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (closure.has(id)) continue;
    closure.add(id);
    pending.push(...ids(source.get('res.groups', id)?.implied_ids));
  }
  return [...closure];
}

/** Every group the user is in, implied ones included, whichever version stored them. */
export function userGroupIds(source: RecordSource, user: Row): number[] {
  // 17.0 stores the closure in groups_id; 18.3 stores the given groups in group_ids.
  if (Array.isArray(user.groups_id)) return user.groups_id;
  return withImpliedGroups(source, ids(user.group_ids));
}

export function userInGroup(source: RecordSource, uid: number, xmlid: string): boolean {
  const user = source.get('res.users', uid);
  const groupId = groupIdOf(source, xmlid);
  return user !== undefined && groupId !== undefined && userGroupIds(source, user).includes(groupId);
}

/** `share`: a user who is not an Internal User (portal, public). */
export function isShareUser(source: RecordSource, user: Row): boolean {
  const internal = groupIdOf(source, 'base.group_user');
  return internal === undefined || !userGroupIds(source, user).includes(internal);
}

/** Group ids sorted like Odoo lists a many2many to `res.groups` (its `_order`: name). */
export function sortedByGroupName(source: RecordSource, groupIds: readonly number[]): number[] {
  const name = (id: number) => String(source.get('res.groups', id)?.name ?? '');
  return [...groupIds].sort((a, b) => name(a).localeCompare(name(b)) || a - b);
}
