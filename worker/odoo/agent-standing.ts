/**
 * Who may be an agent (issue 12): an active, internal Odoo user (not a portal or public "share"
 * user) in the group `AGENT_GROUP` (an xml id; default Sales / User: Own Documents Only, which
 * every salesperson and sales manager has through implied groups). Asked *as the agent*, with
 * the credential they signed in with (at sign-in, then kept sealed with their session:
 * odoo/agent-account.ts): Odoo answers `has_group` about the caller on every version, and an
 * archived user, or one whose password or key changed, is refused by Odoo itself, as its own
 * web sessions are.
 */
import type { Env } from '../env';
import { AgentCredentialRefused } from './agent-account';
import { OdooResponseError } from './client';
import type { OdooCall } from './service-account';

export const DEFAULT_AGENT_GROUP = 'sales_team.group_sale_salesman';

/** An xml id: `module.name`, letters, digits and underscores. */
export const XML_ID = /^[A-Za-z0-9_]+\.[A-Za-z0-9_]+$/;

/**
 * `ok`, or why the user may not be an agent: `refused` (Odoo no longer takes their credential:
 * archived, or the password or API key changed), `not_internal` (a portal or public user),
 * `not_in_group`.
 */
export type Standing = 'ok' | 'refused' | 'not_internal' | 'not_in_group';

/** The group setting, or the default when it is unset. An invalid one is reported by /health. */
export function agentGroup(env: Env): string {
  return env.AGENT_GROUP?.trim() || DEFAULT_AGENT_GROUP;
}

const isException = (error: unknown, name: string): boolean =>
  error instanceof OdooResponseError && error.exception === name;

/**
 * `res.users.has_group` about the agent. Odoo 16 and 17.2+ take the user record (`[[uid], xml
 * id]`); 17.0 made it a model method about the caller, where those arguments are a TypeError:
 * asked again its way. Asked as the agent, both mean the same user.
 */
async function hasGroup(asAgent: OdooCall, uid: number, group: string): Promise<boolean> {
  let member: unknown;
  try {
    member = await asAgent('res.users', 'has_group', [[uid], group]);
  } catch (error) {
    if (!isException(error, 'builtins.TypeError')) throw error;
    member = await asAgent('res.users', 'has_group', [group]);
  }
  if (typeof member !== 'boolean') {
    throw new OdooResponseError('Odoo answered has_group with something that is not a boolean.');
  }
  return member;
}

/** The agent's standing, asked with their own credential (`asAgent`: execute_kw as them). */
export async function readStanding(asAgent: OdooCall, uid: number, group: string): Promise<Standing> {
  try {
    // `share` is one of the fields every user may read on their own record.
    const users = await asAgent('res.users', 'read', [[uid]], { fields: ['share'] });
    if (!Array.isArray(users)) {
      throw new OdooResponseError('Odoo answered the user read with something unexpected.');
    }
    const [user] = users as { id?: unknown; share?: unknown }[];
    if (!user || user.id !== uid) return 'refused';
    if (user.share !== false) return 'not_internal';
    return (await hasGroup(asAgent, uid, group)) ? 'ok' : 'not_in_group';
  } catch (error) {
    if (error instanceof AgentCredentialRefused) return 'refused';
    // A user who may not even read their own user record is no internal user.
    if (isException(error, 'odoo.exceptions.AccessError')) return 'not_internal';
    throw error;
  }
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
    case 'refused':
      return 'Odoo no longer accepts this user’s password or API key (archived, or changed): sign in again.';
    case 'not_internal':
      return 'Portal and public Odoo users cannot use click-to-call: it is for internal users.';
    case 'not_in_group':
      return `This Odoo user is not in the group ${group} that click-to-call is for: ask your Odoo admin.`;
  }
}
