/**
 * `res.users.has_group`, which changed between the two versions the stand-in speaks:
 *
 * - Odoo 17.0: an `@api.model` method about the *calling* user:
 *   `execute_kw(..., 'res.users', 'has_group', ['sales_team.group_sale_salesman'])`. Ids put in
 *   `args` are taken as the xml id, so `[[uid], 'x']` fails with Python's TypeError; an xml id
 *   without a module fails its assertion; one that names no group answers false (17.0 looks it up
 *   with SQL in ir_model_data, not with `env.ref`, so nothing raises).
 * - Odoo 17.2+ (the 18.3 variant): a method on one user record:
 *   `execute_kw(..., 'res.users', 'has_group', [[uid], 'sales_team.group_sale_salesman'])`; a
 *   caller who is not an Internal User may only ask about themselves (AccessError); an unknown
 *   xml id answers false (`SetDefinitions.get_id` gives None).
 *
 * Neither looks at `active`: an archived user's groups still answer.
 */
import type { OdooDatabase } from './database';
import { raise } from './errors';
import { groupIdOf, userGroupIds } from './groups';
import type { MethodSpec } from './methods';
import { recordsetRepr } from './orm';
import { pythonRepr, pythonTypeName } from './python-args';
import type { OdooVersion, Row } from './types';

const isUsers = (model: { name: string }) => model.name === 'res.users';

/** `_has_group`: the user is in the group, given or implied (an unknown xml id: false). */
function inGroup(database: OdooDatabase, user: Row | undefined, xmlid: unknown): boolean {
  const groupId = typeof xmlid === 'string' ? groupIdOf(database, xmlid) : undefined;
  return user !== undefined && groupId !== undefined && userGroupIds(database, user).includes(groupId);
}

/**
 * 17.0's `_has_group` starts with `assert group_ext_id and '.' in group_ext_id, "External ID '%s'
 * must be fully qualified" % group_ext_id`, then `module, ext_id = group_ext_id.split('.')`.
 */
function fullyQualified(xmlid: unknown): string {
  if (xmlid === true || (typeof xmlid === 'number' && xmlid !== 0)) {
    throw raise.typeError(`argument of type '${pythonTypeName(xmlid)}' is not iterable`);
  }
  if (typeof xmlid === 'string' && xmlid.includes('.')) {
    if (xmlid.split('.').length > 2) throw raise.valueError('too many values to unpack (expected 2)');
    return xmlid;
  }
  if (Array.isArray(xmlid) && xmlid.includes('.')) {
    throw raise.attributeError("'list' object has no attribute 'split'");
  }
  const shown = typeof xmlid === 'string' ? xmlid : pythonRepr(xmlid);
  throw raise.assertionError(`External ID '${shown}' must be fully qualified`);
}

export const USER_METHODS: Record<OdooVersion, Record<string, MethodSpec>> = {
  '17.0': {
    has_group: {
      onRecords: false,
      appliesTo: isUsers,
      signature: { qualname: 'Users.has_group', params: [{ name: 'group_ext_id' }] },
      run({ uid, bound }, { database }) {
        // About the caller: 17.0 has no record to ask about.
        return inGroup(database, database.get('res.users', uid), fullyQualified(bound.values.group_ext_id));
      },
    },
  },
  '18.3': {
    has_group: {
      onRecords: true,
      appliesTo: isUsers,
      signature: { qualname: 'ResUsers.has_group', params: [{ name: 'group_ext_id' }] },
      run({ model, ids, uid, access, bound }, { orm, database }) {
        if (ids.length !== 1) throw raise.valueError(`Expected singleton: ${recordsetRepr(model.name, ids)}`);
        if (ids[0] !== uid && !access.internal) {
          // Keeps portal users from learning other users' groups.
          throw raise.accessError('You can ony call user.has_group() with your current user.');
        }
        const [user] = orm.require(model, ids, uid);
        return inGroup(database, user, bound.values.group_ext_id);
      },
    },
  },
};
