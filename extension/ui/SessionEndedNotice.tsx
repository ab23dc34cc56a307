import { t } from '../lib/i18n';
import { useStorageItem } from '../lib/use-storage';

/**
 * Why the worker signed the agent out (an ended session, or Odoo no longer allowing them as an
 * agent: archived, portal user, out of the group), in the worker's words, so that "signed out"
 * is never a mystery. Shown signed out in the popup and options until the next sign-in.
 */
export function SessionEndedNotice() {
  const notice = useStorageItem('local', 'sessionEnded');
  if (!notice.loaded || !notice.value) return null;
  return (
    <p role="alert" className="session-ended">
      {t('sessionEndedByServer', notice.value.reason)}
    </p>
  );
}
