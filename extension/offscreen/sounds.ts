/**
 * The Voice SDK's 15 sounds, shipped in the extension (extension/public/sounds, made by
 * extension/scripts/generate-assets.ts): without them the SDK fetches them from Twilio's CDN
 * the moment the Device is created, which an extension must not depend on.
 */
export const SOUND_NAMES = [
  'disconnect',
  'dtmf0',
  'dtmf1',
  'dtmf2',
  'dtmf3',
  'dtmf4',
  'dtmf5',
  'dtmf6',
  'dtmf7',
  'dtmf8',
  'dtmf9',
  'dtmfh',
  'dtmfs',
  'incoming',
  'outgoing',
] as const;

export type SoundName = (typeof SOUND_NAMES)[number];

export function soundUrls(resolve: (path: string) => string): Record<SoundName, string> {
  return Object.fromEntries(SOUND_NAMES.map((name) => [name, resolve(`sounds/${name}.wav`)])) as Record<
    SoundName,
    string
  >;
}
