/**
 * Settings every worker test starts with. The values are made up for tests (all-zero SIDs) and
 * are not secrets; tests that need a setting missing override it per request.
 */
export const TEST_SETTINGS = {
  TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
  TWILIO_API_KEY_SID: `SK${'0'.repeat(32)}`,
  TWILIO_API_KEY_SECRET: 'test-api-key-secret',
  TWILIO_AUTH_TOKEN: 'test-auth-token',
  TWILIO_TWIML_APP_SID: `AP${'0'.repeat(32)}`,
  TWILIO_CALLER_ID: '+33140000000',
  PUBLIC_URL: 'https://calls.example.test',
  ODOO_URL: 'https://odoo.example.test',
  ODOO_DB: 'odoo',
  ODOO_LOGIN: 'click-to-call@example.test',
  ODOO_API_KEY: 'test-odoo-api-key',
  SESSION_SECRET: 'test-session-secret-at-least-32-bytes-long',
  DIAL_ALLOWED_COUNTRIES: 'FR,BE,US,GB',
  EXTENSION_ORIGINS: 'chrome-extension://bbdkidppbbgbffokgmlklcilmhhblcbh',
} as const;
