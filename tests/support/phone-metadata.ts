/**
 * The phone metadata the worker ships (worker/phone-metadata.json): libphonenumber-js's "min"
 * metadata without its formatting rules. The worker only parses, validates and finds the country
 * of numbers (worker/phone.ts); formats are used by formatting alone and were half the metadata's
 * size in the bundle (~9 KiB gzip of the 60 KiB budget).
 *
 * Regenerate after upgrading libphonenumber-js (tests/unit/phone-metadata.test.ts fails until
 * then): `npx tsx tests/support/phone-metadata.ts && npm run format`.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import minMetadata from 'libphonenumber-js/metadata.min.json';

/** Where a numbering plan keeps its formats in libphonenumber-js metadata v4 (source/metadata.js). */
const FORMATS_INDEX = 4;

type Plan = unknown[];
interface Metadata {
  version: number;
  country_calling_codes: Record<string, string[]>;
  countries: Record<string, Plan>;
  nonGeographic?: Record<string, Plan>;
}

const withoutFormats = (plans: Record<string, Plan>): Record<string, Plan> =>
  Object.fromEntries(
    Object.entries(plans).map(([key, plan]) => [
      key,
      plan.map((value, index) => (index === FORMATS_INDEX ? 0 : value)),
    ]),
  );

export function workerPhoneMetadata(source: Metadata = minMetadata as Metadata): Metadata {
  return {
    ...source,
    countries: withoutFormats(source.countries),
    ...(source.nonGeographic ? { nonGeographic: withoutFormats(source.nonGeographic) } : {}),
  };
}

export const WORKER_PHONE_METADATA_PATH = fileURLToPath(
  new URL('../../worker/phone-metadata.json', import.meta.url),
);

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(WORKER_PHONE_METADATA_PATH, `${JSON.stringify(workerPhoneMetadata())}\n`);
  console.log(`Wrote ${WORKER_PHONE_METADATA_PATH}`);
}
