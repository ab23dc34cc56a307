/**
 * Who may be an agent (issue 12): an active, internal Odoo user (not a portal or public "share"
 * user) in the group `AGENT_GROUP` (an xml id; default Sales / User: Own Documents Only, which
 * every salesperson and sales manager has through implied groups). Asked as the worker's service
 * account, so the answer does not need the agent's own credentials: at sign-in, and again while
 * the agent keeps getting tokens (agents/standing.ts).
 */
import type { Env } from '../env';
import { OdooResponseError } from './client';
import type { OdooCall } from './service-account';

export const DEFAULT_AGENT_GROUP = 'sales_team.group_sale_salesman';

/** An xml id: `module.name`, letters, digits and underscores. */
export const XML_ID = /^[A-Za-z0-9_]+\.[A-Za-z0-9_]+$/;

/** `ok`, or why the user may not be an agent. */
export type Standing = 'ok' | 'archived' | 'not_internal' | 'not_in_group';

/** The group setting, or the default when it is unset. An invalid one is reported by /health. */
export function agentGroup(env: Env): string {
  return env.AGENT_GROUP?.trim() || DEFAULT_AGENT_GROUP;
}

export async function readStanding(odoo: OdooCall, uid: number, group: string): Promise<Standing> {
  const users = await odoo('res.users', 'read', [[uid]], {
    fields: ['active', 'share'],
    context: { active_test: false },
  });
  if (!Array.isArray(users))
    throw new OdooResponseError('Odoo answered the user read with something unexpected.');
  const [user] = users as { id?: unknown; active?: unknown; share?: unknown }[];
  // A user deleted since is as gone as an archived one.
  if (!user || user.id !== uid || user.active !== true) return 'archived';
  if (user.share !== false) return 'not_internal';
  const member = await odoo('res.users', 'has_group', [[uid], group]);
  if (typeof member !== 'boolean') {
    throw new OdooResponseError('Odoo answered has_group with something that is not a boolean.');
  }
  return member ? 'ok' : 'not_in_group';
}

/** `ilike` patterns treat `%`, `_` and `\` as special: these match themselves. */
const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (character) => `\\${character}`);

/**
 * Whether an active user with this login exists (case aside, as people type it). Sign-in asks
 * before it hands a password to Odoo: a login that cannot exist never feeds Odoo's per-address
 * count of failed logins, whose cooldown would stop the service account too.
 */
export async function loginExists(odoo: OdooCall, login: string): Promise<boolean> {
  const found = await odoo('res.users', 'search', [[['login', '=ilike', escapeLike(login)]]], { limit: 1 });
  if (!Array.isArray(found))
    throw new OdooResponseError('Odoo answered the user search with something unexpected.');
  return found.length > 0;
}

/** What an agent refused sign-in or a token reads, by reason. */
export function standingMessage(standing: Exclude<Standing, 'ok'>, group: string): string {
  switch (standing) {
    case 'archived':
      return 'This Odoo user is archived: click-to-call is only for active users.';
    case 'not_internal':
      return 'Portal and public Odoo users cannot use click-to-call: it is for internal users.';
    case 'not_in_group':
      return `This Odoo user is not in the group ${group} that click-to-call is for: ask your Odoo admin.`;
  }
}
