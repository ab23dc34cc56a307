import './support/install';

import { beforeEach, describe, expect, it } from 'vitest';
import {
  ensureOffscreenDocument,
  hasOffscreenDocument,
  OFFSCREEN_PATH,
} from '../../../extension/background/offscreen-document';
import { fakeChrome } from './support/install';

describe('offscreen document guard', () => {
  beforeEach(() => {
    fakeChrome.reset();
    fakeChrome.offscreen.createDelayMs = 20;
  });

  it('creates one document for many concurrent callers', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => ensureOffscreenDocument()));
    expect(fakeChrome.offscreen.created).toBe(1);
    expect(results).toEqual(Array(8).fill('created'));
    expect(await hasOffscreenDocument()).toBe(true);
  });

  it('reuses the document that is there', async () => {
    await ensureOffscreenDocument();
    expect(await ensureOffscreenDocument()).toBe('existing');
    expect(fakeChrome.offscreen.created).toBe(1);
  });

  it('treats "only a single offscreen document" as success (made by an earlier worker instance)', async () => {
    // Another worker instance creates it between our check and our call.
    const racing = fakeChrome.offscreen.createDocument({ url: OFFSCREEN_PATH });
    await expect(ensureOffscreenDocument()).resolves.toBe('created');
    await racing;
    expect(fakeChrome.offscreen.created).toBe(1);
  });

  it('creates it again after it was closed', async () => {
    await ensureOffscreenDocument();
    await fakeChrome.offscreen.closeDocument();
    expect(await ensureOffscreenDocument()).toBe('created');
    expect(fakeChrome.offscreen.created).toBe(2);
  });

  it('looks for the phone document by its URL', async () => {
    await ensureOffscreenDocument();
    const contexts = await chrome.runtime.getContexts({
      documentUrls: [chrome.runtime.getURL(OFFSCREEN_PATH)],
    });
    expect(contexts).toHaveLength(1);
  });
});
