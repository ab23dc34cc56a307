/**
 * Writes tests/fixtures/twilio-signed-requests.json: TWILIO_REQUEST_VECTORS signed by the
 * `twilio` package. Run with `npx tsx tests/support/record-twilio-vectors.ts && npm run format`
 * after changing them.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { signVectorsWithTwilio } from './twilio-oracle';

const output = fileURLToPath(new URL('../fixtures/twilio-signed-requests.json', import.meta.url));
writeFileSync(output, `${JSON.stringify(signVectorsWithTwilio(), null, 2)}\n`);
console.log(`Wrote ${output}`);
