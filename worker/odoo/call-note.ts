/**
 * What the worker writes in Odoo's chatter about a call: the call note, follow-ups (a wrap-up
 * or a recording that came after the note) and the feedback of a "Call" activity marked done.
 * HTML built here, every value escaped, sent with `body_is_html`.
 *
 * Every message ends with a marker, `c2c:<CallSid>:<kind>`, in plain visible text: Odoo's HTML
 * sanitizer drops unknown attributes such as `data-call-sid`, but keeps text. When an attempt
 * died after Odoo accepted a message and before the worker wrote its id down, the next attempt
 * finds the message by its marker and adopts it instead of posting it twice.
 */
import type { CallDirection, CallOutcome, Disposition } from '../../shared/api';
import type { Language } from '../language';
import { NOTE_TEXT } from './note-i18n';
import type { CallRecordModel } from './records';

/** `note`, `activity`, `wrap-up:<seq>`, `rec:<RecordingSid>`. */
export type MessageKind = 'note' | 'activity' | `wrap-up:${number}` | `rec:${string}`;

/** Markers also go where no message is: `follow-up`, in the note of the call back's activity. */
export function markerOf(callSid: string, kind: MessageKind | 'follow-up'): string {
  return `c2c:${callSid}:${kind}`;
}

/** The markers in a message body (several if someone quoted another). */
export function markersIn(body: string): string[] {
  return body.match(/c2c:CA[0-9a-f]{32}:[\w:-]+/g) ?? [];
}

export interface WrapUpFacts {
  disposition: Disposition;
  note: string;
}

export interface RecordingFacts {
  url: string;
  durationSeconds: number | null;
  voicemail: boolean;
}

export interface CallFacts {
  callSid: string;
  direction: CallDirection;
  /** The other party's number. */
  number: string;
  agentName: string | null;
  startedAt: number;
  /** Odoo time zone of the reader (the agent), e.g. `Europe/Paris`; null: UTC, said so. */
  timeZone: string | null;
  durationSeconds: number;
  outcome: CallOutcome | 'missed';
  /** Set when the record was found by number rather than clicked. */
  match: { number: string; count: number; model: CallRecordModel } | null;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]!);
}

/** Text typed by a person: escaped, line breaks kept (Odoo would collapse them). */
const multiline = (text: string): string => escapeHtml(text).replace(/\r?\n/g, '<br>');

/** `2026-01-06 10:30 (Europe/Paris)`, or `2026-01-06 09:30 UTC` without a (valid) zone. */
export function formatStart(at: number, timeZone: string | null): string {
  const format = (zone: string) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', {
        timeZone: zone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      })
        .formatToParts(at)
        .map((part) => [part.type, part.value]),
    );
    return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
  };
  if (timeZone && timeZone !== 'UTC') {
    try {
      return `${format(timeZone)} (${timeZone})`;
    } catch {
      // An unknown zone name: fall back to UTC, which the text says.
    }
  }
  return `${format('UTC')} UTC`;
}

/** `45 s`, `2 min 05 s`. */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/** Only web links become links: a recording URL comes from outside. */
function link(url: string, text: string): string {
  return /^https:\/\//i.test(url) ? `<a href="${escapeHtml(url)}">${escapeHtml(text)}</a>` : escapeHtml(url);
}

function recordingLine(recording: RecordingFacts, language: Language): string {
  const t = NOTE_TEXT[language];
  const duration =
    recording.durationSeconds === null ? '' : ` (${formatDuration(recording.durationSeconds)})`;
  return `<li>${recording.voicemail ? t.voicemail : t.recording}: ${link(recording.url, `${t.listen}${duration}`)}</li>`;
}

function wrapUpLines(wrapUp: WrapUpFacts, language: Language): string {
  const t = NOTE_TEXT[language];
  const note = wrapUp.note.trim() ? `<li>${t.note}: ${multiline(wrapUp.note.trim())}</li>` : '';
  return `<li>${t.dispositionLabel}: ${escapeHtml(t.disposition[wrapUp.disposition])}</li>${note}`;
}

const footer = (marker: string) => `<p><small>Ref. ${marker}</small></p>`;

export function callNoteHtml(
  call: CallFacts,
  wrapUp: WrapUpFacts | null,
  recordings: readonly RecordingFacts[],
  language: Language,
): string {
  const t = NOTE_TEXT[language];
  const lines = [
    `<li>${t.number}: ${escapeHtml(call.number)}</li>`,
    call.agentName ? `<li>${t.agent}: ${escapeHtml(call.agentName)}</li>` : '',
    `<li>${t.started}: ${escapeHtml(formatStart(call.startedAt, call.timeZone))}</li>`,
    `<li>${t.duration}: ${formatDuration(call.durationSeconds)}</li>`,
    `<li>${t.outcomeLabel}: ${t.outcome[call.outcome]}</li>`,
    wrapUp ? wrapUpLines(wrapUp, language) : '',
    ...recordings.map((recording) => recordingLine(recording, language)),
  ];
  const match = call.match
    ? `<p><i>${escapeHtml(t.matched(call.match.number, call.match.count, call.match.model))}</i></p>`
    : '';
  return `<p><b>${t.direction[call.direction]}</b></p><ul>${lines.join('')}</ul>${match}${footer(markerOf(call.callSid, 'note'))}`;
}

export function wrapUpFollowUpHtml(
  callSid: string,
  seq: number,
  wrapUp: WrapUpFacts,
  language: Language,
): string {
  return `<p><b>${NOTE_TEXT[language].wrapUpFollowUp}</b></p><ul>${wrapUpLines(wrapUp, language)}</ul>${footer(markerOf(callSid, `wrap-up:${seq}`))}`;
}

export function recordingFollowUpHtml(
  callSid: string,
  recordingSid: string,
  recording: RecordingFacts,
  language: Language,
): string {
  const t = NOTE_TEXT[language];
  const title = recording.voicemail ? t.voicemailFollowUp : t.recordingFollowUp;
  return `<p><b>${title}</b></p><ul>${recordingLine(recording, language)}</ul>${footer(markerOf(callSid, `rec:${recordingSid}`))}`;
}

/** Plain text for `action_feedback` (Odoo escapes it and keeps its lines). */
export function activityFeedback(call: CallFacts, wrapUp: WrapUpFacts | null, language: Language): string {
  const t = NOTE_TEXT[language];
  const lines = [
    `${t.direction[call.direction]} · ${t.outcome[call.outcome]} · ${formatDuration(call.durationSeconds)}`,
  ];
  if (wrapUp) {
    lines.push(`${t.dispositionLabel}: ${t.disposition[wrapUp.disposition]}`);
    if (wrapUp.note.trim()) lines.push(wrapUp.note.trim());
  }
  lines.push(`Ref. ${markerOf(call.callSid, 'activity')}`);
  return lines.join('\n');
}

/** The call back's activity: what the agent wrote for it, then its marker. */
export function followUpActivityNote(callSid: string, note: string | null): string {
  const text = note?.trim() ? `<p>${multiline(note.trim())}</p>` : '';
  return `${text}${footer(markerOf(callSid, 'follow-up'))}`;
}
