// Account (client) API with the web SDK (appwrite@27.0.0) and raw HTTP: sign-up, email and
// anonymous sessions through cookies, X-Fallback-Cookies and X-Appwrite-Session, session
// management, profile updates, JWTs, and the errors Appwrite gives for bad input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client, Account, ID } from 'appwrite';
import * as server_sdk from 'node-appwrite';
import { startServer } from './harness.mjs';
import { assertModel, assertError, ISO_DATETIME, rejectsWith } from './spec.mjs';
import { Browser, closeBrowsers } from './browser.mjs';

const ACCOUNT_OMITS = { omit: ['password', 'hash', 'hashOptions', 'impersonatorUserId'] };

let server;
before(async () => {
    server = await startServer();
});
after(async () => {
    closeBrowsers();
    if (server) await server.stop();
});

function webAccount() {
    return new Account(new Client().setEndpoint(server.endpoint).setProject(server.projectId));
}


let counter = 0;
function newEmail() {
    counter += 1;
    return `user${counter}-${Date.now()}@example.com`;
}

/** Signs up and signs in through raw HTTP; returns {user, cookie, session}. */
async function signUpWithCookie(email = newEmail(), password = 'correct horse battery') {
    const created = await server.api('POST', '/account', { key: null, body: { userId: 'unique()', email, password } });
    assert.equal(created.status, 201, created.text);
    const res = await server.api('POST', '/account/sessions/email', { key: null, body: { email, password } });
    assert.equal(res.status, 201, res.text);
    const setCookies = res.headers.getSetCookie();
    const main = setCookies.find((c) => c.startsWith(`a_session_${server.projectId}=`));
    assert.ok(main, `no session cookie in ${setCookies}`);
    return { user: created.body, session: res.body, cookie: main.split(';')[0], email, password };
}

test('sign-up with the web SDK returns the account model without the password hash', async () => {
    const email = newEmail();
    const user = await webAccount().create({ userId: ID.unique(), email, password: 'sup3r secret', name: 'Ann' });
    assertModel(user, 'user', 'user', ACCOUNT_OMITS);
    assert.equal(user.email, email);
    assert.equal(user.name, 'Ann');
    assert.equal(user.status, true);
    assert.equal(user.emailVerification, false);
    assert.match(user.registration, ISO_DATETIME);
    assert.deepEqual(user.targets.map((t) => [t.providerType, t.identifier]), [['email', email]]);
});

test('the web SDK keeps the session through X-Fallback-Cookies and reads the account', async () => {
    const browser = new Browser().use();
    const account = webAccount();
    const email = newEmail();
    await account.create({ userId: ID.unique(), email, password: 'sup3r secret' });
    const session = await account.createEmailPasswordSession({ email, password: 'sup3r secret' });
    assertModel(session, 'session');
    assert.equal(session.current, true);
    assert.equal(session.provider, 'email');
    assert.equal(session.providerUid, email);
    assert.deepEqual(session.factors, ['password']);
    assert.equal(session.secret, '', 'the session secret is shown to API keys only');
    assert.ok(browser.cookies()[`a_session_${server.projectId}`], 'X-Fallback-Cookies was stored');
    const me = await account.get();
    assertModel(me, 'user', 'user', ACCOUNT_OMITS);
    assert.equal(me.email, email);
    await account.deleteSession({ sessionId: 'current' });
    await rejectsWith(account.get(), 401, 'general_unauthorized_scope');
    closeBrowsers();
});

test('a session cookie signs requests in; HttpOnly cookies on path / with the project name', async () => {
    const { cookie, user } = await signUpWithCookie();
    const res = await server.api('GET', '/account', { key: null, headers: { cookie } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.$id, user.$id);
    const legacy = await server.api('GET', '/account', {
        key: null,
        headers: { cookie: cookie.replace(`a_session_${server.projectId}=`, `a_session_${server.projectId}_legacy=`) },
    });
    assert.equal(legacy.status, 200, 'the _legacy cookie works too');
});

test('wrong password and unknown email give the same 401 user_invalid_credentials', async () => {
    const { email } = await signUpWithCookie();
    const wrong = await server.api('POST', '/account/sessions/email', {
        key: null,
        body: { email, password: 'not the password' },
    });
    assertError(wrong, 401, 'user_invalid_credentials');
    const unknown = await server.api('POST', '/account/sessions/email', {
        key: null,
        body: { email: `nobody-${Date.now()}@example.com`, password: 'not the password' },
    });
    assertError(unknown, 401, 'user_invalid_credentials');
    assert.equal(unknown.body.message, wrong.body.message, 'no hint whether the email exists');
});

test('bad sign-up input: invalid email, short password, taken email', async () => {
    const account = webAccount();
    await rejectsWith(account.create({ userId: ID.unique(), email: 'not-an-email', password: 'sup3r secret' }), 400, 'general_argument_invalid');
    await rejectsWith(account.create({ userId: ID.unique(), email: newEmail(), password: 'short' }), 400, 'general_argument_invalid');
    await rejectsWith(account.create({ userId: 'bad id!', email: newEmail(), password: 'sup3r secret' }), 400, 'general_argument_invalid');
    const email = newEmail();
    await account.create({ userId: ID.unique(), email, password: 'sup3r secret' });
    await rejectsWith(account.create({ userId: ID.unique(), email, password: 'sup3r secret' }), 409, 'user_already_exists');
    await rejectsWith(account.create({ userId: ID.unique(), email: email.toUpperCase(), password: 'sup3r secret' }), 409, 'user_already_exists');
});

test('a signed-in caller cannot open another session', async () => {
    const { cookie, email, password } = await signUpWithCookie();
    const res = await server.api('POST', '/account/sessions/email', { key: null, headers: { cookie }, body: { email, password } });
    assertError(res, 401, 'user_session_already_exists');
});

test('sessions: list, get current, refresh, delete one, delete all', async () => {
    const { cookie, email, password, session } = await signUpWithCookie();
    const second = await server.api('POST', '/account/sessions/email', { key: null, body: { email, password } });
    assert.equal(second.status, 201);
    const list = await server.api('GET', '/account/sessions', { key: null, headers: { cookie } });
    assert.equal(list.status, 200, list.text);
    assertModel(list.body, 'sessionList');
    assert.equal(list.body.total, 2);
    assert.deepEqual(list.body.sessions.filter((s) => s.current).map((s) => s.$id), [session.$id]);
    const current = await server.api('GET', '/account/sessions/current', { key: null, headers: { cookie } });
    assert.equal(current.body.$id, session.$id);
    assert.equal(current.body.current, true);
    const other = await server.api('GET', `/account/sessions/${second.body.$id}`, { key: null, headers: { cookie } });
    assert.equal(other.body.current, false);
    const refreshed = await server.api('PATCH', '/account/sessions/current', { key: null, headers: { cookie } });
    assert.equal(refreshed.status, 200);
    assert.ok(refreshed.body.expire >= session.expire);
    const missing = await server.api('GET', '/account/sessions/nosuchsession', { key: null, headers: { cookie } });
    assertError(missing, 404, 'user_session_not_found');
    const deleted = await server.api('DELETE', `/account/sessions/${second.body.$id}`, { key: null, headers: { cookie } });
    assert.equal(deleted.status, 204);
    const after = await server.api('GET', '/account/sessions', { key: null, headers: { cookie } });
    assert.equal(after.body.total, 1);
    const all = await server.api('DELETE', '/account/sessions', { key: null, headers: { cookie } });
    assert.equal(all.status, 204);
    assert.equal(all.headers.get('x-fallback-cookies'), '[]');
    const gone = await server.api('GET', '/account', { key: null, headers: { cookie } });
    assertError(gone, 401, 'general_unauthorized_scope');
});

test('anonymous session, then email and password make it a full account', async () => {
    const browser = new Browser().use();
    const account = webAccount();
    const session = await account.createAnonymousSession();
    assert.equal(session.provider, 'anonymous');
    let me = await account.get();
    assert.equal(me.email, '');
    assert.equal(me.passwordUpdate, '');
    const email = newEmail();
    me = await account.updateEmail({ email, password: 'now a password' });
    assert.equal(me.email, email);
    await account.deleteSessions();
    assert.deepEqual(browser.cookies(), []);
    new Browser().use();
    const again = await webAccount().createEmailPasswordSession({ email, password: 'now a password' });
    assert.equal(again.userId, me.$id);
    closeBrowsers();
});

test('profile updates: name, prefs, phone, email and password (old password checked)', async () => {
    const { cookie, password } = await signUpWithCookie();
    const call = (method, path, body) => server.api(method, path, { key: null, headers: { cookie }, body });
    let res = await call('PATCH', '/account/name', { name: 'Zoë' });
    assert.equal(res.body.name, 'Zoë');
    res = await call('PATCH', '/account/prefs', { prefs: { theme: 'dark', n: 3 } });
    assert.deepEqual(res.body.prefs, { theme: 'dark', n: 3 });
    res = await call('GET', '/account/prefs');
    assert.deepEqual(res.body, { theme: 'dark', n: 3 });
    assertError(await call('PATCH', '/account/prefs', { prefs: 'nope' }), 400, 'general_argument_invalid');
    res = await call('PATCH', '/account/phone', { phone: '+14155550100', password });
    assert.equal(res.body.phone, '+14155550100');
    assert.ok(res.body.targets.some((t) => t.providerType === 'sms' && t.identifier === '+14155550100'));
    assertError(await call('PATCH', '/account/phone', { phone: '4155550100', password }), 400, 'general_argument_invalid');
    assertError(await call('PATCH', '/account/email', { email: newEmail(), password: 'wrong password' }), 401, 'user_invalid_credentials');
    assertError(await call('PATCH', '/account/password', { password: 'new password 1', oldPassword: 'wrong one' }), 401, 'user_invalid_credentials');
    res = await call('PATCH', '/account/password', { password: 'new password 1', oldPassword: password });
    assert.equal(res.status, 200, res.text);
    const relogin = await server.api('POST', '/account/sessions/email', {
        key: null,
        body: { email: res.body.email, password: 'new password 1' },
    });
    assert.equal(relogin.status, 201);
});

test('a taken email cannot be moved to another account', async () => {
    const first = await signUpWithCookie();
    const second = await signUpWithCookie();
    const res = await server.api('PATCH', '/account/email', {
        key: null,
        headers: { cookie: second.cookie },
        body: { email: first.email, password: second.password },
    });
    assertError(res, 409, 'user_email_already_exists');
});

test('blocking the account ends its sessions', async () => {
    const { cookie, email, password } = await signUpWithCookie();
    const res = await server.api('PATCH', '/account/status', { key: null, headers: { cookie } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.status, false);
    assertError(await server.api('GET', '/account', { key: null, headers: { cookie } }), 401, 'general_unauthorized_scope');
    const again = await server.api('POST', '/account/sessions/email', { key: null, body: { email, password } });
    assertError(again, 403, 'user_blocked');
});

test('JWT: same user through X-Appwrite-JWT; invalid JWT; JWT plus session refused; dies with its session', async () => {
    const { cookie, user } = await signUpWithCookie();
    const created = await server.api('POST', '/account/jwts', { key: null, headers: { cookie }, body: { duration: 60 } });
    assert.equal(created.status, 201, created.text);
    assertModel(created.body, 'jwt');
    const client = new server_sdk.Client().setEndpoint(server.endpoint).setProject(server.projectId).setJWT(created.body.jwt);
    const me = await new server_sdk.Account(client).get();
    assert.equal(me.$id, user.$id);
    const bad = new server_sdk.Client().setEndpoint(server.endpoint).setProject(server.projectId).setJWT(created.body.jwt + 'x');
    await rejectsWith(new server_sdk.Account(bad).get(), 401, 'user_jwt_invalid');
    const both = await server.api('GET', '/account', { key: null, headers: { cookie, 'x-appwrite-jwt': created.body.jwt } });
    assertError(both, 403, 'user_jwt_and_cookie_set');
    const tooLong = await server.api('POST', '/account/jwts', { key: null, headers: { cookie }, body: { duration: 3601 } });
    assertError(tooLong, 400, 'general_argument_invalid');
    await server.api('DELETE', '/account/sessions/current', { key: null, headers: { cookie } });
    await rejectsWith(new server_sdk.Account(client).get(), 401, 'general_unauthorized_scope');
});

test('server SDK: Users.createSession secret works as X-Appwrite-Session', async () => {
    const users = new server_sdk.Users(server.client());
    const user = await users.create({ userId: ID.unique(), email: newEmail(), password: 'sup3r secret' });
    const session = await users.createSession({ userId: user.$id });
    assertModel(session, 'session');
    assert.ok(session.secret.length > 0, 'keys see the session secret');
    const client = new server_sdk.Client().setEndpoint(server.endpoint).setProject(server.projectId).setSession(session.secret);
    const me = await new server_sdk.Account(client).get();
    assert.equal(me.$id, user.$id);
    await users.deleteSession({ userId: user.$id, sessionId: session.$id });
    await rejectsWith(new server_sdk.Account(client).get(), 401, 'general_unauthorized_scope');
});

test('deleting the account removes it and its sessions', async () => {
    const { cookie, email, password } = await signUpWithCookie();
    const res = await server.api('DELETE', '/account', { key: null, headers: { cookie } });
    assert.equal(res.status, 204, res.text);
    assertError(await server.api('GET', '/account', { key: null, headers: { cookie } }), 401, 'general_unauthorized_scope');
    const login = await server.api('POST', '/account/sessions/email', { key: null, body: { email, password } });
    assertError(login, 401, 'user_invalid_credentials');
});

test('sessions record the client, OS and device of the User-Agent', async () => {
    const email = newEmail();
    const password = 'sup3r secret';
    await server.api('POST', '/account', { key: null, body: { userId: 'unique()', email, password } });
    const chrome =
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
    const res = await server.api('POST', '/account/sessions/email', {
        key: null,
        headers: { 'user-agent': chrome },
        body: { email, password },
    });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.clientName, 'Chrome');
    assert.equal(res.body.clientType, 'browser');
    assert.equal(res.body.osName, 'Mac');
    assert.equal(res.body.deviceName, 'desktop');
    assert.equal(res.body.ip, '127.0.0.1');
    assert.equal(res.body.countryCode, '--');
});

test('account and users logs list the audited events, newest first', async () => {
    const { cookie, user } = await signUpWithCookie();
    await server.api('PATCH', '/account/name', { key: null, headers: { cookie }, body: { name: 'Logged' } });
    const res = await server.api('GET', '/account/logs', { key: null, headers: { cookie } });
    assert.equal(res.status, 200, res.text);
    assertModel(res.body, 'logList');
    assert.deepEqual(res.body.logs.map((l) => l.event), ['user.update', 'session.create', 'user.create']);
    assert.equal(res.body.total, 3);
    const [latest] = res.body.logs;
    assert.equal(latest.userId, user.$id);
    assert.equal(latest.userName, 'Logged');
    assert.equal(latest.ip, '127.0.0.1');
    assert.match(latest.time, ISO_DATETIME);
    const paged = await server.api('GET', `/account/logs?queries[0]=${encodeURIComponent('{"method":"limit","values":[1]}')}&queries[1]=${encodeURIComponent('{"method":"offset","values":[1]}')}`, { key: null, headers: { cookie } });
    assert.deepEqual(paged.body.logs.map((l) => l.event), ['session.create']);
    const bad = await server.api('GET', `/account/logs?queries[0]=${encodeURIComponent('{"method":"equal","attribute":"event","values":["x"]}')}`, { key: null, headers: { cookie } });
    assertError(bad, 400, 'general_argument_invalid');
    const users = new server_sdk.Users(server.client());
    const viaKey = await users.listLogs({ userId: user.$id });
    assert.equal(viaKey.total, 3);
});

test('push targets of the signed-in user: create, update, delete; others cannot touch them', async () => {
    const browser = new Browser().use();
    const account = webAccount();
    const address = newEmail();
    await account.create({ userId: ID.unique(), email: address, password: 'sup3r secret' });
    await account.createEmailPasswordSession({ email: address, password: 'sup3r secret' });
    const target = await account.createPushTarget({ targetId: ID.unique(), identifier: 'fcm-token-1' });
    assertModel(target, 'target');
    assert.equal(target.providerType, 'push');
    assert.equal(target.identifier, 'fcm-token-1');
    await rejectsWith(account.createPushTarget({ targetId: target.$id, identifier: 'fcm-token-2' }), 409, 'user_target_already_exists');
    const updated = await account.updatePushTarget({ targetId: target.$id, identifier: 'fcm-token-3' });
    assert.equal(updated.identifier, 'fcm-token-3');
    const me = await account.get();
    assert.ok(me.targets.some((t) => t.$id === target.$id));
    new Browser().use();
    const other = webAccount();
    const otherEmail = newEmail();
    await other.create({ userId: ID.unique(), email: otherEmail, password: 'sup3r secret' });
    await other.createEmailPasswordSession({ email: otherEmail, password: 'sup3r secret' });
    await rejectsWith(other.deletePushTarget({ targetId: target.$id }), 404, 'user_target_not_found');
    browser.use();
    await account.deletePushTarget({ targetId: target.$id });
    await rejectsWith(account.updatePushTarget({ targetId: target.$id, identifier: 'x' }), 404, 'user_target_not_found');
    closeBrowsers();
});
