/** The words of call notes in Odoo, in English and French (the agent's Odoo language). */
import type { CallDirection, CallOutcome, Disposition } from '../../shared/api';
import type { Language } from '../language';
import type { CallRecordModel } from './records';

export interface NoteText {
  direction: Record<CallDirection, string>;
  /** Inbound calls nobody answered are "missed" rather than "no answer". */
  outcome: Record<CallOutcome | 'missed', string>;
  disposition: Record<Disposition, string>;
  number: string;
  agent: string;
  started: string;
  duration: string;
  outcomeLabel: string;
  dispositionLabel: string;
  note: string;
  recording: string;
  voicemail: string;
  listen: string;
  /** Why this record: found by number, and how many records had the number. */
  matched(number: string, count: number, model: CallRecordModel): string;
  wrapUpFollowUp: string;
  recordingFollowUp: string;
  voicemailFollowUp: string;
  /** Summary of the "Call" activity a wrap-up's call back schedules. */
  callBack: string;
}

export const NOTE_TEXT: Record<Language, NoteText> = {
  en: {
    direction: { outbound: 'Outbound call', inbound: 'Inbound call' },
    outcome: {
      answered: 'Answered',
      no_answer: 'No answer',
      missed: 'Missed',
      busy: 'Busy',
      failed: 'Failed',
      canceled: 'Canceled',
      voicemail: 'Voicemail left',
    },
    disposition: {
      interested: 'Interested',
      not_interested: 'Not interested',
      callback_requested: 'Call back requested',
      meeting_booked: 'Meeting booked',
      left_voicemail: 'Left a voicemail',
      no_answer: 'No answer',
      busy: 'Busy',
      failed: 'Call failed',
      wrong_number: 'Wrong number',
      other: 'Other',
    },
    number: 'Number',
    agent: 'Agent',
    started: 'Started',
    duration: 'Duration',
    // The popup's words: the agent's pick is the Outcome; how the call ended is its status.
    outcomeLabel: 'Call status',
    dispositionLabel: 'Outcome',
    note: 'Note',
    recording: 'Recording',
    voicemail: 'Voicemail',
    listen: 'Listen',
    matched: (number, count, model) => {
      const records = model === 'crm.lead' ? 'open leads' : 'contacts';
      return count > 1
        ? `Found by the number ${number}: ${count} ${records} have it; this is the most recently updated.`
        : `Found by the number ${number}.`;
    },
    wrapUpFollowUp: 'Call wrap-up (added after the call note)',
    recordingFollowUp: 'Call recording',
    voicemailFollowUp: 'Voicemail',
    callBack: 'Call back',
  },
  fr: {
    direction: { outbound: 'Appel sortant', inbound: 'Appel entrant' },
    outcome: {
      answered: 'Répondu',
      no_answer: 'Pas de réponse',
      missed: 'Manqué',
      busy: 'Occupé',
      failed: 'Échec',
      canceled: 'Annulé',
      voicemail: 'Message vocal laissé',
    },
    disposition: {
      interested: 'Intéressé',
      not_interested: 'Pas intéressé',
      callback_requested: 'Rappel demandé',
      meeting_booked: 'Rendez-vous pris',
      left_voicemail: 'Message vocal laissé',
      no_answer: 'Pas de réponse',
      busy: 'Occupé',
      failed: "Échec de l'appel",
      wrong_number: 'Mauvais numéro',
      other: 'Autre',
    },
    number: 'Numéro',
    agent: 'Commercial',
    started: 'Début',
    duration: 'Durée',
    outcomeLabel: "État de l'appel",
    dispositionLabel: 'Résultat',
    note: 'Note',
    recording: 'Enregistrement',
    voicemail: 'Message vocal',
    listen: 'Écouter',
    matched: (number, count, model) => {
      const [records, latest] =
        model === 'crm.lead'
          ? ['pistes ouvertes', 'la plus récemment modifiée']
          : ['contacts', 'le plus récemment modifié'];
      return count > 1
        ? `Trouvé par le numéro ${number} : ${count} ${records} l'ont ; voici ${latest}.`
        : `Trouvé par le numéro ${number}.`;
    },
    wrapUpFollowUp: "Compte rendu d'appel (ajouté après la note d'appel)",
    recordingFollowUp: "Enregistrement de l'appel",
    voicemailFollowUp: 'Message vocal',
    callBack: 'Rappeler',
  },
};
