// Multi-factor authentication with the web SDK (appwrite@27.0.0, a signed-in user) and
// node-appwrite (API key): TOTP authenticators (codes computed with otpauth), enforcement of a
// second factor, challenges by TOTP, email (loopback SMTP sink), phone (loopback Twilio
// stand-in) and recovery codes, the Users API, and Appwrite's errors for bad input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as OTPAuth from 'otpauth';
import { Client, Account, ID, AuthenticatorType, AuthenticationFactor } from 'appwrite';
import * as server_sdk from 'node-appwrite';
import { startServer } from './harness.mjs';
import { assertModel, assertError, ISO_DATETIME, plain, rejectsWith } from './spec.mjs';
import { Browser, closeBrowsers } from './browser.mjs';
import { startSmtpSink } from './peers/smtp.mjs';
import { startSmsReceiver } from './peers/sms.mjs';

const ACCOUNT_OMITS = { omit: ['password', 'hash', 'hashOptions', 'impersonatorUserId'] };
const KEY_USER_OMITS = { omit: ['impersonatorUserId'] };
const PASSWORD = 'correct horse battery';

let server;
let smtp;
let sms;
let users;
before(async () => {
    smtp = await startSmtpSink();
    sms = await startSmsReceiver({ accountSid: 'AC123', authToken: 'secret' });
    server = await startServer({
        serveArgs: ['--smtp-host', '127.0.0.1', '--smtp-port', String(smtp.port),
            '--twilio-account-sid', 'AC123', '--twilio-auth-token', 'secret', '--twilio-url', sms.baseUrl,
            '--sms-from', '+15550000000'],
    });
    users = new server_sdk.Users(server.client());
});
after(async () => {
    closeBrowsers();
    if (server) await server.stop();
    if (smtp) await smtp.stop();
    if (sms) await sms.stop();
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));


let counter = 0;
function newEmail() {
    counter += 1;
    return `mfa${counter}-${Date.now()}@example.com`;
}
function newPhone() {
    counter += 1;
    return `+1555${String(Date.now() % 10_000_000).padStart(7, '0').slice(0, 5)}${String(counter).padStart(2, '0')}`;
}

/** The current TOTP code, waiting for the next 30 s step when this one is about to end. */
async function totpNow(secret) {
    const intoStep = Date.now() % 30_000;
    if (intoStep > 27_500) await sleep(30_000 - intoStep + 100);
    return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 })
        .generate();
}
function otherCode(code) {
    return code === '000000' ? '111111' : '000000';
}

/** A browser with the web SDK signed in as email/password; `use()` it again before each call. */
async function signIn(email, password = PASSWORD) {
    const browser = new Browser().use();
    const account = new Account(new Client().setEndpoint(server.endpoint).setProject(server.projectId));
    const session = await account.createEmailPasswordSession({ email, password });
    return { browser, account, session };
}

/** A user made with the API key, with the given addresses verified. */
async function keyUser({ email = newEmail(), phone, emailVerified = false, phoneVerified = false } = {}) {
    const user = await users.create({ userId: ID.unique(), email, phone, password: PASSWORD });
    if (emailVerified) await users.updateEmailVerification({ userId: user.$id, emailVerification: true });
    if (phoneVerified) await users.updatePhoneVerification({ userId: user.$id, phoneVerification: true });
    return { ...plain(user), email, phone };
}

/** Raw request as the browser's session (X-Fallback-Cookies). */
function asBrowser(browser, method, path, body) {
    return server.api(method, path, {
        key: null,
        body,
        headers: { 'x-fallback-cookies': JSON.stringify(browser.cookies()) },
    });
}

/** Signs a new user up, adds and verifies a TOTP authenticator; returns {email, secret, ...}. */
async function userWithTotp() {
    const email = newEmail();
    const browser = new Browser().use();
    const account = new Account(new Client().setEndpoint(server.endpoint).setProject(server.projectId));
    const user = await account.create({ userId: ID.unique(), email, password: PASSWORD });
    await account.createEmailPasswordSession({ email, password: PASSWORD });
    const { secret } = await account.createMFAAuthenticator({ type: AuthenticatorType.Totp });
    await account.updateMFAAuthenticator({ type: AuthenticatorType.Totp, otp: await totpNow(secret) });
    return { user, email, secret, browser, account };
}

test('TOTP: enrol, switch MFA on, a new session needs the second factor, a challenge completes it', async () => {
    const email = newEmail();
    const browser = new Browser().use();
    const account = new Account(new Client().setEndpoint(server.endpoint).setProject(server.projectId));
    await account.create({ userId: ID.unique(), email, password: PASSWORD });
    await account.createEmailPasswordSession({ email, password: PASSWORD });

    const none = await account.listMFAFactors();
    assertModel(none, 'mfaFactors');
    assert.deepEqual(plain(none), { totp: false, phone: false, email: false, recoveryCode: false });

    const type = await account.createMFAAuthenticator({ type: AuthenticatorType.Totp });
    assertModel(type, 'mfaType');
    assert.match(type.secret, /^[A-Z2-7]{103}$/);
    assert.equal(type.uri, `otpauth://totp/E2E%3A${encodeURIComponent(email)}?issuer=E2E&secret=${type.secret}`);
    // The URI is what authenticator apps read: it yields the same codes.
    const parsed = OTPAuth.URI.parse(type.uri);
    assert.equal(parsed.issuer, 'E2E');
    assert.equal(parsed.label, email);

    const code = await totpNow(type.secret);
    await rejectsWith(account.updateMFAAuthenticator({ type: AuthenticatorType.Totp, otp: otherCode(code) }),
        401, 'user_invalid_token');
    const verified = await account.updateMFAAuthenticator({ type: AuthenticatorType.Totp, otp: await totpNow(type.secret) });
    assertModel(verified, 'user', 'user', ACCOUNT_OMITS);
    assert.equal(verified.mfa, false);
    const current = await account.getSession({ sessionId: 'current' });
    assert.deepEqual(current.factors, ['password', 'totp'], 'verifying the authenticator proves it on this session');
    await rejectsWith(account.createMFAAuthenticator({ type: AuthenticatorType.Totp }), 409,
        'user_authenticator_already_verified');

    const on = await account.updateMFA({ mfa: true });
    assertModel(on, 'user', 'user', ACCOUNT_OMITS);
    assert.equal(on.mfa, true);
    assert.equal((await account.get()).mfa, true, 'the session that switched MFA on keeps working');

    // A second sign-in has one factor and is held at the door of every other route.
    const second = await signIn(email);
    assert.deepEqual(second.session.factors, ['password']);
    await rejectsWith(second.account.get(), 401, 'user_more_factors_required');
    await rejectsWith(second.account.listSessions(), 401, 'user_more_factors_required');
    await rejectsWith(second.account.createMFARecoveryCodes(), 401, 'user_more_factors_required');
    const factors = await second.account.listMFAFactors();
    assert.deepEqual(plain(factors), { totp: true, phone: false, email: false, recoveryCode: false });

    const challenge = await second.account.createMFAChallenge({ factor: AuthenticationFactor.Totp });
    assertModel(challenge, 'mfaChallenge');
    assert.equal(challenge.userId, on.$id);
    const expiresIn = Date.parse(challenge.expire) - Date.parse(challenge.$createdAt);
    assert.ok(Math.abs(expiresIn - 3600_000) < 2000, `a challenge lasts an hour, got ${expiresIn} ms`);
    const now = await totpNow(type.secret);
    await rejectsWith(second.account.updateMFAChallenge({ challengeId: challenge.$id, otp: otherCode(now) }),
        401, 'user_invalid_token');
    second.browser.use();
    const upgraded = await second.account.updateMFAChallenge({ challengeId: challenge.$id, otp: await totpNow(type.secret) });
    assertModel(upgraded, 'session');
    assert.equal(upgraded.$id, second.session.$id);
    assert.equal(upgraded.current, true);
    assert.deepEqual(upgraded.factors, ['password', 'totp']);
    assert.match(upgraded.mfaUpdatedAt, ISO_DATETIME);
    assert.equal((await second.account.get()).email, email, 'two factors: the session works');
    await rejectsWith(second.account.updateMFAChallenge({ challengeId: challenge.$id, otp: await totpNow(type.secret) }),
        401, 'user_invalid_token');

    // Signing out is allowed with one factor.
    const third = await signIn(email);
    await third.account.deleteSession({ sessionId: 'current' });
});

test('recovery codes: created once, read and regenerated only after a recent challenge, each used once', async () => {
    const { browser, account, email, secret } = await userWithTotp();
    browser.use();
    const created = await account.createMFARecoveryCodes();
    assertModel(created, 'mfaRecoveryCodes');
    assert.equal(created.recoveryCodes.length, 6);
    for (const code of created.recoveryCodes) assert.match(code, /^[0-9a-f]{10}$/);
    await rejectsWith(account.createMFARecoveryCodes(), 409, 'user_recovery_codes_already_exists');
    // Verifying the authenticator is not a challenge: reading the codes needs one.
    await rejectsWith(account.getMFARecoveryCodes(), 401, 'user_challenge_required');
    await rejectsWith(account.updateMFARecoveryCodes(), 401, 'user_challenge_required');
    const totp = await account.createMFAChallenge({ factor: AuthenticationFactor.Totp });
    await account.updateMFAChallenge({ challengeId: totp.$id, otp: await totpNow(secret) });
    assert.deepEqual((await account.getMFARecoveryCodes()).recoveryCodes, created.recoveryCodes);
    const regenerated = await account.updateMFARecoveryCodes();
    assertModel(regenerated, 'mfaRecoveryCodes');
    assert.equal(regenerated.recoveryCodes.length, 6);
    assert.notDeepEqual(regenerated.recoveryCodes, created.recoveryCodes);
    await account.updateMFA({ mfa: true });
    const codes = regenerated.recoveryCodes;

    const first = await signIn(email);
    await rejectsWith(first.account.get(), 401, 'user_more_factors_required');
    assert.equal((await first.account.listMFAFactors()).recoveryCode, true);
    // The SDK spells the factor "recoverycode".
    const challenge = await first.account.createMFAChallenge({ factor: AuthenticationFactor.Recoverycode });
    await rejectsWith(first.account.updateMFAChallenge({ challengeId: challenge.$id, otp: created.recoveryCodes[0] }),
        401, 'user_invalid_token');
    const session = await first.account.updateMFAChallenge({ challengeId: challenge.$id, otp: codes[0] });
    assert.deepEqual(session.factors, ['password', 'recoveryCode']);
    assert.equal((await first.account.get()).email, email);

    const second = await signIn(email);
    const again = await second.account.createMFAChallenge({ factor: AuthenticationFactor.Recoverycode });
    await rejectsWith(second.account.updateMFAChallenge({ challengeId: again.$id, otp: codes[0] }), 401,
        'user_invalid_token');
    await second.account.updateMFAChallenge({ challengeId: again.$id, otp: codes[1] });
    const left = (await second.account.getMFARecoveryCodes()).recoveryCodes;
    assert.deepEqual(left, codes.slice(2), 'the two used codes are gone');

    // Appwrite's own spelling of the factor works too (raw HTTP, as its console sends it).
    const third = await signIn(email);
    const raw = await asBrowser(third.browser, 'POST', '/account/mfa/challenges', { factor: 'recoveryCode' });
    assert.equal(raw.status, 201, raw.text);
    const done = await asBrowser(third.browser, 'PUT', '/account/mfa/challenges', { challengeId: raw.body.$id, otp: codes[2] });
    assert.equal(done.status, 200, done.text);
    assert.deepEqual(done.body.factors, ['password', 'recoveryCode']);
});

test('email factor: the code arrives through SMTP and completes the challenge', async () => {
    const user = await keyUser({ emailVerified: true });
    await users.updateMFA({ userId: user.$id, mfa: true });
    const { browser, account } = await signIn(user.email);
    await rejectsWith(account.get(), 401, 'user_more_factors_required');
    assert.deepEqual(plain(await account.listMFAFactors()), { totp: false, phone: false, email: true, recoveryCode: false });
    smtp.clear();
    const challenge = await account.createMFAChallenge({ factor: AuthenticationFactor.Email });
    assertModel(challenge, 'mfaChallenge');
    const mail = await smtp.waitFor(user.email);
    const code = /\b(\d{6})\b/.exec(mail.text)?.[1];
    assert.ok(code, `a six-digit code in ${mail.text}`);
    assert.match(mail.subject, /E2E/);
    await rejectsWith(account.updateMFAChallenge({ challengeId: challenge.$id, otp: otherCode(code) }), 401,
        'user_invalid_token');
    const session = await account.updateMFAChallenge({ challengeId: challenge.$id, otp: code });
    assert.deepEqual(session.factors, ['password', 'email']);
    assert.equal((await account.get()).$id, user.$id);
    // Appwrite's /account/mfa/challenge alias serves the same endpoint.
    const aliased = await asBrowser(browser, 'POST', '/account/mfa/challenge', { factor: 'email' });
    assert.equal(aliased.status, 201, aliased.text);
    assertModel(aliased.body, 'mfaChallenge');
    const second = await smtp.waitFor((m) => m.to === user.email && !m.text.includes(code));
    const aliasCode = /\b(\d{6})\b/.exec(second.text)[1];
    const done = await asBrowser(browser, 'PUT', '/account/mfa/challenge', { challengeId: aliased.body.$id, otp: aliasCode });
    assert.equal(done.status, 200, done.text);
    assert.deepEqual(done.body.factors, ['password', 'email']);
});

test('phone factor: the code arrives by SMS and completes the challenge', async () => {
    const user = await keyUser({ phone: newPhone(), phoneVerified: true });
    await users.updateMFA({ userId: user.$id, mfa: true });
    const { account } = await signIn(user.email);
    await rejectsWith(account.get(), 401, 'user_more_factors_required');
    const challenge = await account.createMfaChallenge({ factor: AuthenticationFactor.Phone }); // old spelling
    const message = await sms.waitFor(user.phone);
    assert.match(message.body, /^\d{6}$/);
    assert.equal(message.from, '+15550000000');
    const session = await account.updateMfaChallenge({ challengeId: challenge.$id, otp: message.body });
    assert.deepEqual(session.factors, ['password', 'phone']);
    await account.get();
});

test('bad challenge input: unknown factor, missing or unverified address, unknown challenge', async () => {
    const anonymous = new Browser().use();
    const account = new Account(new Client().setEndpoint(server.endpoint).setProject(server.projectId));
    await account.createAnonymousSession();
    await rejectsWith(account.createMFAChallenge({ factor: AuthenticationFactor.Email }), 400, 'user_email_not_found');
    await rejectsWith(account.createMFAChallenge({ factor: AuthenticationFactor.Phone }), 400, 'user_phone_not_found');
    for (const body of [{}, { factor: 'sms' }, { factor: '' }, { factor: 7 }]) {
        assertError(await asBrowser(anonymous, 'POST', '/account/mfa/challenges', body), 400, 'general_argument_invalid');
    }
    assertError(await asBrowser(anonymous, 'POST', '/account/mfa/challenges', { factor: 'custom' }), 501,
        'user_auth_method_unsupported');
    await rejectsWith(account.updateMFAChallenge({ challengeId: 'nope', otp: '123456' }), 401, 'user_invalid_token');
    assertError(await asBrowser(anonymous, 'PUT', '/account/mfa/challenges', { challengeId: 'nope' }), 400,
        'general_argument_invalid');
    assertError(await asBrowser(anonymous, 'PUT', '/account/mfa/challenges', { otp: '123456' }), 400,
        'general_argument_invalid');

    const user = await keyUser({ phone: newPhone() });
    const signed = await signIn(user.email);
    smtp.clear();
    await rejectsWith(signed.account.createMFAChallenge({ factor: AuthenticationFactor.Email }), 400, 'user_email_not_verified');
    await rejectsWith(signed.account.createMFAChallenge({ factor: AuthenticationFactor.Phone }), 400, 'user_phone_not_verified');
    await sleep(300);
    assert.equal(smtp.messages.filter((m) => m.to === user.email).length, 0, 'no email sent');
    assert.equal(sms.messages.filter((m) => m.to === user.phone).length, 0, 'no SMS sent');
    // Another user's challenge is not this user's to complete.
    const other = await keyUser({ emailVerified: true });
    const otherSession = await signIn(other.email);
    const foreign = await otherSession.account.createMFAChallenge({ factor: AuthenticationFactor.Email });
    const mail = await smtp.waitFor(other.email);
    const code = /\b(\d{6})\b/.exec(mail.text)[1];
    signed.browser.use();
    await rejectsWith(signed.account.updateMFAChallenge({ challengeId: foreign.$id, otp: code }), 401, 'user_invalid_token');
    otherSession.browser.use();
    const ok = await otherSession.account.updateMFAChallenge({ challengeId: foreign.$id, otp: code });
    assert.deepEqual(ok.factors, ['password', 'email'], 'the refused attempt left the challenge usable');
    // Guests have no account scope.
    assertError(await server.api('GET', '/account/mfa/factors', { key: null }), 401, 'general_unauthorized_scope');
});

test('bad authenticator and MFA input', async () => {
    const user = await keyUser();
    const { browser, account } = await signIn(user.email);
    await rejectsWith(account.updateMFAAuthenticator({ type: AuthenticatorType.Totp, otp: '123456' }), 404,
        'user_authenticator_not_found');
    for (const [method, body] of [['POST', undefined], ['PUT', { otp: '123456' }]]) {
        assertError(await asBrowser(browser, method, '/account/mfa/authenticators/sms', body), 400, 'general_argument_invalid');
    }
    assertError(await asBrowser(browser, 'PUT', '/account/mfa/authenticators/totp', {}), 400, 'general_argument_invalid');
    assertError(await asBrowser(browser, 'PATCH', '/account/mfa', {}), 400, 'general_argument_invalid');
    assertError(await asBrowser(browser, 'PATCH', '/account/mfa', { mfa: 'maybe' }), 400, 'general_argument_invalid');
    const after = await users.get({ userId: user.$id });
    assert.equal(after.mfa, false, 'the refused calls changed nothing');
    // Removing the authenticator needs a recent challenge, then an authenticator.
    await rejectsWith(account.deleteMFAAuthenticator({ type: AuthenticatorType.Totp }), 401, 'user_challenge_required');
    const { secret } = await account.createMFAAuthenticator({ type: AuthenticatorType.Totp });
    const unverifiedChallenge = await account.createMFAChallenge({ factor: AuthenticationFactor.Totp });
    await rejectsWith(account.updateMFAChallenge({ challengeId: unverifiedChallenge.$id, otp: await totpNow(secret) }),
        401, 'user_invalid_token');
    await account.updateMFAAuthenticator({ type: AuthenticatorType.Totp, otp: await totpNow(secret) });
    const challenge = await account.createMFAChallenge({ factor: AuthenticationFactor.Totp });
    await account.updateMFAChallenge({ challengeId: challenge.$id, otp: await totpNow(secret) });
    await account.deleteMFAAuthenticator({ type: AuthenticatorType.Totp });
    assert.equal((await account.listMFAFactors()).totp, false);
    await rejectsWith(account.deleteMFAAuthenticator({ type: AuthenticatorType.Totp }), 404, 'user_authenticator_not_found');
    // MFA on without any verified extra factor: one factor is enough.
    await account.updateMFA({ mfa: true });
    const next = await signIn(user.email);
    assert.equal((await next.account.get()).mfa, true);
});

test('without SMTP or SMS the email and phone factors are unavailable (503); TOTP challenges still work', async () => {
    const bare = await startServer();
    try {
        const bareUsers = new server_sdk.Users(bare.client());
        const email = newEmail();
        const phone = newPhone();
        const user = await bareUsers.create({ userId: ID.unique(), email, phone, password: PASSWORD });
        await bareUsers.updateEmailVerification({ userId: user.$id, emailVerification: true });
        await bareUsers.updatePhoneVerification({ userId: user.$id, phoneVerification: true });
        const session = await bare.api('POST', '/account/sessions/email', { key: null, body: { email, password: PASSWORD } });
        const cookie = session.headers.getSetCookie().find((c) => c.startsWith(`a_session_${bare.projectId}=`)).split(';')[0];
        const call = (body) => bare.api('POST', '/account/mfa/challenges', { key: null, headers: { cookie }, body });
        assertError(await call({ factor: 'email' }), 503, 'general_smtp_disabled');
        assertError(await call({ factor: 'phone' }), 503, 'general_phone_disabled');
        assert.equal((await call({ factor: 'totp' })).status, 201);
    } finally {
        await bare.stop();
    }
});

test('Users API: MFA switch, factors, recovery codes and authenticator removal with a key', async () => {
    const user = await keyUser({ phone: newPhone(), phoneVerified: true });
    const on = await users.updateMFA({ userId: user.$id, mfa: true });
    assertModel(on, 'user', 'user', KEY_USER_OMITS);
    assert.equal(on.mfa, true);
    assert.equal((await users.updateMFA({ userId: user.$id, mfa: false })).mfa, false);

    const factors = await users.listMFAFactors({ userId: user.$id });
    assertModel(factors, 'mfaFactors');
    assert.deepEqual(plain(factors), { totp: false, phone: true, email: false, recoveryCode: false });

    await rejectsWith(users.getMFARecoveryCodes({ userId: user.$id }), 404, 'user_recovery_codes_not_found');
    await rejectsWith(users.updateMFARecoveryCodes({ userId: user.$id }), 404, 'user_recovery_codes_not_found');
    const created = await users.createMFARecoveryCodes({ userId: user.$id });
    assertModel(created, 'mfaRecoveryCodes');
    assert.equal(created.recoveryCodes.length, 6);
    const raw = await server.api('PATCH', `/users/${user.$id}/mfa/recovery-codes`);
    assertError(raw, 409, 'user_recovery_codes_already_exists');
    assert.deepEqual((await users.getMFARecoveryCodes({ userId: user.$id })).recoveryCodes, created.recoveryCodes);
    const regenerated = await users.updateMFARecoveryCodes({ userId: user.$id });
    assert.notDeepEqual(regenerated.recoveryCodes, created.recoveryCodes);
    assert.deepEqual((await users.getMFARecoveryCodes({ userId: user.$id })).recoveryCodes, regenerated.recoveryCodes);
    // Appwrite's Users API reports recoveryCode false even when the user has codes.
    assert.equal((await users.listMFAFactors({ userId: user.$id })).recoveryCode, false);

    await rejectsWith(users.deleteMFAAuthenticator({ userId: user.$id, type: 'totp' }), 404, 'user_authenticator_not_found');
    const { account } = await signIn(user.email);
    const { secret } = await account.createMFAAuthenticator({ type: AuthenticatorType.Totp });
    await account.updateMFAAuthenticator({ type: AuthenticatorType.Totp, otp: await totpNow(secret) });
    assert.equal((await users.listMFAFactors({ userId: user.$id })).totp, true);
    await users.deleteMFAAuthenticator({ userId: user.$id, type: 'totp' });
    assert.equal((await users.listMFAFactors({ userId: user.$id })).totp, false);

    // A key locks a user out of single-factor sessions and lets them back in.
    await users.updateMFA({ userId: user.$id, mfa: true });
    const locked = await signIn(user.email);
    await rejectsWith(locked.account.get(), 401, 'user_more_factors_required');
    await users.updateMFA({ userId: user.$id, mfa: false });
    locked.browser.use();
    assert.equal((await locked.account.get()).$id, user.$id);

    // Unknown users and bad input.
    for (const [method, path, body] of [
        ['PATCH', '/users/nobody/mfa', { mfa: true }],
        ['GET', '/users/nobody/mfa/factors'],
        ['DELETE', '/users/nobody/mfa/authenticators/totp'],
        ['GET', '/users/nobody/mfa/recovery-codes'],
        ['PATCH', '/users/nobody/mfa/recovery-codes'],
        ['PUT', '/users/nobody/mfa/recovery-codes'],
    ]) {
        assertError(await server.api(method, path, { body }), 404, 'user_not_found');
    }
    assertError(await server.api('PATCH', `/users/${user.$id}/mfa`, { body: {} }), 400, 'general_argument_invalid');
    assertError(await server.api('DELETE', `/users/${user.$id}/mfa/authenticators/sms`), 400, 'general_argument_invalid');
    assertError(await server.api('GET', '/users/bad!id/mfa/factors'), 400, 'general_argument_invalid');
    // Scopes: users.read cannot write.
    const { apiKey } = server.createKey({ scopes: ['users.read'] });
    assertError(await server.api('PATCH', `/users/${user.$id}/mfa`, { key: apiKey, body: { mfa: true } }), 401,
        'general_unauthorized_scope');
    assert.equal((await server.api('GET', `/users/${user.$id}/mfa/factors`, { key: apiKey })).status, 200);
});
