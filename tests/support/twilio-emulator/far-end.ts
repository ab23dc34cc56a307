import {
  type MediaStreamTrack,
  useOPUS as opusCodec,
  usePCMU as pcmuCodec,
  RTCPeerConnection,
  RTCRtpCodecParameters,
  type RTCRtpTransceiver,
  type RtpPacket,
} from 'werift';
import { LevelMeter } from './audio-level.ts';
import { TelephoneEventDecoder } from './dtmf.ts';
import { keepNarrowbandTelephoneEvent } from './sdp.ts';

/** What the far end saw of one browser's media, for tests to assert on. */
export interface MediaStats {
  /** Negotiated audio codec, e.g. `PCMU`. */
  codec: string | undefined;
  /** Audio RTP packets received from the browser (DTMF events not counted). */
  packetsReceived: number;
  /** RTP packets sent to the browser (the echo, or the bridged party's audio). */
  packetsSent: number;
  /** RMS level (0 silence … 1 full scale) of the browser's audio over the recent window; PCMU only. */
  audioLevel: number;
  connectionState: string;
}

export interface FarEndOptions {
  /** Window of the audio-level meter. */
  levelWindowMs: number;
}

const GATHERING_TIMEOUT_MS = 5000;

/**
 * Plays Twilio's media server for one browser leg: a werift peer, ICE-lite on 127.0.0.1 like
 * Twilio's media edge, PCMU first (so the audio can be decoded and measured without Opus) plus
 * telephone-event/8000 for RFC 4733 DTMF. It echoes what it hears back to the browser (proof of
 * two-way media), or, when bridged to another far end, forwards it there.
 */
export class FarEnd {
  /** Our SDP: the answer to the browser's offer, or the offer we made. */
  localSdp = '';
  onDigit: (digit: string) => void = () => {};

  private readonly pc: RTCPeerConnection;
  private readonly meter: LevelMeter;
  private readonly decoder = new TelephoneEventDecoder();
  private transceiver: RTCRtpTransceiver | undefined;
  private bridge: FarEnd | undefined;
  private packetsReceived = 0;
  private packetsSent = 0;
  private closed = false;

  private constructor(options: FarEndOptions) {
    this.meter = new LevelMeter(options.levelWindowMs);
    this.pc = new RTCPeerConnection({
      codecs: {
        audio: [
          pcmuCodec(),
          opusCodec(),
          new RTCRtpCodecParameters({ mimeType: 'audio/telephone-event', clockRate: 8000, payloadType: 101 }),
        ],
        video: [],
      },
      iceLite: true,
      iceAdditionalHostAddresses: ['127.0.0.1'],
      iceInterfaceAddresses: { udp4: '127.0.0.1' },
      iceUseIpv6: false,
      iceServers: [],
    });
    this.pc.onTransceiverAdded.subscribe((transceiver) => this.attach(transceiver));
  }

  /** Outgoing call: answers the browser's offer (the SDP of its `invite`). */
  static async answering(offerSdp: string, options: FarEndOptions): Promise<FarEnd> {
    const farEnd = new FarEnd(options);
    await farEnd.pc.setRemoteDescription({ type: 'offer', sdp: keepNarrowbandTelephoneEvent(offerSdp) });
    for (const transceiver of farEnd.pc.getTransceivers()) transceiver.setDirection('sendrecv');
    await farEnd.pc.setLocalDescription(await farEnd.pc.createAnswer());
    farEnd.localSdp = await farEnd.gatheredSdp();
    return farEnd;
  }

  /** Incoming call: makes the offer that goes in the `invite` to a Device. */
  static async offering(options: FarEndOptions): Promise<FarEnd> {
    const farEnd = new FarEnd(options);
    farEnd.pc.addTransceiver('audio', { direction: 'sendrecv' });
    await farEnd.pc.setLocalDescription(await farEnd.pc.createOffer());
    farEnd.localSdp = await farEnd.gatheredSdp();
    return farEnd;
  }

  /** The Device's `answer` to our offer. */
  async acceptAnswer(answerSdp: string): Promise<void> {
    await this.pc.setRemoteDescription({ type: 'answer', sdp: answerSdp });
  }

  /** A `reinvite` (ICE restart) from the browser: returns our new answer. */
  async renegotiate(offerSdp: string): Promise<string> {
    await this.pc.setRemoteDescription({ type: 'offer', sdp: keepNarrowbandTelephoneEvent(offerSdp) });
    await this.pc.setLocalDescription(await this.pc.createAnswer());
    this.localSdp = await this.gatheredSdp();
    return this.localSdp;
  }

  /** Sends what this browser says to `other` instead of echoing it (client-to-client calls). */
  bridgeTo(other: FarEnd | undefined): void {
    this.bridge = other;
  }

  stats(): MediaStats {
    return {
      codec: this.transceiver?.codecs
        .find((codec) => !isTelephoneEvent(codec.mimeType))
        ?.mimeType.split('/')[1],
      packetsReceived: this.packetsReceived,
      packetsSent: this.packetsSent,
      audioLevel: this.meter.level(),
      connectionState: this.pc.connectionState,
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pc.close();
  }

  private attach(transceiver: RTCRtpTransceiver): void {
    this.transceiver = transceiver;
    transceiver.onTrack.subscribe((track: MediaStreamTrack) => {
      track.onReceiveRtp.subscribe((rtp) => this.receive(rtp));
    });
  }

  private receive(rtp: RtpPacket): void {
    const codec = this.transceiver?.codecs.find(
      (candidate) => candidate.payloadType === rtp.header.payloadType,
    );
    const mimeType = codec?.mimeType.toLowerCase() ?? '';
    if (isTelephoneEvent(mimeType)) {
      const digit = this.decoder.push(rtp.payload, rtp.header.timestamp);
      if (digit !== undefined) this.onDigit(digit);
      return;
    }
    this.packetsReceived++;
    if (mimeType === 'audio/pcmu') this.meter.pushMuLaw(rtp.payload);
    (this.bridge ?? this).send(rtp);
  }

  private send(rtp: RtpPacket): void {
    if (this.closed || !this.transceiver) return;
    this.transceiver.sender.sendRtp(rtp).then(
      () => this.packetsSent++,
      () => {},
    );
  }

  private async gatheredSdp(): Promise<string> {
    if (this.pc.iceGatheringState !== 'complete') {
      await this.pc.iceGatheringStateChange.watch((state) => state === 'complete', GATHERING_TIMEOUT_MS);
    }
    const sdp = this.pc.localDescription?.sdp;
    if (!sdp) throw new Error('werift produced no local description');
    return sdp;
  }
}

function isTelephoneEvent(mimeType: string): boolean {
  return mimeType.toLowerCase() === 'audio/telephone-event';
}
