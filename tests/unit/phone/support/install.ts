// Imported first by every test of extension code: webextension-polyfill checks for an extension
// context the moment it is imported, so the fake must be in place before any extension module.
import { installFakeChrome } from './fake-chrome';

export const fakeChrome = installFakeChrome();
