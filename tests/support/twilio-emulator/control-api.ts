import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiErrorBody, ErrorCode } from '../../../shared/errors.ts';
import type { CalleeBehaviour } from './callees.ts';
import type { TwilioEmulator } from './index.ts';
import type { RecordingStore } from './recordings.ts';
import { ControlError, type InboundCallRequest } from './switchboard.ts';
import { matches } from './waiting.ts';
import { recordingWav } from './wav.ts';

/**
 * The emulator's control API over HTTP+JSON, for a test or demo running it as a separate
 * process (`main.ts`). Same operations as the in-process `TwilioEmulator`; errors use the
 * project's JSON error shape.
 *
 *   GET  /health                         → { signalingHost, controlUrl }
 *   GET  /calls                          → CallSnapshot[]
 *   GET  /calls/:sid                     → CallSnapshot
 *   POST /calls      {from,to,callerName?,voicemail?}  → 201 CallSnapshot (inbound PSTN call)
 *   POST /calls/:sid/hangup              → CallSnapshot (far side hangs up)
 *   PUT  /callees/:number  CalleeBehaviour → 204
 *   GET  /webhooks                       → WebhookRecord[]
 *   GET  /registrations                  → RegistrationSnapshot[]
 *   GET  /faults · PUT /faults  Partial<CallbackFaults> → CallbackFaults
 *   POST /wait {for:'call'|'invite'|'webhook'|'registration', match?, identity?, registered?, timeoutMs?}
 *                                        → 200 the call / webhook matched, 204 for registration, 408
 *   POST /signaling/drop                 → 204 (every Device socket closed)
 *   POST /reset                          → 204
 *   GET  /2010-04-01/Accounts/:ac/Recordings/:sid[.wav|.mp3] → audio/wav
 */

const MAX_BODY_BYTES = 64 * 1024;
const RECORDING_PATH = /^\/2010-04-01\/Accounts\/[^/]+\/Recordings\/(RE[0-9a-f]{32})(?:\.wav|\.mp3)?$/;

export interface ControlServer {
  url: string;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export async function startControlServer(
  emulator: TwilioEmulator,
  recordings: RecordingStore,
  host: string,
  port: number,
): Promise<ControlServer> {
  const server = createServer((request, response) => {
    route(emulator, recordings, request, response).catch((error: unknown) => sendError(response, error));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.address}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function route(
  emulator: TwilioEmulator,
  recordings: RecordingStore,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://control').pathname;
  const method = request.method ?? 'GET';
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);

  const recordingMatch = RECORDING_PATH.exec(path);
  if (recordingMatch && method === 'GET') {
    const recording = recordings.get(recordingMatch[1]!);
    if (!recording) throw new HttpError(404, 'not_found', `No recording ${recordingMatch[1]}`);
    response.writeHead(200, { 'Content-Type': 'audio/wav' }).end(recordingWav(recording.durationSeconds));
    return;
  }

  const [resource, id, action] = segments;
  switch (
    `${method} ${resource ?? ''}${id === undefined ? '' : '/:id'}${action === undefined ? '' : `/${action}`}`
  ) {
    case 'GET health':
      return sendJson(response, 200, {
        signalingHost: emulator.signalingHost,
        controlUrl: emulator.controlUrl,
      });
    case 'GET calls':
      return sendJson(response, 200, emulator.calls());
    case 'GET calls/:id': {
      const call = emulator.call(id!);
      if (!call) throw new HttpError(404, 'not_found', `No call ${id}`);
      return sendJson(response, 200, call);
    }
    case 'POST calls':
      return sendJson(
        response,
        201,
        emulator.placeInboundCall((await readJson(request)) as InboundCallRequest),
      );
    case 'POST calls/:id/hangup':
      return sendJson(response, 200, emulator.hangUp(id!));
    case 'PUT callees/:id':
      emulator.setCallee(id!, calleeBehaviour(await readJson(request)));
      return sendJson(response, 204, undefined);
    case 'GET webhooks':
      return sendJson(response, 200, emulator.webhooks());
    case 'GET registrations':
      return sendJson(response, 200, emulator.registrations());
    case 'GET faults':
      return sendJson(response, 200, emulator.setFaults({}));
    case 'PUT faults':
      return sendJson(response, 200, emulator.setFaults(faults(await readJson(request))));
    case 'POST wait':
      return wait(emulator, await readJson(request), response);
    // `signaling/drop` and `signaling/restore` (the action is in the id's place).
    case 'POST signaling/:id':
      if (id === 'drop') emulator.dropSignaling(dropOptions(await readJson(request)));
      else if (id === 'restore') emulator.restoreSignaling();
      else throw new HttpError(404, 'not_found', `No route POST /signaling/${id}`);
      return sendJson(response, 204, undefined);
    case 'GET signaling':
      return sendJson(response, 200, { refused: emulator.refusedSignaling() });
    case 'POST reset':
      emulator.reset();
      return sendJson(response, 204, undefined);
    default:
      throw new HttpError(404, 'not_found', `No route ${method} ${path}`);
  }
}

async function wait(emulator: TwilioEmulator, body: unknown, response: ServerResponse): Promise<void> {
  const request = objectBody(body);
  const timeoutMs = typeof request.timeoutMs === 'number' ? request.timeoutMs : undefined;
  try {
    switch (request.for) {
      case 'call':
        return sendJson(
          response,
          200,
          await emulator.waitForCall((call) => matches(call, request.match), timeoutMs),
        );
      case 'invite':
        if (typeof request.identity !== 'string')
          throw new HttpError(400, 'bad_request', '`identity` is required');
        return sendJson(response, 200, await emulator.waitForInvite(request.identity, timeoutMs));
      case 'webhook':
        return sendJson(
          response,
          200,
          await emulator.waitForWebhook((hook) => matches(hook, request.match), timeoutMs),
        );
      case 'registration':
        if (typeof request.identity !== 'string')
          throw new HttpError(400, 'bad_request', '`identity` is required');
        await emulator.waitForRegistration(request.identity, request.registered !== false, timeoutMs);
        return sendJson(response, 204, undefined);
      default:
        throw new HttpError(400, 'bad_request', '`for` must be call, invite, webhook or registration');
    }
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('Timed out')) {
      throw new HttpError(408, 'not_found', error.message);
    }
    throw error;
  }
}

function calleeBehaviour(body: unknown): CalleeBehaviour {
  const value = objectBody(body);
  if (!['answer', 'busy', 'no-answer', 'failed'].includes(String(value.outcome))) {
    throw new HttpError(400, 'bad_request', '`outcome` must be answer, busy, no-answer or failed');
  }
  for (const field of ['ringMs', 'hangUpAfterMs'] as const) {
    if (value[field] !== undefined && !(typeof value[field] === 'number' && value[field] >= 0)) {
      throw new HttpError(400, 'bad_request', `\`${field}\` must be a number of milliseconds`);
    }
  }
  return value as unknown as CalleeBehaviour;
}

function faults(body: unknown): Record<string, unknown> {
  const value = objectBody(body);
  if (value.order !== undefined && !['in-order', 'reversed', 'shuffled'].includes(String(value.order))) {
    throw new HttpError(400, 'bad_request', '`order` must be in-order, reversed or shuffled');
  }
  if (value.duplicate !== undefined && typeof value.duplicate !== 'boolean') {
    throw new HttpError(400, 'bad_request', '`duplicate` must be true or false');
  }
  for (const field of ['delayMs', 'seed']) {
    if (value[field] !== undefined && typeof value[field] !== 'number') {
      throw new HttpError(400, 'bad_request', `\`${field}\` must be a number`);
    }
  }
  return value;
}

function dropOptions(body: unknown): { stayDown: boolean } {
  const { stayDown = false } = objectBody(body);
  if (typeof stayDown !== 'boolean')
    throw new HttpError(400, 'bad_request', '`stayDown` must be true or false');
  return { stayDown };
}

function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'bad_request', 'The body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'payload_too_large', 'The body is larger than 64 KB');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf-8') || '{}');
  } catch {
    throw new HttpError(400, 'bad_request', 'The body is not valid JSON');
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  if (body === undefined) {
    response.writeHead(status).end();
    return;
  }
  response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

function sendError(response: ServerResponse, error: unknown): void {
  const [status, code, message]: [number, ErrorCode, string] =
    error instanceof HttpError
      ? [error.status, error.code, error.message]
      : error instanceof ControlError
        ? [
            error.status,
            error.status === 404 ? 'not_found' : error.status === 409 ? 'conflict' : 'bad_request',
            error.message,
          ]
        : [500, 'internal', `Emulator error: ${error instanceof Error ? error.message : String(error)}`];
  const body: ApiErrorBody = { error: { code, message } };
  if (!response.headersSent) sendJson(response, status, body);
  else response.end();
}
