import { EventEmitter } from 'node:events';
import { twilioSignature } from './signature.ts';
import type { HttpMethod } from './twiml.ts';

/** `twiml`: a document fetched to follow (voice URL, action, redirect); the others are callbacks. */
export type WebhookKind = 'twiml' | 'status-callback' | 'recording-callback';

/** One HTTP request the emulator made to the application, as it was sent and answered. */
export interface WebhookRecord {
  id: number;
  kind: WebhookKind;
  callSid: string;
  method: HttpMethod;
  /** The URL requested (for GET, with the parameters in its query string). */
  url: string;
  params: Record<string, string>;
  signature: string;
  sentAt: string;
  /** 2 for the copy sent by the `duplicateCallbacks` fault. */
  attempt: number;
  status: number | undefined;
  responseBody: string | undefined;
  /** Network failure or timeout, when there was no response. */
  error: string | undefined;
  durationMs: number | undefined;
}

export interface WebhookResponse {
  status: number;
  body: string;
}

const TIMEOUT_MS = 15_000;

/**
 * Sends Twilio-style webhooks: form-encoded POST (or GET with a query string), signed with
 * `X-Twilio-Signature` over the exact URL requested, and keeps a log of each request with the
 * answer it got.
 */
export class WebhookSender {
  private readonly log: WebhookRecord[] = [];
  private readonly events = new EventEmitter().setMaxListeners(0);
  private nextId = 1;

  constructor(private readonly authToken: string) {}

  async send(
    kind: WebhookKind,
    callSid: string,
    method: HttpMethod,
    baseUrl: string,
    params: Record<string, string>,
    attempt = 1,
  ): Promise<WebhookResponse | undefined> {
    const form = new URLSearchParams(params);
    let url = baseUrl;
    if (method === 'GET') {
      const withQuery = new URL(baseUrl);
      for (const [name, value] of form) withQuery.searchParams.append(name, value);
      url = withQuery.toString();
    }
    const signedParams = method === 'POST' ? params : {};
    const record: WebhookRecord = {
      id: this.nextId++,
      kind,
      callSid,
      method,
      url,
      params: { ...params },
      signature: twilioSignature(this.authToken, url, signedParams),
      sentAt: new Date().toISOString(),
      attempt,
      status: undefined,
      responseBody: undefined,
      error: undefined,
      durationMs: undefined,
    };
    this.log.push(record);
    const started = performance.now();
    try {
      const response = await fetch(url, {
        method,
        headers: {
          'X-Twilio-Signature': record.signature,
          'User-Agent': 'TwilioProxy/1.1',
          Accept: '*/*',
          ...(method === 'POST'
            ? { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' }
            : {}),
        },
        body: method === 'POST' ? form.toString() : undefined,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      record.status = response.status;
      record.responseBody = await response.text();
      return { status: record.status, body: record.responseBody };
    } catch (error) {
      record.error = error instanceof Error ? error.message : String(error);
      return undefined;
    } finally {
      record.durationMs = Math.round(performance.now() - started);
      this.events.emit('webhook', record);
    }
  }

  list(): WebhookRecord[] {
    return this.log.map((record) => ({ ...record, params: { ...record.params } }));
  }

  clear(): void {
    this.log.length = 0;
  }

  /** Called once each request has its answer (or failed). */
  onWebhook(listener: (record: WebhookRecord) => void): () => void {
    this.events.on('webhook', listener);
    return () => this.events.off('webhook', listener);
  }
}
