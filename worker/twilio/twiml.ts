/**
 * A small typed TwiML builder: only the verbs and nouns the worker uses, each with the attributes
 * it may carry, and one place that escapes text for XML. The output is byte for byte what the
 * `twilio` package's `VoiceResponse` writes for the same input (the tests compare them), except
 * that characters XML 1.0 cannot carry at all (NUL and other controls, lone surrogates) are
 * dropped instead of throwing: a caller's input must never turn into a 500.
 */

interface TwimlNode<Name extends string> {
  readonly name: Name;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly (TwimlNode<string> | string)[];
}

export type Say = TwimlNode<'Say'>;
export type Hangup = TwimlNode<'Hangup'>;
export type Dial = TwimlNode<'Dial'>;
export type DialNumber = TwimlNode<'Number'>;
export type DialClient = TwimlNode<'Client'>;
export type RecordVerb = TwimlNode<'Record'>;

/** What may stand directly in `<Response>`. */
export type Verb = Say | Hangup | Dial | RecordVerb;

type AttributeValue = string | number | boolean | undefined;

/** Languages the worker speaks in; Twilio's `<Say language>` codes. */
export type SayLanguage = 'en-US' | 'fr-FR';

/** Call progress events a `<Number>` or `<Client>` reports to its status callback. */
export type StatusCallbackEvent = 'initiated' | 'ringing' | 'answered' | 'completed';

export interface StatusCallbackAttributes {
  statusCallback: string;
  statusCallbackEvent: readonly StatusCallbackEvent[];
  statusCallbackMethod?: 'POST' | 'GET';
}

export interface DialAttributes {
  callerId?: string;
  answerOnBridge?: boolean;
  /** Seconds to ring before giving up (Twilio's default: 30). */
  timeout?: number;
  /** Where Twilio asks what to do once the dial ends (with `DialCallStatus`). */
  action?: string;
  method?: 'POST' | 'GET';
}

/** `<Record>`: a voicemail. */
export interface RecordAttributes {
  action?: string;
  method?: 'POST' | 'GET';
  maxLength?: number;
  playBeep?: boolean;
  /** Seconds of silence that end the recording. */
  timeout?: number;
  recordingStatusCallback?: string;
  recordingStatusCallbackEvent?: string;
  recordingStatusCallbackMethod?: 'POST' | 'GET';
}

function node<Name extends string>(
  name: Name,
  attributes: Record<string, AttributeValue>,
  children: readonly (TwimlNode<string> | string)[] = [],
): TwimlNode<Name> {
  const defined: Record<string, string> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== undefined) defined[key] = String(value);
  }
  return { name, attributes: defined, children };
}

function statusCallback(attributes: StatusCallbackAttributes | undefined): Record<string, AttributeValue> {
  if (!attributes) return {};
  return {
    statusCallback: attributes.statusCallback,
    statusCallbackEvent: attributes.statusCallbackEvent.join(' '),
    statusCallbackMethod: attributes.statusCallbackMethod ?? 'POST',
  };
}

export function say(text: string, attributes: { language?: SayLanguage } = {}): Say {
  return node('Say', { ...attributes }, [text]);
}

export function hangup(): Hangup {
  return node('Hangup', {});
}

export function dial(attributes: DialAttributes, nouns: readonly (DialNumber | DialClient)[]): Dial {
  return node('Dial', { ...attributes }, nouns);
}

export function record(attributes: RecordAttributes): RecordVerb {
  return node('Record', { ...attributes });
}

export function dialNumber(phoneNumber: string, callback?: StatusCallbackAttributes): DialNumber {
  return node('Number', statusCallback(callback), [phoneNumber]);
}

/**
 * `<Client>` with `<Identity>` and `<Parameter>`s: custom parameters are only allowed in this
 * long form; the Voice SDK shows them as `call.customParameters`.
 */
export function dialClient(
  identity: string,
  parameters: Readonly<Record<string, string>>,
  callback?: StatusCallbackAttributes,
): DialClient {
  return node('Client', statusCallback(callback), [
    node('Identity', {}, [identity]),
    ...Object.entries(parameters).map(([name, value]) => node('Parameter', { name, value })),
  ]);
}

// XML 1.0 allows tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD and U+10000–U+10FFFF (paired
// surrogates); everything else cannot appear in a document, not even as a character reference.
const NOT_XML_CHARACTER =
  /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\uD800-\uDBFF\uDC00-\uDFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes element text as xmlbuilder (used by the `twilio` package) does. */
export function escapeText(text: string): string {
  return text
    .replace(NOT_XML_CHARACTER, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#xD;');
}

/** Escapes a double-quoted attribute value as xmlbuilder does (whitespace kept as references). */
export function escapeAttribute(value: string): string {
  return value
    .replace(NOT_XML_CHARACTER, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#x9;')
    .replace(/\n/g, '&#xA;')
    .replace(/\r/g, '&#xD;');
}

function render(item: TwimlNode<string> | string): string {
  if (typeof item === 'string') return escapeText(item);
  const attributes = Object.entries(item.attributes)
    .map(([key, value]) => ` ${key}="${escapeAttribute(value)}"`)
    .join('');
  if (item.children.length === 0) return `<${item.name}${attributes}/>`;
  return `<${item.name}${attributes}>${item.children.map(render).join('')}</${item.name}>`;
}

/** Headers of every TwiML answer. */
export const TWIML_HEADERS = { 'Content-Type': 'text/xml; charset=utf-8' } as const;

/** The TwiML document for these verbs. */
export function twimlResponse(...verbs: Verb[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${render(node('Response', {}, verbs))}`;
}
