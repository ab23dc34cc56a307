// biome-ignore-all lint/suspicious/noTemplateCurlyInString: guards quote source code, placeholders and all.
/**
 * The guards of the threat model (docs/security.md), each with how to break it and the tests that
 * must then fail. `find` must occur exactly once in `file` (tests/guards/run.ts says "stale"
 * otherwise: the guard moved, update it here); `replace` is the guard removed or broken.
 */

export interface GuardTests {
  suite: 'unit' | 'worker' | 'e2e';
  /** Test files, relative to the repository. */
  files: string[];
  /** Only the tests whose name contains this (vitest `-t`, playwright `-g`). */
  name?: string;
}

export interface Guard {
  id: string;
  /** The guard, in words, for the table. */
  what: string;
  file: string;
  find: string;
  replace: string;
  tests: GuardTests;
}

const worker = (files: string[], name?: string): GuardTests => ({
  suite: 'worker',
  files: files.map((file) => `tests/worker/${file}`),
  ...(name ? { name } : {}),
});
const unit = (files: string[], name?: string): GuardTests => ({
  suite: 'unit',
  files: files.map((file) => `tests/unit/${file}`),
  ...(name ? { name } : {}),
});

export const GUARDS: Guard[] = [
  // Outsiders: every webhook signed, every agent route behind a session, CORS for the extension.
  {
    id: 'twilio-signature',
    what: 'Twilio webhooks need a valid X-Twilio-Signature',
    file: 'worker/middleware/twilio-signature.ts',
    find: 'if (!(await isValidTwilioSignature(TWILIO_AUTH_TOKEN, url, form, signature))) {',
    replace: 'if (false) {',
    tests: worker(['twilio-signature.test.ts']),
  },
  {
    id: 'signature-compare',
    what: 'signatures compared in full (constant time)',
    file: 'worker/twilio/signature.ts',
    find: 'for (let i = 0; i < a.length; i += 1) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);',
    replace: 'for (let i = 0; i < 1; i += 1) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);',
    tests: worker(['twilio-signature.test.ts']),
  },
  {
    id: 'session-signature',
    what: 'a session token must carry a valid HS256 signature',
    file: 'worker/jwt.ts',
    find: '  if (!valid) return null;',
    replace: '',
    tests: worker(['token.test.ts'], 'never issues a token without a valid session'),
  },
  {
    id: 'session-expiry',
    what: 'an expired session is refused',
    file: 'worker/session.ts',
    find: "if (Math.floor(now / 1000) >= exp) return { ok: false, reason: 'expired' };",
    replace: '',
    tests: worker(['token.test.ts'], 'expired session'),
  },
  {
    id: 'session-live',
    what: 'a session ended by sign-out or revocation is refused everywhere',
    file: 'worker/middleware/session.ts',
    find: 'if (!(await isSessionLive(c.env.DB, check.sessionId, check.agent.uid, now))) {',
    replace: 'if (false) {',
    tests: worker(['sessions.test.ts'], 'ends the session at once'),
  },
  {
    id: 'cors-origins',
    what: 'CORS only for the extension origins',
    file: 'worker/middleware/cors.ts',
    find: 'if (!listSetting(c.env.EXTENSION_ORIGINS).includes(origin)) {',
    replace: 'if (false) {',
    tests: worker(['cors.test.ts']),
  },
  {
    id: 'twiml-escaping',
    what: 'text in TwiML is escaped',
    file: 'worker/twilio/twiml.ts',
    find: "    .replace(/</g, '&lt;')\n    .replace(/>/g, '&gt;')",
    replace: '',
    tests: unit(['twiml.test.ts']),
  },
  {
    id: 'body-limit',
    what: 'request bodies over 16 KiB are refused before they are read',
    file: 'worker/app.ts',
    find: '  .use(limitBody())\n',
    replace: '',
    tests: worker(['bodies.test.ts']),
  },
  // Toll fraud.
  {
    id: 'dial-country',
    what: 'outbound calls only to DIAL_ALLOWED_COUNTRIES',
    file: 'worker/phone.ts',
    find: 'if (!allowedCountries.includes(parsed.country)) {',
    replace: 'if (false) {',
    tests: worker(['twiml.test.ts']),
  },
  // Who may be an agent.
  {
    id: 'agent-group',
    what: 'only members of AGENT_GROUP sign in',
    file: 'worker/odoo/agent-standing.ts',
    find: "return (await hasGroup(asAgent, uid, group)) ? 'ok' : 'not_in_group';",
    replace: "return 'ok';",
    tests: worker(['auth.test.ts'], 'answers 403'),
  },
  {
    id: 'agent-internal',
    what: 'portal and public (share) users never sign in',
    file: 'worker/odoo/agent-standing.ts',
    find: "  if (user.share !== false) return 'not_internal';\n",
    replace: '',
    tests: worker(['auth.test.ts'], 'answers 403'),
  },
  {
    id: 'agent-active',
    what: 'users Odoo no longer accepts (archived, password or key changed) are refused',
    file: 'worker/odoo/agent-standing.ts',
    find: "    if (error instanceof AgentCredentialRefused) return 'refused';\n",
    replace: '',
    tests: worker(['sessions.test.ts'], 'revokes an agent'),
  },
  {
    id: 'token-recheck',
    what: 'a token is refused to an agent Odoo no longer allows',
    file: 'worker/routes/token.ts',
    find: "if (standing !== null && standing !== 'ok') {",
    replace: 'if (false) {',
    tests: worker(['sessions.test.ts'], 'revokes an agent'),
  },
  {
    id: 'recheck-ttl',
    what: 'the agent is checked in Odoo again once the last check is a few minutes old',
    file: 'worker/agents/recheck.ts',
    find: 'if (fresh && agent.standing) return agent.standing;',
    replace: 'if (agent.standing) return agent.standing;',
    tests: worker(['sessions.test.ts'], 'asks Odoo when the last check is older'),
  },
  {
    id: 'revocation-ends-sessions',
    what: 'revoking an agent ends every session of theirs',
    file: 'worker/db/agents.ts',
    find: '    deleteAgentSessions(db, uid),\n',
    replace: '',
    tests: worker(['sessions.test.ts'], 'revokes an agent'),
  },
  {
    id: 'cron-recheck',
    what: 'the cron re-checks agents who can be rung',
    file: 'worker/index.ts',
    find: '    ctx.waitUntil(recheckRingableAgents(env));\n',
    replace: '',
    tests: worker(['sessions.test.ts'], 'finds from the cron'),
  },
  {
    id: 'ring-needs-session',
    what: 'inbound calls ring only agents with a live session',
    file: 'worker/db/agents.ts',
    find: '         AND EXISTS (SELECT 1 FROM sessions WHERE sessions.uid = agents.uid AND sessions.expires_at > ?1)\n',
    replace: '',
    tests: worker(['sessions.test.ts'], 'stops inbound calls ringing'),
  },
  {
    id: 'call-out-needs-session',
    what: 'a Twilio token left after sign-out or revocation cannot call out',
    file: 'worker/db/calls.ts',
    find: "const mayCall = (now: string) => `COALESCE(agents.standing, 'ok') = 'ok'",
    replace:
      "const mayCall = (now: string) => `1 = 1 OR ${now} = 0 OR COALESCE(agents.standing, 'ok') = 'ok'",
    tests: worker(['sessions.test.ts'], 'stops inbound calls ringing'),
  },
  // Which records a call may touch.
  {
    id: 'record-as-agent',
    what: 'a call’s record is chosen with the agent’s own Odoo rights, not the service account’s',
    file: 'worker/calls/choose-record.ts',
    find: '    const asAgent = await agentAccount(env, call.agent_uid, now);\n',
    replace: '    const asAgent = serviceAccount(env);\n',
    tests: worker(['record-choice.test.ts']),
  },
  {
    id: 'record-not-visible',
    what: 'a record the agent may not read (AccessError) is not theirs to log on: matched by number instead',
    file: 'worker/odoo/match.ts',
    find: "if (error instanceof OdooResponseError && error.exception === 'odoo.exceptions.AccessError') return [];",
    replace: 'if (false) return [];',
    tests: worker(['record-choice.test.ts'], 'never a lead'),
  },
  {
    id: 'record-needs-agent',
    what: 'with no credential of the agent left, the call is unmatched, not logged on the named record',
    file: 'worker/calls/choose-record.ts',
    find: "  if (choice.kind === 'no_credential') return { kind: 'none', reason: NO_CREDENTIAL_REASON };",
    replace:
      "  if (choice.kind === 'no_credential') return { kind: 'record', record: { model: call.record_model as CallRecordModel, id: Number(call.record_id) }, match: null };",
    tests: worker(['record-choice.test.ts'], 'none, with the reason'),
  },
  // Sign-in abuse and Odoo's own lockout.
  {
    id: 'login-look-up',
    what: 'a login no active user has never reaches Odoo with a password',
    file: 'worker/agents/sign-in.ts',
    find: "    if (!(await loginExists(service, login))) return { kind: 'refused' };\n",
    replace: '',
    tests: worker(['auth.test.ts'], 'never hands Odoo the password'),
  },
  {
    id: 'cooldown-told-apart',
    what: 'Odoo’s cooldown is told from a wrong password (and not held against the agent)',
    file: 'worker/agents/sign-in.ts',
    find: "if (await serviceCanLogIn(env)) return { kind: 'refused' };",
    replace: "return { kind: 'refused' };",
    tests: worker(['auth.test.ts'], 'cooldown'),
  },
  {
    id: 'limit-per-login-and-client',
    what: 'failed sign-ins are limited per login and client',
    file: 'worker/agents/sign-in-limits.ts',
    find: '    hit(db, keys.pair, PER_LOGIN_AND_CLIENT, now),',
    replace: '    Promise.resolve({ allowed: true as const }),',
    tests: worker(['auth.test.ts'], 'limits'),
  },
  {
    id: 'lockout-per-client',
    what: 'a lockout falls on the guesser’s address, not on the agent',
    file: 'worker/agents/sign-in-limits.ts',
    find: 'pair: `sign-in:${loginKey(login)}|${client}`',
    replace: 'pair: `sign-in:${loginKey(login)}`',
    tests: worker(['auth.test.ts'], 'own address while someone else'),
  },
  {
    id: 'limit-per-client',
    what: 'one client spraying passwords over many logins is locked out',
    file: 'worker/agents/sign-in-limits.ts',
    find: '    hit(db, keys.client, PER_CLIENT, now),',
    replace: '    Promise.resolve({ allowed: true as const }),',
    tests: worker(['auth.test.ts'], 'sprays passwords'),
  },
  {
    id: 'lockout-back-off',
    what: 'each lockout in a row lasts twice as long',
    file: 'worker/db/rate-limits.ts',
    find: 'rule.blockMs * 2 ** Math.min(row.strikes, 20)',
    replace: 'rule.blockMs',
    tests: worker(['auth.test.ts'], 'twice as long'),
  },
  // Notes: one wrap-up per call, rate-limited, from its own agent, in well-formed text.
  {
    id: 'wrap-up-once',
    what: 'a different wrap-up is refused once one is in Odoo',
    file: 'worker/db/wrap-ups.ts',
    find: '(w.in_note = 1 OR w.message_id IS NOT NULL)',
    replace: '(0)',
    tests: worker(['calls-api.test.ts'], 'one wrap-up per call'),
  },
  {
    id: 'wrap-up-rate',
    what: 'wrap-ups are rate-limited per agent',
    file: 'worker/routes/calls.ts',
    find: 'if (!allowed.allowed) {',
    replace: 'if (false) {',
    tests: worker(['calls-api.test.ts'], 'limits an agent'),
  },
  {
    id: 'wrap-up-own-call',
    what: 'only the call’s agent wraps it up',
    file: 'worker/routes/calls.ts',
    find: 'if (call.agent_uid !== c.var.agent.uid) {',
    replace: 'if (false) {',
    tests: worker(['calls-api.test.ts'], 'own agent only'),
  },
  {
    id: 'well-formed-unicode',
    what: 'text that is not well-formed Unicode is refused',
    file: 'worker/validation.ts',
    find: 'if (!isWellFormedText(value)) {',
    replace: 'if (false) {',
    tests: worker(['auth.test.ts', 'calls-api.test.ts'], 'well-formed Unicode'),
  },
  {
    id: 'credential-sealed',
    what: 'the agent’s Odoo credential opens only with its session and the worker’s secret',
    file: 'worker/sealed-credential.ts',
    find: 'const associatedData = (owner: { uid: number; sessionId: string }) =>\n  encoder.encode(`${owner.uid}:${owner.sessionId}`);',
    replace: "const associatedData = (_owner: { uid: number; sessionId: string }) => encoder.encode('');",
    tests: worker(['auth.test.ts'], 'only sealed'),
  },
  // The extension's surface: a hostile page, a shared browser profile.
  {
    id: 'content-trusted-click',
    what: 'a call button dials only on a real click or key press, not a script’s',
    file: 'extension/content/content-script.ts',
    find: '      if (!event.isTrusted) return;',
    replace: '',
    tests: unit(['content/dialing.test.ts']),
  },
  {
    id: 'toast-trusted-click',
    what: 'the in-page toast answers only on a real click',
    file: 'extension/content/incoming-toast.ts',
    find: "if (event.isTrusted) void answer('acceptIncoming');",
    replace: "void answer('acceptIncoming');",
    tests: unit(['content/incoming-toast.test.ts']),
  },
  {
    id: 'content-origin',
    what: 'content-script messages only from a page of the configured Odoo',
    file: 'extension/background/sender-policy.ts',
    find: 'return origin !== null && isOdooPage(origin);',
    replace: 'return true;',
    tests: unit(['phone/router.test.ts', 'phone/background-calls.test.ts']),
  },
  {
    id: 'outbox-own-agent',
    what: 'a wrap-up is sent only with the session of the agent who was on the call',
    file: 'extension/background/outbox.ts',
    find: '    if (!isOwnedBy(item, agent)) continue;',
    replace: '',
    tests: unit(['phone/outbox.test.ts']),
  },
];
