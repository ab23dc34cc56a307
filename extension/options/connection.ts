import type { EffectiveSettings } from '../../shared/settings';
import { t } from '../lib/i18n';
import { sendToBackground } from '../lib/messaging';
import { requestOdooOrigin } from '../lib/odoo-origins';
import { validateSettingsPatch } from '../lib/settings';

/** The connection fields as typed, before they are saved. */
export interface ConnectionDraft {
  workerUrl: string;
  odooUrl: string;
}

/**
 * Saves the connection fields that changed (and are not locked by policy). Resolves with a
 * message for the agent when something is wrong, null when saved (or nothing to save).
 * Call it straight from the Save / Sign in click: a new Odoo URL asks Chrome for access to that
 * origin (so the call buttons run there), and Chrome only shows that prompt during a user
 * gesture, so the request starts before anything here awaits.
 */
export async function saveConnection(
  draft: ConnectionDraft,
  settings: EffectiveSettings,
): Promise<string | null> {
  const odooUrlChanged =
    !settings.locked.includes('odooUrl') && draft.odooUrl.trim() !== '' && draft.odooUrl !== settings.odooUrl;
  const originAccess = odooUrlChanged ? requestOdooOrigin(draft.odooUrl) : null;
  const saveProblem = await saveChangedFields(draft, settings);
  if (saveProblem) return saveProblem;
  const access = await originAccess;
  return access && !access.ok ? access.reason : null;
}

async function saveChangedFields(
  draft: ConnectionDraft,
  settings: EffectiveSettings,
): Promise<string | null> {
  const patch: Partial<ConnectionDraft> = {};
  if (!settings.locked.includes('workerUrl') && draft.workerUrl !== settings.workerUrl)
    patch.workerUrl = draft.workerUrl;
  if (!settings.locked.includes('odooUrl') && draft.odooUrl !== settings.odooUrl)
    patch.odooUrl = draft.odooUrl;
  if (Object.keys(patch).length === 0) return null;
  const checked = validateSettingsPatch(patch, settings.locked);
  if (!checked.ok) {
    return checked.problems
      .map(
        (problem) =>
          `${problem.field === 'workerUrl' ? t('workerUrl') : t('odooUrl')}: ${t(problem.message)}`,
      )
      .join(' ');
  }
  const saved = await sendToBackground('saveSettings', { patch: checked.patch });
  return saved.ok ? null : saved.error.message;
}
