/**
 * The one offscreen document, which holds the Twilio Device (a service worker has no WebRTC
 * and no microphone). Chrome allows one per profile; it survives the service worker sleeping.
 */
export const OFFSCREEN_PATH = 'extension/offscreen/index.html';

// Not state: the promise of a creation in progress, so concurrent callers share it instead of
// racing into Chrome's "only a single offscreen document" error. Gone with the worker, harmlessly.
let creating: Promise<void> | null = null;

export async function hasOffscreenDocument(): Promise<boolean> {
  const contexts = await chrome.runtime.getContexts({
    contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT],
    documentUrls: [chrome.runtime.getURL(OFFSCREEN_PATH)],
  });
  return contexts.length > 0;
}

/**
 * Makes sure the offscreen document exists (concurrent callers share one creation). `onCreated`
 * runs once per creation, before any caller resumes: the background resets the call state
 * there (a new document holds no call) before it hands the document a call to place.
 * Resolves `created` for every caller that waited on a creation, `existing` otherwise.
 */
export async function ensureOffscreenDocument(
  onCreated?: () => Promise<void>,
): Promise<'created' | 'existing'> {
  if (creating) {
    await creating;
    return 'created';
  }
  if (await hasOffscreenDocument()) return 'existing';
  // Another caller may have started while we were looking.
  if (!creating) {
    creating = createDocument(onCreated).finally(() => {
      creating = null;
    });
  }
  await creating;
  return 'created';
}

async function createDocument(onCreated?: () => Promise<void>): Promise<void> {
  try {
    await chrome.offscreen.createDocument({
      url: OFFSCREEN_PATH,
      reasons: [chrome.offscreen.Reason.USER_MEDIA, chrome.offscreen.Reason.WEB_RTC],
      justification: 'Runs the Twilio Voice SDK: the phone line, its microphone and its audio.',
    });
  } catch (error) {
    // Created by a previous worker instance between our check and this call: it is there, fine.
    if (error instanceof Error && /single offscreen document/i.test(error.message)) return;
    throw error;
  }
  await onCreated?.();
}
