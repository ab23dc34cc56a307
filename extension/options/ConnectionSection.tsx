import { useId } from 'react';
import type { EffectiveSettings, PolicyKey } from '../../shared/settings';
import { t } from '../lib/i18n';
import type { ConnectionDraft } from './connection';
import { PolicyNote } from './PolicyNote';

/** **Worker URL** and **Odoo URL**: saved with **Sign in** or **Save settings**. */
export function ConnectionSection({
  settings,
  draft,
  onChange,
}: {
  settings: EffectiveSettings;
  draft: ConnectionDraft;
  onChange: (draft: ConnectionDraft) => void;
}) {
  const titleId = useId();
  return (
    <section className="card stack" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('connectionTitle')}</h2>
      <UrlField
        label={t('workerUrl')}
        hint={t('workerUrlHint')}
        value={draft.workerUrl}
        locked={settings.locked}
        policyKey="workerUrl"
        onChange={(workerUrl) => onChange({ ...draft, workerUrl })}
      />
      <UrlField
        label={t('odooUrl')}
        hint={t('odooUrlHint')}
        value={draft.odooUrl}
        locked={settings.locked}
        policyKey="odooUrl"
        onChange={(odooUrl) => onChange({ ...draft, odooUrl })}
      />
    </section>
  );
}

function UrlField(props: {
  label: string;
  hint: string;
  value: string;
  locked: readonly PolicyKey[];
  policyKey: PolicyKey;
  onChange: (value: string) => void;
}) {
  const id = useId();
  const isLocked = props.locked.includes(props.policyKey);
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="url"
        value={props.value}
        readOnly={isLocked}
        aria-describedby={`${id}-hint`}
        onChange={(event) => props.onChange(event.target.value)}
      />
      {isLocked ? (
        <PolicyNote id={`${id}-hint`} />
      ) : (
        <p id={`${id}-hint`} className="hint">
          {props.hint}
        </p>
      )}
    </div>
  );
}
