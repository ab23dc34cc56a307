/**
 * The microphone as the offscreen document uses it. Every stream the Voice SDK opens goes
 * through `trackedGetUserMedia` (the Device's `getUserMedia` option), so after a call the
 * document can check that no track is left live (users complain about a microphone still in
 * use after hanging up) and stop any that is.
 */
const tracks = new Set<MediaStreamTrack>();

export async function trackedGetUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream> {
  const stream = await navigator.mediaDevices.getUserMedia(constraints);
  for (const track of stream.getAudioTracks()) {
    tracks.add(track);
    track.addEventListener('ended', () => tracks.delete(track));
  }
  return stream;
}

export function liveMicrophoneTracks(): number {
  let live = 0;
  for (const track of tracks) {
    if (track.readyState === 'live') live += 1;
    else tracks.delete(track);
  }
  return live;
}

/** Stops whatever the SDK left open. Returns how many tracks had to be stopped. */
export function releaseMicrophone(): number {
  const left = liveMicrophoneTracks();
  for (const track of tracks) track.stop();
  tracks.clear();
  return left;
}

/**
 * Whether the extension may use the microphone. An offscreen document cannot show Chrome's
 * prompt, so `prompt` counts as granted only when the options page obtained it already.
 */
export async function microphoneAllowed(grantedFromOptions: boolean): Promise<boolean> {
  try {
    const status = await navigator.permissions.query({ name: 'microphone' as PermissionName });
    if (status.state === 'granted') return true;
    if (status.state === 'denied') return false;
  } catch {
    // Permissions API without `microphone`: fall back on what the options page saw.
  }
  return grantedFromOptions;
}
