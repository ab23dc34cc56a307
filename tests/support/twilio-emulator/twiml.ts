import { DOMParser, type Element, onWarningStopParsing } from '@xmldom/xmldom';

/**
 * TwiML documents read into plain data: the verbs the emulator follows, with their attributes
 * already typed and defaulted as Twilio documents them, and every URL resolved against the
 * document's own URL (Twilio resolves relative `action` and `<Redirect>` URLs that way).
 */

export type HttpMethod = 'GET' | 'POST';

/** The call-progress events a `<Number>` or `<Client>` can ask for. */
export type LegEvent = 'initiated' | 'ringing' | 'answered' | 'completed';

export interface LegCallbacks {
  statusCallback: string | undefined;
  statusCallbackMethod: HttpMethod;
  /** Twilio's default is `completed` only. */
  statusCallbackEvents: LegEvent[];
}

export interface NumberTarget extends LegCallbacks {
  kind: 'number';
  number: string;
}

export interface ClientTarget extends LegCallbacks {
  kind: 'client';
  identity: string;
  /** `<Parameter name value>` children, in order; they reach the Device as custom parameters. */
  parameters: Array<{ name: string; value: string }>;
}

export type DialTarget = NumberTarget | ClientTarget;

export type RecordMode =
  | 'do-not-record'
  | 'record-from-answer'
  | 'record-from-ringing'
  | 'record-from-answer-dual'
  | 'record-from-ringing-dual';

export interface RecordingCallbackOptions {
  recordingStatusCallback: string | undefined;
  recordingStatusCallbackMethod: HttpMethod;
}

export interface DialVerb extends RecordingCallbackOptions {
  verb: 'Dial';
  targets: DialTarget[];
  callerId: string | undefined;
  answerOnBridge: boolean;
  /** Seconds to ring before `no-answer` (Twilio: default 30, 5–600). */
  timeout: number;
  /** Seconds a bridged call may last (Twilio: default 14400). */
  timeLimit: number;
  action: string | undefined;
  method: HttpMethod;
  record: RecordMode;
}

export interface RecordVerb extends RecordingCallbackOptions {
  verb: 'Record';
  action: string | undefined;
  method: HttpMethod;
  /** Seconds (Twilio: default 3600). */
  maxLength: number;
  /** Seconds of silence that end the recording (Twilio: default 5). */
  timeout: number;
  playBeep: boolean;
  finishOnKey: string;
}

export type TwimlVerb =
  | { verb: 'Say'; text: string; voice: string | undefined; language: string | undefined }
  | { verb: 'Play'; url: string; loop: number }
  | { verb: 'Pause'; length: number }
  | { verb: 'Hangup' }
  | { verb: 'Reject'; reason: 'rejected' | 'busy' }
  | { verb: 'Redirect'; url: string; method: HttpMethod }
  | DialVerb
  | RecordVerb
  /** A verb the emulator does not follow (e.g. `<Gather>`, `<Enqueue>`): skipped, and listed on the call. */
  | { verb: 'Unsupported'; name: string };

/** Twilio error 12100: the document is not well-formed TwiML. */
export class TwimlParseError extends Error {
  readonly code = 12100;
}

export function parseTwiml(xml: string, documentUrl: string): TwimlVerb[] {
  let root: Element | null;
  try {
    root = new DOMParser({ onError: onWarningStopParsing }).parseFromString(xml, 'text/xml').documentElement;
  } catch (error) {
    throw new TwimlParseError(`Document is not well-formed XML: ${(error as Error).message}`);
  }
  if (root?.tagName !== 'Response') throw new TwimlParseError('The root element must be <Response>');
  return childElements(root!).map((element) => readVerb(element, documentUrl));
}

function readVerb(element: Element, documentUrl: string): TwimlVerb {
  const text = textOf(element);
  switch (element.tagName) {
    case 'Say':
      return {
        verb: 'Say',
        text,
        voice: element.getAttribute('voice') ?? undefined,
        language: element.getAttribute('language') ?? undefined,
      };
    case 'Play':
      return { verb: 'Play', url: text, loop: integer(element, 'loop', 1) };
    case 'Pause':
      return { verb: 'Pause', length: integer(element, 'length', 1) };
    case 'Hangup':
      return { verb: 'Hangup' };
    case 'Reject':
      return { verb: 'Reject', reason: element.getAttribute('reason') === 'busy' ? 'busy' : 'rejected' };
    case 'Redirect':
      if (!text) throw new TwimlParseError('<Redirect> needs a URL');
      return { verb: 'Redirect', url: resolve(text, documentUrl), method: method(element) };
    case 'Dial':
      return readDial(element, documentUrl);
    case 'Record':
      return {
        verb: 'Record',
        action: optionalUrl(element, 'action', documentUrl),
        method: method(element),
        maxLength: integer(element, 'maxLength', 3600),
        timeout: integer(element, 'timeout', 5),
        playBeep: element.getAttribute('playBeep') !== 'false',
        finishOnKey: element.getAttribute('finishOnKey') ?? '1234567890*#',
        ...recordingCallbacks(element, documentUrl),
      };
    default:
      return { verb: 'Unsupported', name: element.tagName };
  }
}

function readDial(element: Element, documentUrl: string): DialVerb {
  const targets: DialTarget[] = [];
  for (const child of childElements(element)) {
    if (child.tagName === 'Number') {
      const number = textOf(child);
      if (!number) throw new TwimlParseError('<Number> needs a phone number');
      targets.push({ kind: 'number', number, ...legCallbacks(child, documentUrl) });
    } else if (child.tagName === 'Client') {
      targets.push(readClient(child, documentUrl));
    } else {
      throw new TwimlParseError(`<Dial> cannot contain <${child.tagName}> in this emulator`);
    }
  }
  const bareNumber = directText(element);
  if (bareNumber)
    targets.push({ kind: 'number', number: bareNumber, ...legCallbacks(element, documentUrl, true) });
  if (targets.length === 0) throw new TwimlParseError('<Dial> has nothing to dial');
  return {
    verb: 'Dial',
    targets,
    callerId: element.getAttribute('callerId') ?? undefined,
    answerOnBridge: element.getAttribute('answerOnBridge') === 'true',
    timeout: Math.min(Math.max(integer(element, 'timeout', 30), 5), 600),
    timeLimit: integer(element, 'timeLimit', 14400),
    action: optionalUrl(element, 'action', documentUrl),
    method: method(element),
    record: recordMode(element.getAttribute('record')),
    ...recordingCallbacks(element, documentUrl),
  };
}

function readClient(element: Element, documentUrl: string): ClientTarget {
  const identityElement = childElements(element).find((child) => child.tagName === 'Identity');
  const identity = identityElement ? textOf(identityElement) : directText(element);
  if (!identity) throw new TwimlParseError('<Client> needs an identity');
  const parameters = childElements(element)
    .filter((child) => child.tagName === 'Parameter')
    .map((child) => ({ name: child.getAttribute('name') ?? '', value: child.getAttribute('value') ?? '' }));
  return { kind: 'client', identity, parameters, ...legCallbacks(element, documentUrl) };
}

function legCallbacks(element: Element, documentUrl: string, bareDial = false): LegCallbacks {
  if (bareDial)
    return { statusCallback: undefined, statusCallbackMethod: 'POST', statusCallbackEvents: ['completed'] };
  const events = (element.getAttribute('statusCallbackEvent') ?? 'completed')
    .split(/[\s,]+/)
    .filter((event): event is LegEvent => ['initiated', 'ringing', 'answered', 'completed'].includes(event));
  return {
    statusCallback: optionalUrl(element, 'statusCallback', documentUrl),
    statusCallbackMethod: method(element, 'statusCallbackMethod'),
    statusCallbackEvents: events.length > 0 ? events : ['completed'],
  };
}

function recordingCallbacks(element: Element, documentUrl: string): RecordingCallbackOptions {
  return {
    recordingStatusCallback: optionalUrl(element, 'recordingStatusCallback', documentUrl),
    recordingStatusCallbackMethod: method(element, 'recordingStatusCallbackMethod'),
  };
}

function recordMode(value: string | null): RecordMode {
  if (value === 'true') return 'record-from-answer';
  if (
    value === 'record-from-answer' ||
    value === 'record-from-ringing' ||
    value === 'record-from-answer-dual' ||
    value === 'record-from-ringing-dual'
  ) {
    return value;
  }
  return 'do-not-record';
}

function method(element: Element, attribute = 'method'): HttpMethod {
  const value = (element.getAttribute(attribute) ?? 'POST').toUpperCase();
  if (value !== 'GET' && value !== 'POST')
    throw new TwimlParseError(`${attribute}="${value}" is not GET or POST`);
  return value;
}

function integer(element: Element, attribute: string, fallback: number): number {
  const raw = element.getAttribute(attribute);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new TwimlParseError(`<${element.tagName} ${attribute}="${raw}"> is not a whole number`);
  }
  return value;
}

function optionalUrl(element: Element, attribute: string, documentUrl: string): string | undefined {
  const value = element.getAttribute(attribute);
  return value ? resolve(value, documentUrl) : undefined;
}

function resolve(url: string, documentUrl: string): string {
  try {
    return new URL(url, documentUrl).toString();
  } catch {
    throw new TwimlParseError(`"${url}" is not a URL`);
  }
}

function childElements(element: Element): Element[] {
  const children: Element[] = [];
  for (let node = element.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === node.ELEMENT_NODE) children.push(node as Element);
  }
  return children;
}

/** Text of the element's own text nodes (not of its children), trimmed. */
function directText(element: Element): string {
  let text = '';
  for (let node = element.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === node.TEXT_NODE || node.nodeType === node.CDATA_SECTION_NODE)
      text += node.nodeValue ?? '';
  }
  return text.trim();
}

function textOf(element: Element): string {
  return (element.textContent ?? '').trim();
}
