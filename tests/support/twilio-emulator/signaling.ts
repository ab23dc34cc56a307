import { EventEmitter } from 'node:events';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { type AccessTokenKeys, TOKEN_EXPIRED, TOKEN_INVALID, verifyAccessToken } from './access-token.ts';
import type { TlsCredentials } from './tls.ts';

/**
 * The Voice SDK's signaling channel (PStream 1.6 over a TLS WebSocket at `/signal`): token
 * checks, registration and heartbeats live here; everything about calls is handed to the
 * switchboard through `CallSignalingHandlers`.
 */

export const PSTREAM_VERSION = '1.6';
/** The region the SDK is told it reached (it maps to edge `dublin`). */
const REGION = 'EU_IRELAND';
const MAX_TIMER_MS = 2 ** 31 - 1;

/** One connected Device (one WebSocket). */
export interface SignalingSession {
  readonly id: number;
  /** Set by a valid `listen`. */
  identity: string | undefined;
  /** Seconds since the epoch; the current token stops being valid then. */
  tokenExpiresAt: number | undefined;
  outgoingApplicationSid: string | undefined;
  /** `register` with `media.audio: true` and not unregistered since. */
  registered: boolean;
  /** From `listen`: seconds Twilio should hold calls while the SDK reconnects. */
  reconnectTimeoutSeconds: number;
  send(type: string, payload: object): void;
}

/** A `{callsid, …}` payload from the SDK after it was checked to have the fields we use. */
export interface InvitePayload {
  callsid: string;
  sdp: string;
  /** URL-encoded custom parameters (`twilio.params`). */
  params: string;
  /** Present when the SDK resumes a call after a signaling reconnection. */
  reconnect: string | undefined;
}

export interface CallSignalingHandlers {
  invite(session: SignalingSession, invite: InvitePayload): void;
  answer(session: SignalingSession, callSid: string, sdp: string): void;
  hangup(session: SignalingSession, callSid: string): void;
  reject(session: SignalingSession, callSid: string): void;
  dtmf(session: SignalingSession, callSid: string, digits: string): void;
  reinvite(session: SignalingSession, callSid: string, sdp: string): void;
  message(session: SignalingSession, payload: Record<string, unknown>): void;
  closed(session: SignalingSession): void;
}

export interface SignalingOptions {
  host: string;
  port: number;
  tls: TlsCredentials;
  keys: AccessTokenKeys;
  heartbeatIntervalMs: number;
  handlers: CallSignalingHandlers;
  log: (line: string) => void;
}

export interface RegistrationSnapshot {
  sessionId: number;
  identity: string | undefined;
  registered: boolean;
  tokenExpiresAt: string | undefined;
}

export class SignalingServer {
  /** `127.0.0.1:PORT`, the value for the Device's `chunderw` option. */
  readonly host: string;
  private readonly sessions = new Map<number, Session>();
  private readonly events = new EventEmitter().setMaxListeners(0);
  private nextSessionId = 1;
  private readonly wss: WebSocketServer;
  /** Whether new sockets are turned away, as a network that stays down would (see refuseFrom). */
  private down = false;
  private refusedCount = 0;

  private constructor(
    private readonly server: Server,
    private readonly options: SignalingOptions,
  ) {
    const { address, port } = server.address() as AddressInfo;
    this.host = `${address}:${port}`;
    this.wss = new WebSocketServer({
      server,
      path: '/signal',
      verifyClient: (_info, admit) => {
        if (!this.down) return admit(true);
        this.refusedCount++;
        admit(false, 503, 'Signaling is down');
      },
    });
    this.wss.on('connection', (socket) => this.accept(socket));
  }

  static async start(options: SignalingOptions): Promise<SignalingServer> {
    const server = createServer({ key: options.tls.key, cert: options.tls.cert });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, resolve);
    });
    return new SignalingServer(server, options);
  }

  /** Sessions registered for incoming calls as this identity (every one of them rings). */
  registeredSessions(identity: string): SignalingSession[] {
    return [...this.sessions.values()].filter(
      (session) => session.registered && session.identity === identity,
    );
  }

  registrations(): RegistrationSnapshot[] {
    return [...this.sessions.values()].map((session) => ({
      sessionId: session.id,
      identity: session.identity,
      registered: session.registered,
      tokenExpiresAt:
        session.tokenExpiresAt === undefined
          ? undefined
          : new Date(session.tokenExpiresAt * 1000).toISOString(),
    }));
  }

  /** Called whenever a session's identity or registration changes. */
  onRegistrationChange(listener: () => void): () => void {
    this.events.on('registration', listener);
    return () => this.events.off('registration', listener);
  }

  /** Drops every socket, as a network loss would (the SDK reconnects on its own). */
  disconnectAll(): void {
    for (const session of this.sessions.values()) session.socket.terminate();
  }

  /** Turns new sockets away (`true`) until told otherwise: the network stays down meanwhile. */
  refuseConnections(refuse: boolean): void {
    this.down = refuse;
  }

  /** How many sockets were turned away so far (each is a reconnection attempt of a Device). */
  get refused(): number {
    return this.refusedCount;
  }

  async close(): Promise<void> {
    for (const session of this.sessions.values()) session.socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: WebSocket): void {
    const session = new Session(this.nextSessionId++, socket, this.options, () =>
      this.events.emit('registration'),
    );
    this.sessions.set(session.id, session);
    socket.on('close', () => {
      this.sessions.delete(session.id);
      session.dispose();
      this.events.emit('registration');
      this.options.handlers.closed(session);
    });
  }
}

class Session implements SignalingSession {
  identity: string | undefined;
  tokenExpiresAt: number | undefined;
  outgoingApplicationSid: string | undefined;
  registered = false;
  reconnectTimeoutSeconds = 0;
  /** Messages are handled one at a time, in order: `listen` must be checked before what follows it. */
  private queue: Promise<void> = Promise.resolve();
  private awaitingHeartbeatReply = false;
  private readonly heartbeat: NodeJS.Timeout;
  private expiryTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly id: number,
    readonly socket: WebSocket,
    private readonly options: SignalingOptions,
    private readonly registrationChanged: () => void,
  ) {
    this.heartbeat = setInterval(() => {
      this.awaitingHeartbeatReply = true;
      this.sendRaw('\n');
    }, options.heartbeatIntervalMs);
    socket.on('message', (data) => {
      const text = data.toString();
      this.queue = this.queue
        .then(() => this.handle(text))
        .catch((error: unknown) => this.log(`error: ${error}`));
    });
  }

  send(type: string, payload: object): void {
    this.log(`-> ${type} ${summary(payload)}`);
    this.sendRaw(JSON.stringify({ type, version: PSTREAM_VERSION, payload }));
  }

  dispose(): void {
    clearInterval(this.heartbeat);
    clearTimeout(this.expiryTimer);
    this.registered = false;
  }

  private sendRaw(text: string): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(text);
  }

  private async handle(text: string): Promise<void> {
    if (text === '\n') {
      // The SDK answers each of our heartbeats; answering those back would ping-pong forever.
      if (this.awaitingHeartbeatReply) this.awaitingHeartbeatReply = false;
      else this.sendRaw('\n');
      return;
    }
    let message: { type?: unknown; payload?: unknown };
    try {
      message = JSON.parse(text);
    } catch {
      this.log(`<- unreadable frame ${text.slice(0, 80)}`);
      return;
    }
    const type = String(message.type);
    const payload = (
      typeof message.payload === 'object' && message.payload !== null ? message.payload : {}
    ) as Record<string, unknown>;
    this.log(`<- ${type} ${summary(payload)}`);
    if (type === 'listen') return this.listen(payload.token, payload.reconnectTimeout);
    if (!this.tokenIsValid(typeof payload.callsid === 'string' ? payload.callsid : undefined)) return;
    const handlers = this.options.handlers;
    const callSid = typeof payload.callsid === 'string' ? payload.callsid : '';
    const sdp = typeof payload.sdp === 'string' ? payload.sdp : '';
    switch (type) {
      case 'register':
        return this.register((payload.media as { audio?: unknown } | undefined)?.audio === true);
      case 'invite': {
        const twilio = payload.twilio as { params?: unknown } | undefined;
        return handlers.invite(this, {
          callsid: callSid,
          sdp,
          params: typeof twilio?.params === 'string' ? twilio.params : '',
          reconnect: typeof payload.reconnect === 'string' ? payload.reconnect : undefined,
        });
      }
      case 'answer':
        return handlers.answer(this, callSid, sdp);
      case 'hangup':
        return handlers.hangup(this, callSid);
      case 'reject':
        return handlers.reject(this, callSid);
      case 'dtmf':
        return handlers.dtmf(this, callSid, typeof payload.dtmf === 'string' ? payload.dtmf : '');
      case 'reinvite':
        return handlers.reinvite(this, callSid, sdp);
      case 'message':
        return handlers.message(this, payload);
      default:
        this.log(`ignored message type ${type}`);
    }
  }

  /** First `listen` authenticates the socket; a later one is the SDK's `updateToken()`. */
  private async listen(token: unknown, reconnectTimeout: unknown): Promise<void> {
    const verified = await verifyAccessToken(token, this.options.keys);
    if (!verified.ok) {
      this.send('error', { error: { code: verified.code, message: verified.message } });
      return;
    }
    if (this.identity !== undefined && this.identity !== verified.identity && this.registered) {
      this.registered = false; // a token for someone else does not inherit this registration
    }
    this.identity = verified.identity;
    this.tokenExpiresAt = verified.expiresAt;
    this.outgoingApplicationSid = verified.outgoingApplicationSid;
    this.reconnectTimeoutSeconds = typeof reconnectTimeout === 'number' ? reconnectTimeout : 0;
    this.scheduleExpiry();
    this.registrationChanged();
    const ttl = Math.max(0, verified.expiresAt - Math.floor(Date.now() / 1000));
    this.send('connected', { region: REGION, token: { identity: verified.identity, ttl } });
  }

  private register(audio: boolean): void {
    this.registered = audio;
    this.registrationChanged();
    this.send(audio ? 'ready' : 'offline', {});
  }

  /**
   * Everything but `listen` needs a current token: none yet → 31204; expired → 31205 (the
   * Device reports 20101 / 20104).
   */
  private tokenIsValid(callSid: string | undefined): boolean {
    const code =
      this.identity === undefined
        ? TOKEN_INVALID
        : (this.tokenExpiresAt ?? 0) * 1000 <= Date.now()
          ? TOKEN_EXPIRED
          : undefined;
    if (code === undefined) return true;
    const message = code === TOKEN_EXPIRED ? 'JWT token expired' : 'No valid access token on this connection';
    this.send('error', { ...(callSid ? { callsid: callSid } : {}), error: { code, message } });
    return false;
  }

  /**
   * When the token runs out without an `updateToken()`, the Device loses its registration (and
   * is told why), as with Twilio: the extension must refresh in time. Calls in progress go on.
   */
  private scheduleExpiry(): void {
    clearTimeout(this.expiryTimer);
    const delay = (this.tokenExpiresAt ?? 0) * 1000 - Date.now();
    this.expiryTimer = setTimeout(
      () => {
        // setTimeout cannot wait longer than ~24.8 days: a longer-lived token is checked again.
        if ((this.tokenExpiresAt ?? 0) * 1000 > Date.now()) return this.scheduleExpiry();
        this.send('error', { error: { code: TOKEN_EXPIRED, message: 'JWT token expired' } });
        if (this.registered) {
          this.registered = false;
          this.registrationChanged();
          this.send('offline', {});
        }
      },
      Math.min(Math.max(0, delay), MAX_TIMER_MS),
    );
  }

  private log(line: string): void {
    this.options.log(`[signaling #${this.id}${this.identity ? ` ${this.identity}` : ''}] ${line}`);
  }
}

/** Log line for a payload without SDPs and tokens (long and, for tokens, secret-ish). */
function summary(payload: object): string {
  return JSON.stringify(payload, (key, value) =>
    key === 'sdp' || key === 'token' || key === 'browserinfo' ? '…' : value,
  ).slice(0, 300);
}
