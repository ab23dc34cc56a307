import type { RecordingInfo } from './calls.ts';
import { newSid } from './sids.ts';

/** Recordings made by `<Dial record>` and `<Record>`; served as WAV by the control server. */
export class RecordingStore {
  private readonly bySid = new Map<string, RecordingInfo & { callSid: string }>();

  constructor(
    private readonly baseUrl: () => string,
    private readonly accountSid: string,
  ) {}

  /** Twilio's RecordingUrl has no extension; clients add `.wav` or `.mp3`. */
  create(
    callSid: string,
    durationSeconds: number,
    channels: 1 | 2,
    source: RecordingInfo['source'],
  ): RecordingInfo {
    const sid = newSid('RE');
    const recording: RecordingInfo = {
      sid,
      url: `${this.baseUrl()}/2010-04-01/Accounts/${this.accountSid}/Recordings/${sid}`,
      durationSeconds,
      channels,
      source,
    };
    this.bySid.set(sid, { ...recording, callSid });
    return recording;
  }

  get(sid: string): RecordingInfo | undefined {
    return this.bySid.get(sid);
  }
}
