import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { DISPOSITIONS, type Disposition } from '../../shared/api';
import {
  type CallParty,
  DISPOSITION_OF_UNANSWERED,
  type UnansweredOutcome,
  type WrapUp,
} from '../../shared/phone-state';
import { type MessageKey, t } from '../lib/i18n';
import { sendToBackground } from '../lib/messaging';
import { draftKey, type WrapUpDraft, writeItem } from '../lib/storage';
import { formatDuration } from '../lib/use-now';
import { useStorageItem } from '../lib/use-storage';
import { DISPOSITION_KEYS } from './dispositions';
import { FollowUpPicker, followUpToSave } from './FollowUpPicker';
import { PartyView } from './PartyView';

const UNANSWERED_KEYS: Record<UnansweredOutcome, MessageKey> = {
  busy: 'unansweredBusy',
  no_answer: 'unansweredNoAnswer',
  canceled: 'unansweredCanceled',
  failed: 'unansweredFailed',
};

/**
 * After a call: an outcome and a **Note**, then **Save**. Every keystroke goes to the call's
 * stored draft, so closing the popup halfway, or starting another call, loses nothing; **Save**
 * hands the wrap-up to the background's outbox, which delivers it even if the worker is down for
 * a while. An attempt nobody answered comes with its outcome filled in (issue 13, item 7), and
 * the form says which Odoo record the note goes to, or that it may go to none.
 */
export function WrapUpForm({ wrapUp }: { wrapUp: WrapUp }) {
  const stored = useStorageItem('local', draftKey(wrapUp.callSid));
  // The one draft an older version kept, should it be this call's.
  const legacy = useStorageItem('local', 'draft');
  const [draft, setDraft] = useState<WrapUpDraft | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [outcomeMissing, setOutcomeMissing] = useState(false);
  const outcomeId = useId();
  const noteId = useId();
  const problemId = useId();
  const outcomeRef = useRef<HTMLSelectElement>(null);
  const shown = draft?.callSid === wrapUp.callSid;

  // Start from the stored draft of this call, once it is read.
  useEffect(() => {
    if (draft?.callSid === wrapUp.callSid || !stored.loaded || !legacy.loaded) return;
    const kept = stored.value ?? (legacy.value?.callSid === wrapUp.callSid ? legacy.value : null);
    const filledIn = wrapUp.unanswered ? DISPOSITION_OF_UNANSWERED[wrapUp.unanswered] : '';
    setDraft(kept ?? { callSid: wrapUp.callSid, disposition: filledIn, note: '' });
  }, [stored, legacy, wrapUp.callSid, wrapUp.unanswered, draft]);

  // The agent's next step after a hang-up is the outcome: it has the focus once the form shows.
  useEffect(() => {
    if (shown) outcomeRef.current?.focus();
  }, [shown]);

  if (!draft || draft.callSid !== wrapUp.callSid) return null;

  function change(patch: Partial<WrapUpDraft>) {
    const next = { ...draft!, ...patch };
    setDraft(next);
    setProblem(null);
    setOutcomeMissing(false);
    void writeItem('local', draftKey(next.callSid), next);
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const disposition = draft!.disposition;
    if (disposition === '') {
      setProblem(t('errorPickOutcome'));
      setOutcomeMissing(true);
      outcomeRef.current?.focus();
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
      <NoteDestination party={wrapUp.party} />
      {wrapUp.unanswered && (
        <p className="wrap-up-unanswered">
          {t(UNANSWERED_KEYS[wrapUp.unanswered])} {t('unansweredHint')}
        </p>
      )}
      <label htmlFor={outcomeId}>{t('outcome')}</label>
      <select
        id={outcomeId}
        ref={outcomeRef}
        aria-invalid={outcomeMissing}
        aria-describedby={outcomeMissing ? problemId : undefined}
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
        <p id={problemId} role="alert" className="field-error">
          {problem}
        </p>
      )}
    </form>
  );
}

/**
 * Where the note goes: the record the call was placed from or matched. With none, the worker
 * still looks for an open lead, then a contact, with the number when it logs the call; if
 * neither has it, nothing is written to Odoo (docs/worker.md, "Which record"): a warning says so.
 */
function NoteDestination({ party }: { party: CallParty }) {
  const record = party.record;
  if (!record) {
    return (
      <p className="wrap-up-warning">
        <span aria-hidden="true">⚠ </span>
        {t('noteNoRecord')}
      </p>
    );
  }
  const name =
    record.name ??
    party.name ??
    (record.model === 'crm.lead'
      ? t('noteGoesToLead', String(record.id))
      : record.model === 'res.partner'
        ? t('noteGoesToContact', String(record.id))
        : t('noteGoesToRecord'));
  return <p className="wrap-up-destination">{t('noteGoesTo', name)}</p>;
}
