import { t } from '../lib/i18n';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

/** DTMF keys for menus and extensions at the far end. */
export function Keypad({ onDigit }: { onDigit: (digit: string) => void }) {
  return (
    <fieldset className="keypad">
      <legend className="visually-hidden">{t('keypad')}</legend>
      {KEYS.map((key) => (
        <button key={key} type="button" onClick={() => onDigit(key)}>
          {key}
        </button>
      ))}
    </fieldset>
  );
}
