import { type FormEvent, useEffect, useId, useState } from 'react';
import { DISPOSITIONS, type Disposition } from '../../shared/api';
import type { WrapUp } from '../../shared/phone-state';
import { t } from '../lib/i18n';
import { sendToBackground } from '../lib/messaging';
import { type WrapUpDraft, writeItem } from '../lib/storage';
import { formatDuration } from '../lib/use-now';
import { useStorageItem } from '../lib/use-storage';
import { DISPOSITION_KEYS } from './dispositions';
import { FollowUpPicker, followUpToSave } from './FollowUpPicker';
import { PartyView } from './PartyView';

/**
 * After a call: an outcome and a **Note**, then **Save**. Every keystroke goes to the stored
 * draft, so closing the popup halfway loses nothing; **Save** hands the wrap-up to the
 * background's outbox, which delivers it even if the worker is down for a while.
 */
export function WrapUpForm({ wrapUp }: { wrapUp: WrapUp }) {
  const stored = useStorageItem('local', 'draft');
  const [draft, setDraft] = useState<WrapUpDraft | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const outcomeId = useId();
  const noteId = useId();

  // Start from the stored draft of this call, once it is read.
  useEffect(() => {
    if (draft?.callSid === wrapUp.callSid || !stored.loaded) return;
    const kept = stored.value?.callSid === wrapUp.callSid ? stored.value : null;
    setDraft(kept ?? { callSid: wrapUp.callSid, disposition: '', note: '' });
  }, [stored, wrapUp.callSid, draft]);

  if (!draft || draft.callSid !== wrapUp.callSid) return null;

  function change(patch: Partial<WrapUpDraft>) {
    const next = { ...draft!, ...patch };
    setDraft(next);
    setProblem(null);
    void writeItem('local', 'draft', next);
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const disposition = draft!.disposition;
    if (disposition === '') {
      setProblem(t('errorPickOutcome'));
      return;
    }
    const followUp = followUpToSave(disposition, draft!.followUp);
    if (followUp === 'invalid') return setProblem(t('errorFollowUpDate'));
    setSaving(true);
    const result = await sendToBackground('saveWrapUp', {
      callSid: wrapUp.callSid,
      disposition,
      note: draft!.note,
      ...(followUp ? { followUp } : {}),
    });
    setSaving(false);
    if (!result.ok) setProblem(result.error.message);
  }

  return (
    <form className="wrap-up" onSubmit={onSubmit} aria-label={t('wrapUpTitle')}>
      <p className="wrap-up-title">
        {t('wrapUpTitle')} · {formatDuration(wrapUp.durationSeconds)}
      </p>
      <PartyView party={wrapUp.party} />
      <label htmlFor={outcomeId}>{t('outcome')}</label>
      <select
        id={outcomeId}
        value={draft.disposition}
        onChange={(event) => change({ disposition: event.target.value as Disposition | '' })}
      >
        <option value="">{t('outcomePlaceholder')}</option>
        {DISPOSITIONS.map((disposition) => (
          <option key={disposition} value={disposition}>
            {t(DISPOSITION_KEYS[disposition])}
          </option>
        ))}
      </select>
      <label htmlFor={noteId}>{t('note')}</label>
      <textarea
        id={noteId}
        rows={3}
        value={draft.note}
        onChange={(event) => change({ note: event.target.value })}
      />
      <FollowUpPicker
        disposition={draft.disposition}
        value={draft.followUp}
        onChange={(followUp) => change({ followUp })}
      />
      <div className="call-controls">
        <button type="submit" className="primary" disabled={saving}>
          {t('save')}
        </button>
        <button
          type="button"
          onClick={() => void sendToBackground('dismissWrapUp', { callSid: wrapUp.callSid })}
        >
          {t('skip')}
        </button>
      </div>
      {problem && (
        <p role="alert" className="field-error">
          {problem}
        </p>
      )}
    </form>
  );
}
