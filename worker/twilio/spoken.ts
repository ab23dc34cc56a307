/**
 * What the worker says to people on the phone, in English and French. An agent hears their Odoo
 * language; a caller hears the company's (`COMPANY_LANGUAGE`).
 */
import type { Language } from '../language';
import { type Say, type SayLanguage, say } from './twiml';

const MESSAGES = {
  invalid_number: {
    en: 'This phone number is not valid. Check it and try again.',
    fr: "Ce numéro de téléphone n'est pas valide. Vérifiez-le et réessayez.",
  },
  country_not_allowed: {
    en: 'Calls to this country are not allowed. The call was not placed.',
    fr: "Les appels vers ce pays ne sont pas autorisés. L'appel n'a pas été passé.",
  },
  unknown_agent: {
    en: 'You are not signed in to click to call. Sign in and try again.',
    fr: "Vous n'êtes pas connecté au click-to-call. Connectez-vous et réessayez.",
  },
  voicemail_greeting: {
    en: 'Nobody can take your call right now. Please leave a message after the tone: it will be recorded.',
    fr: 'Personne ne peut prendre votre appel pour le moment. Laissez un message après le bip : il sera enregistré.',
  },
  voicemail_thanks: {
    en: 'Thank you. Goodbye.',
    fr: 'Merci, au revoir.',
  },
} as const satisfies Record<string, Record<Language, string>>;

export type SpokenMessage = keyof typeof MESSAGES;

const SAY_LANGUAGE: Record<Language, SayLanguage> = { en: 'en-US', fr: 'fr-FR' };

export function spoken(message: SpokenMessage, language: Language): Say {
  return say(MESSAGES[message][language], { language: SAY_LANGUAGE[language] });
}
