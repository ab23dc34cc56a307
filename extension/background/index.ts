// Background service worker. Chrome may stop it at any time: listeners are registered
// synchronously at top level and nothing that matters lives in module variables (the phone's
// state is in chrome.storage.session, settings, session and outbox in chrome.storage.local).
import { agentKeyOf } from '../lib/agent-key';
import { browser } from '../lib/browser';
import { isOdooContentScriptOrigin, keepOdooContentScriptsInSync } from '../lib/odoo-origins';
import { createRouter } from '../lib/router';
import { runCommand } from './commands';
import { applyTransition } from './effects';
import { backgroundHandlers } from './handlers';
import { onAlarm, onWorkerStart } from './lifecycle';
import { CALL_BACK_BUTTON, callBackFromNotification, missedIdOfNotification } from './missed-calls';
import { ACCEPT_BUTTON, callSidOfNotification, DECLINE_BUTTON } from './notifications';
import { parkOnSignOut } from './parked-wrap-ups';
import { acceptIncoming, declineIncoming, pushPhoneConfig } from './phone-control';
import { dispatch, onPhoneTransition } from './phone-store';
import { allowMessage } from './sender-policy';
import { setAfterSignOut } from './session';

onPhoneTransition(applyTransition);

// Call buttons on Odoo origins added at run time (options page), kept registered across
// updates, restarts and permission changes.
keepOdooContentScriptsInSync();

setAfterSignOut(async (ended) => {
  // The agent's pending wrap-up and draft wait for them; the next agent starts clean.
  await parkOnSignOut(ended ? agentKeyOf(ended) : undefined);
  await dispatch({ type: 'signed-out' });
  await pushPhoneConfig();
});

browser.runtime.onMessage.addListener(
  createRouter('background', backgroundHandlers, {
    allow: (type, sender) =>
      allowMessage(type, sender, browser.runtime.id, browser.runtime.getURL(''), isOdooContentScriptOrigin),
  }),
);

browser.alarms.onAlarm.addListener((alarm) => onAlarm(alarm.name));

chrome.notifications.onButtonClicked.addListener((notificationId, buttonIndex) => {
  const missedId = missedIdOfNotification(notificationId);
  if (missedId !== null) {
    if (buttonIndex === CALL_BACK_BUTTON)
      callBackFromNotification(missedId).catch((error: unknown) => console.warn('call back failed', error));
    return;
  }
  const callSid = callSidOfNotification(notificationId);
  if (!callSid) return;
  const answer =
    buttonIndex === ACCEPT_BUTTON ? acceptIncoming : buttonIndex === DECLINE_BUTTON ? declineIncoming : null;
  answer?.(callSid).catch((error: unknown) => console.warn('notification answer failed', error));
});

// Keyboard shortcuts (manifest `commands`): answer, hang up, mute.
browser.commands.onCommand.addListener((command) =>
  runCommand(command).catch((error: unknown) => console.warn('shortcut failed', command, error)),
);

// These two only make Chrome start the worker at browser start and on install; the work is
// done below, on every start, since a worker woken by a message needs it just as much.
browser.runtime.onStartup.addListener(() => undefined);
browser.runtime.onInstalled.addListener(() => undefined);

void onWorkerStart().catch((error: unknown) => console.warn('start-up failed', error));
