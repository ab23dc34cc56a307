/**
 * The extension's fixed ID, derived from the `key` in manifest.config.ts. Admins put
 * `chrome-extension://<this>` in the worker's EXTENSION_ORIGINS and in Chrome policy.
 */
export const EXTENSION_ID = 'bbdkidppbbgbffokgmlklcilmhhblcbh';
export const EXTENSION_ORIGIN = `chrome-extension://${EXTENSION_ID}`;

/** What any Chrome extension ID looks like: 32 letters a to p (a hex SHA-256 prefix, shifted). */
export const EXTENSION_ID_PATTERN = /^[a-p]{32}$/;
