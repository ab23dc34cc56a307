import { TWILIO_ROUTES } from '../health/voice-routing';
import { usageError } from './admin-error';

/** The worker's URLs that Twilio and admins call, all derived from PUBLIC_URL (DESIGN.md routes). */
export interface WorkerUrls {
  /** PUBLIC_URL as the worker must be configured with it: origin plus optional path, no trailing slash. */
  publicUrl: string;
  /** TwiML App voice URL: calls from the browser. */
  outboundVoiceUrl: string;
  /** Phone number voice URL: calls to the team's number. */
  inboundVoiceUrl: string;
  /** Status callback of both. */
  callStatusUrl: string;
  health: string;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Checks and normalises a base URL (origin plus optional path, no trailing slash). HTTPS only,
 * except on this machine's loopback for local development and tests.
 */
export function normalizeBaseUrl(input: string, what: string, example: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw usageError(`${what} "${input}" is not a URL. Example: ${example}`);
  }
  const local = LOCAL_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !(local && url.protocol === 'http:')) {
    throw usageError(`${what} must start with https:// (got "${input}"). Example: ${example}`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw usageError(
      `${what} must be a plain base URL without query, fragment or credentials (got "${input}").`,
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * The worker's PUBLIC_URL. Twilio signs webhooks with the exact URL it calls, so the worker's
 * PUBLIC_URL and the URLs configured in Twilio must be built from the same string: this is the
 * one place that string is made.
 */
export function normalizePublicUrl(input: string): string {
  return normalizeBaseUrl(input, "The worker's public URL", 'https://odoo-click-to-call.acme.workers.dev');
}

export function workerUrls(publicUrl: string): WorkerUrls {
  const base = normalizePublicUrl(publicUrl);
  return {
    publicUrl: base,
    outboundVoiceUrl: `${base}${TWILIO_ROUTES.outboundVoice}`,
    inboundVoiceUrl: `${base}${TWILIO_ROUTES.inboundVoice}`,
    callStatusUrl: `${base}${TWILIO_ROUTES.callStatus}`,
    health: `${base}/health`,
  };
}

/** Whether Twilio's cloud could reach this URL at all (it cannot reach this machine's loopback). */
export function isLocalUrl(publicUrl: string): boolean {
  return LOCAL_HOSTS.has(new URL(publicUrl).hostname);
}
