// Token sign-in, verification and password recovery with the web SDK (appwrite@27.0.0), the
// server SDK (node-appwrite@27.1.0) and raw HTTP, against loopback SMTP and SMS peers.
//
// Appwrite 1.9.6 behaviour pinned here (app/controllers/api/account.php: $createSession,
// createMagicURLToken, createEmailToken, createPhoneToken, createRecovery, updateRecovery,
// createEmailVerification, updateEmailVerification, createPhoneVerification,
// updatePhoneVerification; src/Appwrite/Platform/Modules/Users/Http/Users/Tokens/Create.php):
// - magic URL and email OTP create the user for a new email; the link is `url` plus userId,
//   secret, expire and project; the token's secret is empty for clients, shown to API keys;
// - exchanging a token: magic URL -> provider magic-url, factor email; email OTP -> provider token,
//   factor email; phone -> provider phone, factor phone; custom -> provider token, factor token;
//   email tokens mark the email verified, phone tokens the phone; a token works once;
// - wrong, used or expired secrets: 401 user_invalid_token; signed-in callers: 401
//   user_session_already_exists;
// - no SMTP server: 503 general_smtp_disabled; no SMS gateway: 503 general_phone_disabled;
// - recovery: unknown email 404 user_not_found; the new password replaces the old, the user's
//   sessions end, the email counts as verified;
// - verification of a verified address: 409 user_email_already_verified /
//   user_phone_already_verified; no phone: 400 user_phone_not_found;
// - custom tokens: length 4..128 (default 6), expire 60..31536000 s (default 900).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client, Account, ID } from 'appwrite';
import * as server_sdk from 'node-appwrite';
import { startServer } from './harness.mjs';
import { assertModel, assertError, ISO_DATETIME, rejectsWith } from './spec.mjs';
import { Browser, closeBrowsers } from './browser.mjs';
import { startSmtpSink } from './peers/smtp.mjs';
import { startSmsReceiver } from './peers/sms.mjs';

const APP_URL = 'http://localhost:3000/auth/callback';

let server;
let smtp;
let sms;
let expiring; // a custom token created first and tried last, once expired

before(async () => {
    smtp = await startSmtpSink();
    sms = await startSmsReceiver({ accountSid: 'AC123', authToken: 'secret' });
    server = await startServer({
        serveArgs: [
            '--smtp-host', '127.0.0.1', '--smtp-port', String(smtp.port),
            '--twilio-account-sid', 'AC123', '--twilio-auth-token', 'secret',
            '--twilio-url', sms.baseUrl, '--sms-from', '+15550000000',
        ],
    });
    const users = new server_sdk.Users(server.client());
    const user = await users.create({ userId: ID.unique(), email: newEmail() });
    expiring = await users.createToken({ userId: user.$id, expire: 60 });
});

after(async () => {
    closeBrowsers();
    if (server) await server.stop();
    if (smtp) await smtp.stop();
    if (sms) await sms.stop();
});

let counter = 0;
function newEmail() {
    counter += 1;
    return `tok${counter}-${Date.now()}@example.com`;
}
function newPhone() {
    counter += 1;
    return `+1415${String(Date.now() % 1_000_000).padStart(6, '0')}${counter % 10}`;
}

/** A web-SDK Account in a fresh browser (its own X-Fallback-Cookies storage). */
function webAccount() {
    new Browser().use();
    return new Account(new Client().setEndpoint(server.endpoint).setProject(server.projectId));
}


/** The link with a secret in an email's text part, parsed. */
function linkIn(mail) {
    const found = (mail.text.match(/https?:\/\/[^\s<>"\]]+/g) ?? []).find((u) => u.includes('secret='));
    assert.ok(found, `no link with a secret in: ${mail.text}`);
    return new URL(found);
}

function codeIn(text) {
    const match = /\b(\d{6})\b/.exec(text);
    assert.ok(match, `no six-digit code in: ${text}`);
    return match[1];
}

async function usersWithEmail(email, target = server) {
    const res = await target.api('GET', `/users?queries[]=${encodeURIComponent(JSON.stringify({ method: 'equal', attribute: 'email', values: [email] }))}`);
    assert.equal(res.status, 200, res.text);
    return res.body.total;
}

async function userById(userId) {
    const res = await server.api('GET', `/users/${userId}`);
    assert.equal(res.status, 200, res.text);
    return res.body;
}

test('magic URL: a new email gets an account, an email with the link, and a session from it', async () => {
    const email = newEmail();
    const userId = ID.unique();
    const token = await webAccount().createMagicURLToken({ userId, email, url: `${APP_URL}?from=mail` });
    assertModel(token, 'token');
    assert.equal(token.secret, '', 'the secret goes by email only');
    assert.equal(token.phrase, '');
    assert.match(token.expire, ISO_DATETIME);
    const minutes = (Date.parse(token.expire) - Date.now()) / 60_000;
    assert.ok(minutes > 58 && minutes <= 60, `magic URLs last an hour, not ${minutes} min`);

    const mail = await smtp.waitFor(email);
    const link = linkIn(mail);
    assert.equal(`${link.origin}${link.pathname}`, APP_URL);
    assert.equal(link.searchParams.get('from'), 'mail', 'the URL keeps its own parameters');
    assert.equal(link.searchParams.get('userId'), token.userId);
    assert.equal(link.searchParams.get('expire'), token.expire);
    assert.equal(link.searchParams.get('project'), server.projectId);
    assert.match(link.searchParams.get('secret'), /^[0-9a-f]{64}$/);

    const account = webAccount();
    const session = await account.createSession({ userId: token.userId, secret: link.searchParams.get('secret') });
    assertModel(session, 'session');
    assert.equal(session.provider, 'magic-url');
    assert.deepEqual(session.factors, ['email']);
    assert.equal(session.current, true);
    assert.equal(session.secret, '');
    const me = await account.get();
    assert.equal(me.email, email);
    assert.equal(me.emailVerification, true, 'following the link proves the address');
    assert.equal(me.$id, token.userId);

    // Single use.
    await rejectsWith(webAccount().createSession({ userId: token.userId, secret: link.searchParams.get('secret') }), 401, 'user_invalid_token');
    const again = await webAccount().createMagicURLToken({ userId: ID.unique(), email, url: APP_URL });
    assert.equal(again.userId, token.userId, 'an existing email keeps its user; the userId param is ignored');
    closeBrowsers();
});

test('magic URL: phrase, API keys see the secret, the deprecated routes', async () => {
    const email = newEmail();
    const withPhrase = await webAccount().createMagicURLToken({ userId: ID.unique(), email, url: APP_URL, phrase: true });
    assert.match(withPhrase.phrase, /^[A-Z][a-z]+ [a-z]+$/);
    const mail = await smtp.waitFor(email);
    assert.ok(mail.text.includes(withPhrase.phrase), 'the email shows the same phrase');

    // A key sees the secret and may exchange it for the user (server-side rendering).
    const keyAccount = new server_sdk.Account(server.client());
    const keyed = await keyAccount.createMagicURLToken({ userId: ID.unique(), email, url: APP_URL });
    assert.match(keyed.secret, /^[0-9a-f]{64}$/);
    const viaKey = await keyAccount.createSession({ userId: keyed.userId, secret: keyed.secret });
    assert.equal(viaKey.provider, 'magic-url');
    assert.ok(viaKey.secret.length > 0, 'the key gets the session secret');

    // POST /account/sessions/magic-url is the old name of the token route, PUT the old exchange.
    const old = await server.api('POST', '/account/sessions/magic-url', { body: { userId: 'unique()', email, url: APP_URL } });
    assert.equal(old.status, 201, old.text);
    const session = await webAccount().updateMagicURLSession({ userId: old.body.userId, secret: old.body.secret });
    assert.equal(session.provider, 'magic-url');
    closeBrowsers();
});

test('magic URL: bad input is refused and leaves no user behind', async () => {
    const account = webAccount();
    await rejectsWith(account.createMagicURLToken({ userId: ID.unique(), email: 'not-an-email', url: APP_URL }), 400, 'general_argument_invalid');
    await rejectsWith(account.createMagicURLToken({ userId: 'bad id!', email: newEmail(), url: APP_URL }), 400, 'general_argument_invalid');
    const email = newEmail();
    const refused = await server.api('POST', '/account/tokens/magic-url', {
        key: null,
        body: { userId: 'unique()', email, url: 'https://evil.example.net/steal' },
    });
    assertError(refused, 400, 'general_argument_invalid');
    assert.match(refused.body.message, /Register your new client \(evil\.example\.net\) as a new Web platform/);
    const notUrl = await server.api('POST', '/account/tokens/magic-url', { key: null, body: { userId: 'unique()', email, url: 'nope' } });
    assertError(notUrl, 400, 'general_argument_invalid');
    assert.equal(await usersWithEmail(email), 0, 'a refused request creates no user');

    // Once the host is a web platform of the project, it is accepted.
    const platform = await server.api('POST', '/project/platforms/web', {
        body: { platformId: ID.unique(), name: 'App', hostname: 'app.example.test' },
    });
    assert.equal(platform.status, 201, platform.text);
    const ok = await server.api('POST', '/account/tokens/magic-url', {
        key: null,
        body: { userId: 'unique()', email, url: 'https://app.example.test/done' },
    });
    assert.equal(ok.status, 201, ok.text);
    assert.equal(linkIn(await smtp.waitFor(email)).host, 'app.example.test');
    closeBrowsers();
});

test('email OTP: the code from the email opens a session and verifies the address', async () => {
    const email = newEmail();
    const account = webAccount();
    const token = await account.createEmailToken({ userId: ID.unique(), email, phrase: true });
    assertModel(token, 'token');
    assert.equal(token.secret, '');
    assert.match(token.phrase, /^[A-Z][a-z]+ [a-z]+$/);
    const minutes = (Date.parse(token.expire) - Date.now()) / 60_000;
    assert.ok(minutes > 14 && minutes <= 15, `OTPs last 15 minutes, not ${minutes}`);
    const mail = await smtp.waitFor(email);
    const code = codeIn(mail.text);
    assert.ok(mail.text.includes(token.phrase));

    await rejectsWith(account.createSession({ userId: token.userId, secret: code === '000000' ? '000001' : '000000' }), 401, 'user_invalid_token');
    await rejectsWith(account.createSession({ userId: 'nosuchuser', secret: code }), 401, 'user_invalid_token');
    const session = await account.createSession({ userId: token.userId, secret: code });
    assert.equal(session.provider, 'token');
    assert.deepEqual(session.factors, ['email']);
    const me = await account.get();
    assert.equal(me.emailVerification, true);
    assert.equal(me.email, email);
    // Signed in now: another exchange is refused before the secret is even looked at.
    await rejectsWith(account.createSession({ userId: token.userId, secret: code }), 401, 'user_session_already_exists');
    await rejectsWith(webAccount().createSession({ userId: token.userId, secret: code }), 401, 'user_invalid_token');
    await rejectsWith(webAccount().createEmailToken({ userId: ID.unique(), email: 'bad@' }), 400, 'general_argument_invalid');
    closeBrowsers();
});

test('phone OTP: the code by SMS opens a session and verifies the number; the old routes work', async () => {
    const phone = newPhone();
    const account = webAccount();
    const token = await account.createPhoneToken({ userId: ID.unique(), phone });
    assertModel(token, 'token');
    assert.equal(token.secret, '');
    const message = await sms.waitFor(phone);
    assert.equal(message.from, '+15550000000');
    const code = codeIn(message.body);
    await rejectsWith(account.createSession({ userId: token.userId, secret: '12345' }), 401, 'user_invalid_token');
    const session = await account.createSession({ userId: token.userId, secret: code });
    assert.equal(session.provider, 'phone');
    assert.deepEqual(session.factors, ['phone']);
    const me = await account.get();
    assert.equal(me.phone, phone);
    assert.equal(me.phoneVerification, true);
    assert.equal(me.emailVerification, false);

    // POST /account/sessions/phone and PUT /account/sessions/phone, the deprecated pair.
    sms.clear();
    const old = await server.api('POST', '/account/sessions/phone', { key: null, body: { userId: 'unique()', phone } });
    assert.equal(old.status, 201, old.text);
    assert.equal(old.body.userId, token.userId, 'the number keeps its user');
    const again = codeIn((await sms.waitFor(phone)).body);
    const renewed = await webAccount().updatePhoneSession({ userId: token.userId, secret: again });
    assert.equal(renewed.provider, 'phone');

    // A key sees the secret, as Appwrite shows it: a session cookie value carrying the code.
    sms.clear();
    const keyed = await new server_sdk.Account(server.client()).createPhoneToken({ userId: ID.unique(), phone });
    const decoded = JSON.parse(Buffer.from(keyed.secret, 'base64').toString('utf8'));
    assert.equal(decoded.id, token.userId);
    assert.equal(decoded.secret, codeIn((await sms.waitFor(phone)).body));

    await rejectsWith(webAccount().createPhoneToken({ userId: ID.unique(), phone: '4155550100' }), 400, 'general_argument_invalid');
    closeBrowsers();
});

test('phone OTP with a mock number: the fixed code, no SMS', async (t) => {
    const phone = newPhone();
    const mock = await server.api('POST', '/project/mock-phones', { body: { number: phone, otp: '424242' } });
    if (mock.status === 404) {
        t.skip('POST /v1/project/mock-phones is not there yet');
        return;
    }
    assert.equal(mock.status, 201, mock.text);
    sms.clear();
    const account = webAccount();
    const token = await account.createPhoneToken({ userId: ID.unique(), phone });
    const session = await account.createSession({ userId: token.userId, secret: '424242' });
    assert.equal(session.provider, 'phone');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(sms.messages.filter((m) => m.to === phone).length, 0, 'mock numbers get no SMS');
    closeBrowsers();
});

test('sign-in methods switched off for the project: 501 user_auth_method_unsupported, keys exempt', async () => {
    const toggle = async (methodId, enabled) => {
        const res = await server.api('PATCH', `/project/auth-methods/${methodId}`, { body: { enabled } });
        assert.equal(res.status, 200, res.text);
    };
    const phone = newPhone();
    const calls = [
        ['magic-url', () => webAccount().createMagicURLToken({ userId: ID.unique(), email: newEmail(), url: APP_URL })],
        ['email-otp', () => webAccount().createEmailToken({ userId: ID.unique(), email: newEmail() })],
        ['phone', () => webAccount().createPhoneToken({ userId: ID.unique(), phone })],
    ];
    for (const [methodId, call] of calls) {
        await toggle(methodId, false);
        try {
            await rejectsWith(call(), 501, 'user_auth_method_unsupported');
        } finally {
            await toggle(methodId, true);
        }
        await call();
    }
    await toggle('magic-url', false);
    try {
        const keyed = await new server_sdk.Account(server.client()).createMagicURLToken({ userId: ID.unique(), email: newEmail(), url: APP_URL });
        assert.match(keyed.secret, /^[0-9a-f]{64}$/);
    } finally {
        await toggle('magic-url', true);
    }
    closeBrowsers();
});

test('custom tokens: created with a key, exchanged by the client once', async () => {
    const users = new server_sdk.Users(server.client());
    const user = await users.create({ userId: ID.unique(), email: newEmail() });
    const token = await users.createToken({ userId: user.$id, length: 12, expire: 120 });
    assertModel(token, 'token');
    assert.equal(token.userId, user.$id);
    assert.match(token.secret, /^[0-9a-f]{12}$/, 'the key sees the secret');
    const seconds = (Date.parse(token.expire) - Date.now()) / 1000;
    assert.ok(seconds > 110 && seconds <= 120, `expire ${seconds}`);
    const fallback = await users.createToken({ userId: user.$id });
    assert.match(fallback.secret, /^[0-9a-f]{6}$/, 'six characters by default');
    assert.ok((Date.parse(fallback.expire) - Date.now()) / 1000 > 890, 'fifteen minutes by default');

    const account = webAccount();
    const session = await account.createSession({ userId: user.$id, secret: token.secret });
    assert.equal(session.provider, 'token');
    assert.deepEqual(session.factors, ['token']);
    assert.equal((await account.get()).$id, user.$id);
    assert.equal((await account.get()).emailVerification, false, 'a custom token proves no address');
    await rejectsWith(webAccount().createSession({ userId: user.$id, secret: token.secret }), 401, 'user_invalid_token');

    for (const body of [{ length: 3 }, { length: 129 }, { expire: 59 }, { expire: 31536001 }]) {
        const bad = await server.api('POST', `/users/${user.$id}/tokens`, { body });
        assertError(bad, 400, 'general_argument_invalid');
    }
    assertError(await server.api('POST', '/users/nosuchuser/tokens', { body: {} }), 404, 'user_not_found');
    assertError(await server.api('POST', `/users/${user.$id}/tokens`, { key: null, body: {} }), 401, 'general_unauthorized_scope');

    // A blocked user's token opens nothing.
    const blocked = await users.createToken({ userId: user.$id });
    await users.updateStatus({ userId: user.$id, status: false });
    await rejectsWith(webAccount().createSession({ userId: user.$id, secret: blocked.secret }), 403, 'user_blocked');
    closeBrowsers();
});

test('a token works once even when the exchanges race', async () => {
    const users = new server_sdk.Users(server.client());
    const user = await users.create({ userId: ID.unique(), email: newEmail() });
    for (let round = 0; round < 3; round++) {
        const token = await users.createToken({ userId: user.$id });
        const results = await Promise.all(Array.from({ length: 8 }, () =>
            server.api('POST', '/account/sessions/token', { key: null, body: { userId: user.$id, secret: token.secret } })));
        const statuses = results.map((r) => r.status).sort();
        assert.deepEqual(statuses, [201, 401, 401, 401, 401, 401, 401, 401], results.map((r) => r.text).join('\n'));
    }
    const sessions = await users.listSessions({ userId: user.$id });
    assert.equal(sessions.total, 3, 'one session per token');
});

test('email verification: the link verifies the address once', async () => {
    const account = webAccount();
    const email = newEmail();
    await account.create({ userId: ID.unique(), email, password: 'sup3r secret' });
    await rejectsWith(account.createEmailVerification({ url: APP_URL }), 401, 'general_unauthorized_scope');
    await account.createEmailPasswordSession({ email, password: 'sup3r secret' });
    await rejectsWith(account.createEmailVerification({ url: 'https://evil.example.net/' }), 400, 'general_argument_invalid');
    const token = await account.createEmailVerification({ url: APP_URL });
    assertModel(token, 'token');
    assert.equal(token.secret, '');
    const link = linkIn(await smtp.waitFor(email));
    assert.equal(link.searchParams.get('userId'), token.userId);
    assert.equal(link.searchParams.get('expire'), token.expire);
    const secret = link.searchParams.get('secret');
    assert.match(secret, /^[0-9a-f]{256}$/);

    await rejectsWith(account.updateEmailVerification({ userId: token.userId, secret: 'f'.repeat(256) }), 401, 'user_invalid_token');
    await rejectsWith(account.updateEmailVerification({ userId: 'nosuchuser', secret }), 404, 'user_not_found');
    // The confirmation needs no session (the link may be opened anywhere).
    const done = await webAccount().updateEmailVerification({ userId: token.userId, secret });
    assertModel(done, 'token');
    assert.equal(done.$id, token.$id);
    assert.equal((await userById(token.userId)).emailVerification, true);
    await rejectsWith(webAccount().updateEmailVerification({ userId: token.userId, secret }), 401, 'user_invalid_token');
    closeBrowsers();
});

test('email verification: deprecated routes, already verified, and no email', async () => {
    const browser = new Browser().use();
    const account = new Account(new Client().setEndpoint(server.endpoint).setProject(server.projectId));
    const email = newEmail();
    await account.create({ userId: ID.unique(), email, password: 'sup3r secret' });
    await account.createEmailPasswordSession({ email, password: 'sup3r secret' });
    const fallback = JSON.stringify(browser.cookies());
    const headers = { 'x-fallback-cookies': fallback };
    const created = await server.api('POST', '/account/verification', { key: null, headers, body: { url: APP_URL } });
    assert.equal(created.status, 201, created.text);
    const secret = linkIn(await smtp.waitFor(email)).searchParams.get('secret');
    const confirmed = await server.api('PUT', '/account/verification', { key: null, body: { userId: created.body.userId, secret } });
    assert.equal(confirmed.status, 200, confirmed.text);
    assertError(await server.api('POST', '/account/verifications/email', { key: null, headers, body: { url: APP_URL } }), 409, 'user_email_already_verified');

    // An anonymous account has no email to verify.
    const anonymous = webAccount();
    await anonymous.createAnonymousSession();
    await rejectsWith(anonymous.createEmailVerification({ url: APP_URL }), 400, 'user_email_not_found');
    closeBrowsers();
});

test('phone verification: the SMS code verifies the number once', async () => {
    const browser = new Browser().use();
    const account = new Account(new Client().setEndpoint(server.endpoint).setProject(server.projectId));
    const email = newEmail();
    const phone = newPhone();
    await account.create({ userId: ID.unique(), email, password: 'sup3r secret' });
    await account.createEmailPasswordSession({ email, password: 'sup3r secret' });
    await rejectsWith(account.createPhoneVerification(), 400, 'user_phone_not_found');
    await account.updatePhone({ phone, password: 'sup3r secret' });
    const token = await account.createPhoneVerification();
    assertModel(token, 'token');
    const minutes = (Date.parse(token.expire) - Date.now()) / 60_000;
    assert.ok(minutes > 58 && minutes <= 60, `phone verification lasts an hour, not ${minutes}`);
    const code = codeIn((await sms.waitFor(phone)).body);
    await rejectsWith(account.updatePhoneVerification({ userId: token.userId, secret: '99999' }), 401, 'user_invalid_token');
    await rejectsWith(account.updatePhoneVerification({ userId: 'nosuchuser', secret: code }), 404, 'user_not_found');
    const done = await account.updatePhoneVerification({ userId: token.userId, secret: code });
    assertModel(done, 'token');
    assert.equal((await account.get()).phoneVerification, true);
    await rejectsWith(account.updatePhoneVerification({ userId: token.userId, secret: code }), 401, 'user_invalid_token');
    await rejectsWith(account.createPhoneVerification(), 409, 'user_phone_already_verified');
    const headers = { 'x-fallback-cookies': JSON.stringify(browser.cookies()) };
    assertError(await server.api('POST', '/account/verification/phone', { key: null, headers }), 409, 'user_phone_already_verified');
    const alias = await server.api('PUT', '/account/verification/phone', { key: null, body: { userId: token.userId, secret: code } });
    assertError(alias, 401, 'user_invalid_token');
    closeBrowsers();
});

test('recovery: the link sets a new password, ends the sessions and works once', async () => {
    const email = newEmail();
    const account = webAccount();
    await account.create({ userId: ID.unique(), email, password: 'old password 1' });
    const first = await server.api('POST', '/account/sessions/email', { key: null, body: { email, password: 'old password 1' } });
    assert.equal(first.status, 201, first.text);
    const cookie = first.headers.getSetCookie().find((c) => c.startsWith(`a_session_${server.projectId}=`)).split(';')[0];

    await rejectsWith(webAccount().createRecovery({ email: newEmail(), url: APP_URL }), 404, 'user_not_found');
    await rejectsWith(webAccount().createRecovery({ email, url: 'https://evil.example.net/' }), 400, 'general_argument_invalid');
    const token = await webAccount().createRecovery({ email, url: APP_URL });
    assertModel(token, 'token');
    assert.equal(token.secret, '');
    const link = linkIn(await smtp.waitFor(email));
    const secret = link.searchParams.get('secret');
    assert.equal(link.searchParams.get('userId'), token.userId);

    const recovery = webAccount();
    await rejectsWith(recovery.updateRecovery({ userId: token.userId, secret, password: 'short' }), 400, 'general_argument_invalid');
    await rejectsWith(recovery.updateRecovery({ userId: token.userId, secret: 'a'.repeat(256), password: 'new password 2' }), 401, 'user_invalid_token');
    await rejectsWith(recovery.updateRecovery({ userId: 'nosuchuser', secret, password: 'new password 2' }), 404, 'user_not_found');
    const done = await recovery.updateRecovery({ userId: token.userId, secret, password: 'new password 2' });
    assertModel(done, 'token');
    assert.equal(done.$id, token.$id);

    assertError(await server.api('GET', '/account', { key: null, headers: { cookie } }), 401, 'general_unauthorized_scope');
    const old = await server.api('POST', '/account/sessions/email', { key: null, body: { email, password: 'old password 1' } });
    assertError(old, 401, 'user_invalid_credentials');
    const fresh = webAccount();
    await fresh.createEmailPasswordSession({ email, password: 'new password 2' });
    assert.equal((await fresh.get()).emailVerification, true, 'the recovery link proves the address');
    await rejectsWith(webAccount().updateRecovery({ userId: token.userId, secret, password: 'new password 3' }), 401, 'user_invalid_token');
    closeBrowsers();
});

test('an expired token is refused', async () => {
    const wait = Date.parse(expiring.expire) - Date.now() + 1500;
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    await rejectsWith(webAccount().createSession({ userId: expiring.userId, secret: expiring.secret }), 401, 'user_invalid_token');
    closeBrowsers();
});

test('without SMTP server or SMS gateway: 503, and nothing is written', async () => {
    const bare = await startServer();
    try {
        const email = newEmail();
        for (const [route, body] of [
            ['/account/tokens/magic-url', { userId: 'unique()', email, url: APP_URL }],
            ['/account/tokens/email', { userId: 'unique()', email }],
        ]) {
            assertError(await bare.api('POST', route, { key: null, body }), 503, 'general_smtp_disabled');
        }
        assert.equal(await usersWithEmail(email, bare), 0, 'no user was created');

        const users = new server_sdk.Users(bare.client());
        const user = await users.create({ userId: ID.unique(), email, password: 'sup3r secret' });
        assertError(await bare.api('POST', '/account/recovery', { key: null, body: { email, url: APP_URL } }), 503, 'general_smtp_disabled');
        const signIn = await bare.api('POST', '/account/sessions/email', { key: null, body: { email, password: 'sup3r secret' } });
        const cookie = signIn.headers.getSetCookie().find((c) => c.startsWith(`a_session_${bare.projectId}=`)).split(';')[0];
        assertError(await bare.api('POST', '/account/verifications/email', { key: null, headers: { cookie }, body: { url: APP_URL } }), 503, 'general_smtp_disabled');
        const phone = newPhone();
        assertError(await bare.api('POST', '/account/tokens/phone', { key: null, body: { userId: 'unique()', phone } }), 503, 'general_phone_disabled');
        await users.updatePhone({ userId: user.$id, number: phone });
        assertError(await bare.api('POST', '/account/verifications/phone', { key: null, headers: { cookie } }), 503, 'general_phone_disabled');

        // (Token records have no list endpoint; the unit tests show the token is rolled back.)
        const list = await bare.api('GET', `/users?queries[]=${encodeURIComponent(JSON.stringify({ method: 'equal', attribute: 'phone', values: [phone] }))}`);
        assert.equal(list.body.total, 1, 'only the user made with the key has the number');
    } finally {
        await bare.stop();
    }
});
