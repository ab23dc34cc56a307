import { t } from '../lib/i18n';

/** Said next to a field an admin set by Chrome policy: it is shown, not editable. */
export function PolicyNote({ id }: { id: string }) {
  return (
    <p id={id} className="policy-note">
      {t('lockedByPolicy')}
    </p>
  );
}
