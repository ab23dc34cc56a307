import { createMiddleware } from 'hono/factory';
import { type Env, readSettings, type SettingName, type Settings } from '../env';

/**
 * Answers 503 `not_configured`, naming every missing setting (never a value), before a route
 * does anything; the route then reads its settings, typed as present, from `c.var.settings`.
 */
export function requireSettings<N extends SettingName>(...names: N[]) {
  return createMiddleware<{ Bindings: Env; Variables: { settings: Settings<N> } }>(
    async function requireSettings(c, next) {
      c.set('settings', readSettings(c.env, names));
      await next();
    },
  );
}
