/**
 * Groups of Twilio error codes the extension branches on, written once: the offscreen document
 * decides what to retry with them, the popup and badge what to say.
 */

/** Twilio codes meaning the access token itself is bad or old: a new one may fix it. */
export const TOKEN_ERROR_CODES = new Set([20101, 20104, 31204, 31205]);

/**
 * Twilio codes of a signaling socket that failed or dropped (generic, transport, and the precise
 * ConnectionError / ConnectionDisconnected): the SDK tries again on its own after them.
 */
export const CONNECTION_ERROR_CODES = new Set([31000, 31005, 31009, 53000, 53001]);

/** Twilio codes of a microphone the browser refused or could not open. */
export const MICROPHONE_ERROR_CODES = new Set([31208, 31401, 31402]);
