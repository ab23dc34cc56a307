/** What the worker reads about an Odoo user (`res.users`) who signs in as an agent. */
import * as z from 'zod/mini';
import { type OdooAuth, type OdooClient, OdooResponseError } from './client';

export interface OdooUserProfile {
  name: string;
  login: string;
  /** The user's contact (`res.partner`): the author of the notes logged for their calls. */
  partnerId: number | null;
  /** Odoo language code, e.g. `fr_FR`: notes and spoken messages use it. */
  lang: string | null;
  /** Odoo time zone, e.g. `Europe/Paris`: times in the agent's call notes. */
  tz: string | null;
}

// Odoo writes `false` for an empty field and `[id, display_name]` for a many2one.
const userRecord = z.object({
  id: z.number(),
  name: z.string(),
  login: z.string(),
  partner_id: z.union([z.tuple([z.number(), z.string()]), z.literal(false)]),
  lang: z.union([z.string(), z.literal(false)]),
  tz: z.optional(z.union([z.string(), z.literal(false)])),
});

/** Reads the signed-in user's own record, with their own credentials (every user may read it). */
export async function readUserProfile(client: OdooClient, auth: OdooAuth): Promise<OdooUserProfile> {
  const result = await client.executeKw(auth, 'res.users', 'read', [[auth.uid]], {
    fields: ['name', 'login', 'partner_id', 'lang', 'tz'],
  });
  const parsed = z.tuple([userRecord]).safeParse(result);
  if (!parsed.success || parsed.data[0].id !== auth.uid) {
    throw new OdooResponseError('Odoo answered the user read with something unexpected.');
  }
  const [user] = parsed.data;
  return {
    name: user.name,
    login: user.login,
    partnerId: user.partner_id === false ? null : user.partner_id[0],
    lang: user.lang === false ? null : user.lang,
    tz: typeof user.tz === 'string' && user.tz !== '' ? user.tz : null,
  };
}
