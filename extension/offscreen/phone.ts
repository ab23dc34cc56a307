import { Call, Device } from '@twilio/voice-sdk';
import type { OutboundCallParams, TokenResponse } from '../../shared/api';
import type { DeviceEvent, OffscreenStatus, PhoneConfig } from '../../shared/messages';
import type { PhoneHealth } from '../../shared/phone-state';
import { DEFAULT_AUDIO_DEVICE } from '../../shared/settings';
import { MessageError } from '../lib/router';
import { CONNECTION_ERROR_CODES, TOKEN_ERROR_CODES } from '../lib/twilio-codes';
import { healthForDeviceError, healthForTokenFailure } from './device-health';
import { DtmfQueue } from './dtmf-queue';
import {
  liveMicrophoneTracks,
  microphoneAllowed,
  releaseMicrophone,
  trackedGetUserMedia,
} from './microphone';
import { soundUrls } from './sounds';
import { type FreshToken, TokenRefresher } from './token-refresh';

/** How the phone reaches the background (messages, in the real document). */
export interface PhoneLink {
  report(event: DeviceEvent): void;
  fetchToken(): Promise<TokenResponse>;
  resolveUrl(path: string): string;
  appVersion: string;
}

/** How long a call placed while the document boots waits for its first configuration. */
const CONFIGURE_WAIT_MS = 5_000;

/** Delays before retrying a Device start that failed (no token, worker down). */
const START_RETRY_MS = [2_000, 5_000, 15_000, 30_000, 60_000];

type TwilioErrorLike = { code?: number; message?: string };

/**
 * The one `Twilio.Device` and its calls. Lives in the offscreen document, which outlives the
 * service worker: a popup closing or the worker sleeping never touches a call here. Every
 * Device and Call event becomes a DeviceEvent for the background's state machine.
 */
export class OffscreenPhone {
  private device: Device | null = null;
  private config: PhoneConfig | null = null;
  private call: Call | null = null;
  /** Incoming calls ringing here, by CallSid. */
  private readonly ringing = new Map<string, Call>();
  /** Calls whose end was reported (the SDK may emit `error` and `disconnect` for one end). */
  private readonly finished = new WeakSet<Call>();
  private readonly callErrors = new WeakMap<Call, TwilioErrorLike>();
  /** The worker's local signaling host (development and tests), from the token response. */
  private signalingUrl: string | undefined;
  private starting: Promise<void> | null = null;
  private markConfigured: () => void = () => undefined;
  /** Resolves at the first configuration (asked by the document as it boots). */
  private readonly configured = new Promise<void>((resolve) => {
    this.markConfigured = resolve;
  });
  private startFailures = 0;
  private startRetry: ReturnType<typeof setTimeout> | null = null;
  private lastHealth: PhoneHealth | null = null;
  /** Signed out during a call: the Device goes when the call ends, not before. */
  private destroyAfterCall = false;
  private readonly refresher: TokenRefresher;
  /** Keypad presses of the live call, sent in order. */
  private dtmf: DtmfQueue | null = null;

  constructor(private readonly link: PhoneLink) {
    this.refresher = new TokenRefresher({
      fetchToken: () => this.freshToken(),
      apply: (token) => this.applyToken(token),
      onError: (error) => this.onTokenFailure(error),
    });
  }

  /** New settings or session from the background (also the first thing after boot). */
  async configure(config: PhoneConfig): Promise<void> {
    const previous = this.config;
    this.config = config;
    this.markConfigured();
    if (!config.signedIn) {
      this.shutDown();
      this.setHealth({ status: 'signed_out' });
      return;
    }
    this.destroyAfterCall = false;
    if (!(await microphoneAllowed(config.microphoneGranted))) {
      if (!this.call) this.destroyDevice();
      this.setHealth({ status: 'no_microphone' });
      return;
    }
    const device = this.device;
    if (!device) return this.start();
    if (previous && previous.insights !== config.insights) {
      device.updateOptions({ publishEvents: this.insightsOn() } as Device.Options);
    }
    await this.applyOutputDevices(device);
    this.ensureRegistered();
  }

  async connect(params: OutboundCallParams): Promise<void> {
    const device = await this.readyDevice();
    if (this.call) throw new MessageError('busy', 'A call is already up.');
    const call = await device.connect({
      params: { ...params },
      rtcConstraints: this.rtcConstraints(),
    });
    this.call = call;
    this.watchCall(call);
  }

  accept(callSid: string): void {
    const call = this.ringing.get(callSid);
    if (!call) throw new MessageError('no_such_call', 'That call is no longer ringing.');
    if (this.call) throw new MessageError('busy', 'A call is already up.');
    this.ringing.delete(callSid);
    this.call = call;
    call.accept({ rtcConstraints: this.rtcConstraints() });
  }

  reject(callSid: string): void {
    const call = this.ringing.get(callSid);
    if (!call) throw new MessageError('no_such_call', 'That call is no longer ringing.');
    call.reject();
  }

  hangUp(): void {
    if (!this.call) throw new MessageError('no_call', 'No call to hang up.');
    this.call.disconnect();
  }

  setMuted(muted: boolean): void {
    if (!this.call) throw new MessageError('no_call', 'No call to mute.');
    this.call.mute(muted);
  }

  sendDigits(digits: string): void {
    const call = this.call;
    if (call?.status() !== Call.State.Open) throw new MessageError('no_call', 'No open call.');
    this.dtmf ??= new DtmfQueue((queued) => {
      if (this.call === call) call.sendDigits(queued);
    });
    this.dtmf.push(digits);
  }

  /**
   * The watchdog's check (every minute from the background's alarm): start a Device that should
   * be running, refresh a token whose timer was throttled, re-register, and say where we stand.
   */
  async checkHealth(): Promise<OffscreenStatus> {
    const config = this.config;
    // Not running though it should (a failed start, a microphone granted since): try again.
    if (config?.signedIn && !this.device && !this.starting) await this.configure(config);
    if (this.device) {
      if (this.refresher.isDue()) await this.refresher.refreshNow();
      this.ensureRegistered();
    }
    if (this.lastHealth) this.link.report({ type: 'health', health: this.lastHealth });
    return this.status();
  }

  status(): OffscreenStatus {
    return {
      deviceState: this.device ? (this.device.state as OffscreenStatus['deviceState']) : 'none',
      calls: (this.call ? 1 : 0) + this.ringing.size,
      liveMicrophoneTracks: liveMicrophoneTracks(),
      tokenExpiresAt: this.refresher.tokenExpiresAt,
      tokenRefreshes: this.refresher.refreshes,
    };
  }

  /** The network came back: don't wait for the SDK's backoff to re-register. */
  onNetworkChange(online: boolean): void {
    if (!this.device) return;
    if (!online) this.setHealth({ status: 'offline' });
    else this.ensureRegistered();
  }

  private start(): Promise<void> {
    this.starting ??= this.createDevice().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  private async createDevice(): Promise<void> {
    this.clearStartRetry();
    this.setHealth({ status: 'starting' });
    let token: TokenResponse;
    try {
      token = await this.link.fetchToken();
    } catch (error) {
      // Signed out meanwhile: the sign-out already said so.
      if (!this.config?.signedIn) return;
      const health = healthForTokenFailure(asMessageError(error));
      this.setHealth(health);
      if (health.status !== 'signed_out') this.retryStart();
      return;
    }
    // Signed out (or the microphone went) while the token was on its way.
    if (!this.config?.signedIn || this.device) return;
    this.startFailures = 0;
    this.signalingUrl = token.signalingUrl;
    const device = new Device(token.token, this.deviceOptions(token));
    this.device = device;
    this.watchDevice(device);
    this.refresher.start(toFreshToken(token));
    await this.applyOutputDevices(device);
    this.ensureRegistered();
  }

  private deviceOptions(token: TokenResponse): Device.Options {
    const options: Device.Options & { chunderw?: string; publishEvents?: boolean } = {
      appName: 'odoo-click-to-call',
      appVersion: this.link.appVersion,
      closeProtection: false,
      enableImprovedSignalingErrorPrecision: true,
      getUserMedia: trackedGetUserMedia,
      publishEvents: this.insightsOn(),
      sounds: soundUrls(this.link.resolveUrl),
    };
    // Local development and tests: the emulator's signaling host instead of Twilio's edge.
    if (token.signalingUrl) options.chunderw = token.signalingUrl;
    return options;
  }

  /** Insights as set, but never while talking to a local emulator (nothing to report to). */
  private insightsOn(): boolean {
    return (this.config?.insights ?? false) && !this.signalingUrl;
  }

  private watchDevice(device: Device): void {
    device.on(Device.EventName.Registering, () => this.setHealth({ status: 'registering' }));
    device.on(Device.EventName.Registered, () => this.setHealth({ status: 'ready' }));
    device.on(Device.EventName.Unregistered, () => {
      if (this.device === device && this.config?.signedIn && !this.destroyAfterCall) {
        // The signaling connection dropped: the SDK reconnects and re-registers on its own.
        this.setHealth({ status: 'offline' });
      }
    });
    device.on(Device.EventName.Error, (error: TwilioErrorLike, call?: Call) => {
      if (call) return; // the call's own `error` handler deals with it
      // Offline, the SDK keeps trying to reconnect and each failed try is an error: the phone
      // is still offline, as it said, and says so until it registers again.
      if (this.lastHealth?.status === 'offline' && CONNECTION_ERROR_CODES.has(error.code ?? 0)) return;
      this.setHealth(healthForDeviceError(error));
      if (error.code !== undefined && TOKEN_ERROR_CODES.has(error.code)) void this.refresher.refreshNow();
    });
    device.on(Device.EventName.Incoming, (call: Call) => this.onIncoming(call));
    device.on(Device.EventName.TokenWillExpire, () => void this.refresher.refreshIfStale());
  }

  private onIncoming(call: Call): void {
    const callSid = call.parameters.CallSid;
    if (!callSid) return;
    this.ringing.set(callSid, call);
    this.watchCall(call);
    this.link.report({
      type: 'incoming',
      callSid,
      from: call.parameters.From ?? '',
      params: Object.fromEntries(call.customParameters),
    });
  }

  private watchCall(call: Call): void {
    call.on('ringing', () => {
      const callSid = call.parameters.CallSid;
      if (callSid) this.link.report({ type: 'outgoing-ringing', callSid });
    });
    call.on('accept', () => this.link.report({ type: 'accepted', callSid: call.parameters.CallSid ?? null }));
    call.on('disconnect', () => this.finish(call));
    call.on('cancel', () => this.finish(call, 'canceled'));
    call.on('reject', () => this.finish(call, 'rejected'));
    call.on('error', (error: TwilioErrorLike) => {
      this.callErrors.set(call, error);
      if (call.status() === Call.State.Closed) this.finish(call);
    });
    call.on('mute', (muted: boolean) => this.link.report({ type: 'muted', muted }));
    call.on('reconnecting', () => this.link.report({ type: 'reconnecting' }));
    call.on('reconnected', () => this.link.report({ type: 'reconnected' }));
    call.on('warning', (name: string) => this.link.report({ type: 'warning', name }));
    call.on('warning-cleared', (name: string) => this.link.report({ type: 'warning-cleared', name }));
  }

  /** `reason`: why a ringing call stopped ringing (see the `incoming-ended` DeviceEvent). */
  private finish(call: Call, reason?: 'canceled' | 'rejected'): void {
    if (this.finished.has(call)) return;
    this.finished.add(call);
    const callSid = call.parameters.CallSid ?? null;
    if (callSid && this.ringing.get(callSid) === call) {
      this.ringing.delete(callSid);
      this.link.report(
        reason ? { type: 'incoming-ended', callSid, reason } : { type: 'incoming-ended', callSid },
      );
      return;
    }
    if (this.call !== call) return;
    this.call = null;
    this.dtmf?.clear();
    this.dtmf = null;
    const error = this.callErrors.get(call);
    this.link.report(
      error
        ? { type: 'ended', callSid, error: { code: error.code ?? 31000, message: error.message ?? '' } }
        : { type: 'ended', callSid },
    );
    // The SDK stops its tracks as the call closes; check once it is done, and stop any left.
    setTimeout(() => {
      const left = releaseMicrophone();
      if (left > 0) console.warn(`microphone: stopped ${left} track(s) left live after the call`);
      if (this.destroyAfterCall && !this.call) this.destroyDevice();
    }, 0);
  }

  private ensureRegistered(): void {
    const device = this.device;
    if (!device || this.destroyAfterCall || device.state !== Device.State.Unregistered) return;
    // Errors arrive as Device `error` events (a bad token never settles this promise).
    device.register().catch(() => undefined);
  }

  private async readyDevice(): Promise<Device> {
    // A call can be the reason this document was just created: its configuration is on the way.
    if (!this.config) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        this.configured,
        new Promise((resolve) => (timer = setTimeout(resolve, CONFIGURE_WAIT_MS))),
      ]);
      clearTimeout(timer);
    }
    if (!this.device && this.config?.signedIn) await this.start();
    if (!this.device) {
      throw new MessageError(
        'not_ready',
        `The phone is not ready (${this.lastHealth?.status ?? 'starting'}).`,
      );
    }
    return this.device;
  }

  private rtcConstraints(): MediaStreamConstraints {
    const id = this.config?.audio.inputDeviceId;
    // `ideal`, not `exact`: an unplugged headset falls back to the default microphone.
    return { audio: id && id !== DEFAULT_AUDIO_DEVICE ? { deviceId: { ideal: id } } : true };
  }

  private async applyOutputDevices(device: Device): Promise<void> {
    const audio = device.audio;
    const wanted = this.config?.audio;
    if (!audio || !wanted || !audio.isOutputSelectionSupported) return;
    const pick = (id: string) => (audio.availableOutputDevices.has(id) ? id : DEFAULT_AUDIO_DEVICE);
    await Promise.all([
      audio.speakerDevices.set(pick(wanted.outputDeviceId)),
      audio.ringtoneDevices.set(pick(wanted.ringtoneDeviceId)),
    ]).catch((error: unknown) => console.warn('audio output selection failed', error));
  }

  private async freshToken(): Promise<FreshToken> {
    return toFreshToken(await this.link.fetchToken());
  }

  private applyToken(token: FreshToken): void {
    if (!this.device) return;
    this.device.updateToken(token.token);
    // An expired token had stopped registration: the new one brings it back.
    this.ensureRegistered();
  }

  private onTokenFailure(error: unknown): void {
    const health = healthForTokenFailure(asMessageError(error));
    // Keep the Device while its token lasts: a worker hiccup must not drop a call or registration.
    if (health.status === 'signed_out' || (this.refresher.tokenExpiresAt ?? 0) <= Date.now()) {
      this.setHealth(health);
    }
  }

  private retryStart(): void {
    const delay = START_RETRY_MS[Math.min(this.startFailures, START_RETRY_MS.length - 1)]!;
    this.startFailures += 1;
    this.clearStartRetry();
    this.startRetry = setTimeout(() => void this.start(), delay);
  }

  private clearStartRetry(): void {
    if (this.startRetry !== null) clearTimeout(this.startRetry);
    this.startRetry = null;
  }

  /** Signed out: stop taking calls now; a live call goes on and the Device goes after it. */
  private shutDown(): void {
    this.clearStartRetry();
    this.refresher.stop();
    for (const call of this.ringing.values()) call.reject();
    if (this.call) {
      this.destroyAfterCall = true;
      if (this.device?.state === Device.State.Registered) this.device.unregister().catch(() => undefined);
      return;
    }
    this.destroyDevice();
  }

  private destroyDevice(): void {
    this.refresher.stop();
    this.device?.destroy();
    this.device = null;
    this.ringing.clear();
    this.destroyAfterCall = false;
  }

  private setHealth(health: PhoneHealth): void {
    const last = this.lastHealth;
    this.lastHealth = health;
    if (last && JSON.stringify(last) === JSON.stringify(health)) return;
    this.link.report({ type: 'health', health });
  }
}

function toFreshToken(token: TokenResponse): FreshToken {
  return { token: token.token, expiresAt: Date.parse(token.expiresAt) };
}

function asMessageError(error: unknown): { code: string; message: string } {
  if (error instanceof MessageError) return { code: error.code, message: error.message };
  return { code: 'network', message: error instanceof Error ? error.message : String(error) };
}
