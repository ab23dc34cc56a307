/**
 * What the worker says to people on the phone, in English and French. An agent hears their Odoo
 * language; a caller, whose language is unknown, hears both.
 */
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
  nobody_available: {
    en: 'Nobody is available to take your call right now. Please call again later.',
    fr: "Personne n'est disponible pour prendre votre appel. Merci de rappeler plus tard.",
  },
} as const satisfies Record<string, Record<Language, string>>;

type Language = 'en' | 'fr';
export type SpokenMessage = keyof typeof MESSAGES;

const SAY_LANGUAGE: Record<Language, SayLanguage> = { en: 'en-US', fr: 'fr-FR' };

/** French for Odoo's `fr_*` languages, English for everything else. */
export function languageOf(odooLang: string | null | undefined): Language {
  return odooLang?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export function spoken(message: SpokenMessage, language: Language): Say {
  return say(MESSAGES[message][language], { language: SAY_LANGUAGE[language] });
}

/** For a caller whose language is not known. */
export function spokenInEveryLanguage(message: SpokenMessage): Say[] {
  return [spoken(message, 'en'), spoken(message, 'fr')];
}
