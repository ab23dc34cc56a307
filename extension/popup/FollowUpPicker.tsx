import { useId } from 'react';
import type { Disposition, FollowUpRequest } from '../../shared/api';
import { addDays, MAX_FOLLOW_UP_DAYS } from '../../shared/follow-up-dates';
import { addWorkingDays, localDate } from '../lib/follow-up-dates';
import { t } from '../lib/i18n';
import type { FollowUpDraft } from '../lib/storage';

/**
 * The next step of a wrap-up (issue 13, item 6): **Schedule a call back** and the day, which the
 * worker turns into a "Call" activity for the agent on the call's Odoo record. Until the agent
 * touches it, it follows the outcome: a call back asked for is due the next working day, a
 * number nobody answered is tried again two working days later, other outcomes schedule nothing.
 */

const WORKING_DAYS_BY_OUTCOME: Partial<Record<Disposition, number>> = {
  callback_requested: 1,
  no_answer: 2,
  left_voicemail: 2,
};

/** What the picker shows for this outcome before the agent changes it. */
export function defaultFollowUp(disposition: Disposition | '', today: string): FollowUpDraft {
  const days = disposition === '' ? undefined : WORKING_DAYS_BY_OUTCOME[disposition];
  return { enabled: days !== undefined, date: addWorkingDays(today, days ?? 1) };
}

/**
 * The call back to save with the wrap-up: none, one, or `invalid` (a day before today, more than
 * a year ahead, or empty) for the form to refuse with a message.
 */
export function followUpToSave(
  disposition: Disposition | '',
  draft: FollowUpDraft | undefined,
  now = Date.now(),
): FollowUpRequest | undefined | 'invalid' {
  const today = localDate(now);
  const { enabled, date } = draft ?? defaultFollowUp(disposition, today);
  if (!enabled) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || date < today || date > addDays(today, MAX_FOLLOW_UP_DAYS)) {
    return 'invalid';
  }
  return { date };
}

export function FollowUpPicker({
  disposition,
  value,
  onChange,
}: {
  disposition: Disposition | '';
  value: FollowUpDraft | undefined;
  onChange: (value: FollowUpDraft) => void;
}) {
  const checkId = useId();
  const dateId = useId();
  const today = localDate(Date.now());
  const shown = value ?? defaultFollowUp(disposition, today);
  return (
    <>
      <label className="checkbox" htmlFor={checkId}>
        <input
          id={checkId}
          type="checkbox"
          checked={shown.enabled}
          onChange={(event) => onChange({ ...shown, enabled: event.target.checked })}
        />
        {t('followUpSchedule')}
      </label>
      {shown.enabled && (
        <>
          <label htmlFor={dateId}>{t('followUpDate')}</label>
          <input
            id={dateId}
            type="date"
            min={today}
            max={addDays(today, MAX_FOLLOW_UP_DAYS)}
            value={shown.date}
            onChange={(event) => onChange({ ...shown, date: event.target.value })}
          />
        </>
      )}
    </>
  );
}
