// Background service worker. Chrome may stop it at any time: listeners are registered
// synchronously at top level and nothing that matters lives in module variables.
chrome.runtime.onInstalled.addListener(({ reason }) => {
  console.info(`click-to-call installed (${reason})`);
});
