// Users (server) API with node-appwrite@27.1.0: create with a plain password and with every
// imported hash type (each user then signs in with its original password), list/search with
// queries, updates of every field, labels as roles, sessions, targets, deletion, bad input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, scryptSync } from 'node:crypto';
import * as sdk from 'node-appwrite';
import { startServer } from './harness.mjs';
import { assertModel, assertError, rejectsWith } from './spec.mjs';

let server;
let users;
before(async () => {
    server = await startServer();
    users = new sdk.Users(server.client());
});
after(async () => {
    if (server) await server.stop();
});

let counter = 0;
const email = () => `u${++counter}-${Date.now()}@example.com`;


async function signIn(address, password) {
    return server.api('POST', '/account/sessions/email', { key: null, body: { email: address, password } });
}

test('create with a plain password: the user model with its argon2 hash options, then sign-in', async () => {
    const address = email();
    const user = await users.create({ userId: sdk.ID.unique(), email: address, password: 'plain password', name: 'Pat' });
    assertModel(user, 'user', 'user', { omit: ['impersonatorUserId'] });
    assert.equal(user.hash, 'argon2');
    assert.match(user.password, /^\$argon2id\$/);
    assert.deepEqual(Object.keys(user.hashOptions), ['type', 'memoryCost', 'timeCost', 'threads']);
    assert.equal(user.hashOptions.type, 'argon2');
    const res = await signIn(address, 'plain password');
    assert.equal(res.status, 201, res.text);
});

// Hashes of "correct horse" made by independent tools (see tests/unit/auth/credentials).
const PASSWORD = 'correct horse';
const imports = [
    ['argon2', (u) => users.createArgon2User({ ...u,
        password: '$argon2id$v=19$m=1024,t=2,p=1$YW5vdGhlcnNhbHQxNmJ5dA$mBO9EgMYZyZgxkbk+VG8ANzxGvETFTGsgjN1o9kjEhw' })],
    ['bcrypt', (u) => users.createBcryptUser({ ...u,
        password: '$2y$05$NIfI.6ue.LgmvgYpfVrOQOF3WtLEgFixVmW2/ImFqsS4u3a.xMDCO' })],
    ['md5', (u) => users.createMD5User({ ...u, password: createHash('md5').update(PASSWORD).digest('hex') })],
    ['phpass', (u) => users.createPHPassUser({ ...u, password: '$P$BWordPresxfXNaJi8zMX8Yi4CEa02v0' })],
    ['sha', (u) => users.createSHAUser({ ...u, password: createHash('sha512').update(PASSWORD).digest('hex'),
        passwordVersion: sdk.PasswordHash.Sha512 })],
    ['sha', (u) => users.createSHAUser({ ...u, password: createHash('sha3-256').update(PASSWORD).digest('hex'),
        passwordVersion: sdk.PasswordHash.Sha3256 })],
    ['scrypt', (u) => users.createScryptUser({ ...u,
        password: scryptSync(PASSWORD, 'basalt-salt', 64, { N: 16, r: 8, p: 1 }).toString('hex'),
        passwordSalt: 'basalt-salt', passwordCpu: 16, passwordMemory: 8, passwordParallel: 1, passwordLength: 64 })],
];

for (const [type, create] of imports) {
    test(`imported ${type} user signs in with its original password, then holds an argon2 hash`, async () => {
        const address = email();
        const user = await create({ userId: sdk.ID.unique(), email: address, name: type });
        assertModel(user, 'user', 'user', { omit: ['impersonatorUserId'] });
        assert.equal(user.hash, type);
        assert.equal(user.hashOptions.type, type);
        assertError(await signIn(address, 'wrong password'), 401, 'user_invalid_credentials');
        const res = await signIn(address, PASSWORD);
        assert.equal(res.status, 201, res.text);
        const after = await users.get({ userId: user.$id });
        assert.equal(after.hash, 'argon2', 'upgraded to argon2 at sign-in, as Appwrite does');
        assert.equal((await signIn(address, PASSWORD)).status, 201);
    });
}

test('imported scrypt-modified (Firebase) user signs in with the original password', async () => {
    const address = email();
    const user = await users.createScryptModifiedUser({
        userId: sdk.ID.unique(),
        email: address,
        password: 'lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ==',
        passwordSalt: '42xEC+ixf3L2lw==',
        passwordSaltSeparator: 'Bw==',
        passwordSignerKey: 'jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==',
    });
    assert.deepEqual(Object.keys(user.hashOptions), ['type', 'salt', 'saltSeparator', 'signerKey']);
    assertError(await signIn(address, 'user2password'), 401, 'user_invalid_credentials');
    assert.equal((await signIn(address, 'user1password')).status, 201);
});

test('bad imports: unknown SHA version, scrypt salt missing, bad base64', async () => {
    await rejectsWith(users.createSHAUser({ userId: sdk.ID.unique(), email: email(), password: 'abc', passwordVersion: 'sha257' }),
        400, 'general_argument_invalid');
    const res = await server.api('POST', '/users/scrypt', {
        body: { userId: 'unique()', email: email(), password: 'ab', passwordSalt: '', passwordCpu: 16,
            passwordMemory: 8, passwordParallel: 1, passwordLength: 64 },
    });
    assertError(res, 400, 'general_argument_invalid');
    await rejectsWith(users.createScryptModifiedUser({ userId: sdk.ID.unique(), email: email(), password: 'x',
        passwordSalt: '!!!', passwordSaltSeparator: 'Bw==', passwordSignerKey: 'Bw==' }), 400, 'general_argument_invalid');
});

test('list, search and queries; total; bad queries', async () => {
    const tag = `findme${Date.now()}`;
    const a = await users.create({ userId: sdk.ID.unique(), email: email(), name: `${tag} Alpha` });
    await users.create({ userId: sdk.ID.unique(), email: email(), name: `${tag} Beta`, phone: `+1415555${String(Date.now()).slice(-4)}` });
    const found = await users.list({ search: tag });
    assert.equal(found.total, 2);
    const byName = await users.list({ queries: [sdk.Query.equal('name', [`${tag} Alpha`])] });
    assert.deepEqual(byName.users.map((u) => u.$id), [a.$id]);
    const limited = await users.list({ queries: [sdk.Query.limit(1), sdk.Query.orderDesc('$createdAt')] });
    assert.equal(limited.users.length, 1);
    assert.ok(limited.total >= 2);
    const noTotal = await users.list({ queries: [sdk.Query.limit(1)], total: false });
    assert.equal(noTotal.total, 0);
    await rejectsWith(users.list({ queries: [sdk.Query.equal('password', ['x'])] }), 400, 'general_argument_invalid');
    await rejectsWith(users.list({ queries: ['not json'] }), 400, 'general_argument_invalid');
});

test('updates: name, email, phone, status, labels, verification, prefs, password', async () => {
    const user = await users.create({ userId: sdk.ID.unique(), email: email(), password: 'first password' });
    const id = user.$id;
    assert.equal((await users.updateName({ userId: id, name: 'Renamed' })).name, 'Renamed');
    const newEmail = email();
    const withEmail = await users.updateEmail({ userId: id, email: newEmail });
    assert.equal(withEmail.email, newEmail);
    assert.ok(withEmail.targets.some((t) => t.providerType === 'email' && t.identifier === newEmail));
    const phone = `+1415666${String(Date.now()).slice(-4)}`;
    assert.equal((await users.updatePhone({ userId: id, number: phone })).phone, phone);
    assert.deepEqual((await users.updateLabels({ userId: id, labels: ['vip', 'beta', 'vip'] })).labels, ['vip', 'beta']);
    await rejectsWith(users.updateLabels({ userId: id, labels: ['not ok!'] }), 400, 'general_argument_invalid');
    assert.equal((await users.updateEmailVerification({ userId: id, emailVerification: true })).emailVerification, true);
    assert.equal((await users.updatePhoneVerification({ userId: id, phoneVerification: true })).phoneVerification, true);
    assert.deepEqual(sdkPlain(await users.updatePrefs({ userId: id, prefs: { a: 1 } })), { a: 1 });
    assert.deepEqual(sdkPlain(await users.getPrefs({ userId: id })), { a: 1 });
    await users.updatePassword({ userId: id, password: 'second password' });
    assertError(await signIn(newEmail, 'first password'), 401, 'user_invalid_credentials');
    assert.equal((await signIn(newEmail, 'second password')).status, 201);
    const blocked = await users.updateStatus({ userId: id, status: false });
    assert.equal(blocked.status, false);
    assertError(await signIn(newEmail, 'second password'), 403, 'user_blocked');
    const other = await users.create({ userId: sdk.ID.unique(), email: email() });
    await rejectsWith(users.updateEmail({ userId: other.$id, email: newEmail }), 409, 'user_email_already_exists');
    await rejectsWith(users.updateName({ userId: 'missing', name: 'x' }), 404, 'user_not_found');
});

function sdkPlain(value) {
    return JSON.parse(JSON.stringify(value));
}

test('sessions through the Users API: create, list, delete one, delete all', async () => {
    const user = await users.create({ userId: sdk.ID.unique(), email: email() });
    const one = await users.createSession({ userId: user.$id });
    await users.createSession({ userId: user.$id });
    const list = await users.listSessions({ userId: user.$id });
    assertModel(list, 'sessionList');
    assert.equal(list.total, 2);
    assert.ok(list.sessions.every((s) => s.provider === 'server'));
    await users.deleteSession({ userId: user.$id, sessionId: one.$id });
    assert.equal((await users.listSessions({ userId: user.$id })).total, 1);
    await users.deleteSessions({ userId: user.$id });
    assert.equal((await users.listSessions({ userId: user.$id })).total, 0);
    await rejectsWith(users.deleteSession({ userId: user.$id, sessionId: one.$id }), 404, 'user_session_not_found');
});

test('targets: create, list, get, update, delete; duplicates refused', async () => {
    const user = await users.create({ userId: sdk.ID.unique(), email: email() });
    const target = await users.createTarget({ userId: user.$id, targetId: sdk.ID.unique(),
        providerType: sdk.MessagingProviderType.Push, identifier: `device-token-${Date.now()}`, name: 'phone' });
    assertModel(target, 'target');
    const list = await users.listTargets({ userId: user.$id });
    assertModel(list, 'targetList');
    assert.equal(list.total, 2, 'the email target and the push target');
    assert.equal((await users.getTarget({ userId: user.$id, targetId: target.$id })).name, 'phone');
    assert.equal((await users.updateTarget({ userId: user.$id, targetId: target.$id, name: 'tablet' })).name, 'tablet');
    await rejectsWith(users.createTarget({ userId: user.$id, targetId: sdk.ID.unique(),
        providerType: sdk.MessagingProviderType.Push, identifier: target.identifier }), 409, 'user_target_already_exists');
    await rejectsWith(users.createTarget({ userId: user.$id, targetId: sdk.ID.unique(),
        providerType: sdk.MessagingProviderType.Email, identifier: 'not an email' }), 400, 'general_argument_invalid');
    await users.deleteTarget({ userId: user.$id, targetId: target.$id });
    await rejectsWith(users.getTarget({ userId: user.$id, targetId: target.$id }), 404, 'user_target_not_found');
});

test('deleting a user removes its sessions and targets and frees its email', async () => {
    const address = email();
    const user = await users.create({ userId: sdk.ID.unique(), email: address, password: 'some password' });
    const session = await users.createSession({ userId: user.$id });
    const client = new sdk.Client().setEndpoint(server.endpoint).setProject(server.projectId).setSession(session.secret);
    assert.equal((await new sdk.Account(client).get()).$id, user.$id);
    await users.delete({ userId: user.$id });
    await rejectsWith(users.get({ userId: user.$id }), 404, 'user_not_found');
    await rejectsWith(new sdk.Account(client).get(), 401, 'general_unauthorized_scope');
    const again = await users.create({ userId: sdk.ID.unique(), email: address });
    assert.equal(again.targets.length, 1);
});

test('bad creates: duplicate id and email, invalid phone, short password, missing scope', async () => {
    const user = await users.create({ userId: sdk.ID.unique(), email: email() });
    await rejectsWith(users.create({ userId: user.$id, email: email() }), 409, 'user_already_exists');
    await rejectsWith(users.create({ userId: sdk.ID.unique(), email: user.email }), 409, 'user_already_exists');
    await rejectsWith(users.create({ userId: sdk.ID.unique(), phone: '12345' }), 400, 'general_argument_invalid');
    await rejectsWith(users.create({ userId: sdk.ID.unique(), email: email(), password: 'short' }), 400, 'general_argument_invalid');
    const { apiKey } = server.createKey({ scopes: ['users.read'] });
    const readOnly = new sdk.Users(server.client({ key: apiKey }));
    await readOnly.list();
    await rejectsWith(readOnly.create({ userId: sdk.ID.unique(), email: email() }), 401, 'general_unauthorized_scope');
    const guest = await server.api('GET', '/users', { key: null });
    assertError(guest, 401, 'general_unauthorized_scope');
});

test('Users.createJWT: for the most recent session or a named one; the JWT signs in as the user', async () => {
    const user = await users.create({ userId: sdk.ID.unique(), email: email(), password: 'jwt password' });
    const noSession = await users.createJWT({ userId: user.$id });
    assertModel(noSession, 'jwt');
    const asUser = (jwt) => new sdk.Account(new sdk.Client().setEndpoint(server.endpoint).setProject(server.projectId).setJWT(jwt));
    assert.equal((await asUser(noSession.jwt).get()).$id, user.$id);
    const session = await users.createSession({ userId: user.$id });
    const named = await users.createJWT({ userId: user.$id, sessionId: session.$id, duration: 60 });
    assert.equal((await asUser(named.jwt).get()).$id, user.$id);
    await rejectsWith(users.createJWT({ userId: user.$id, sessionId: 'nosuchsession' }), 404, 'user_session_not_found');
    await rejectsWith(users.createJWT({ userId: user.$id, duration: 3601 }), 400, 'general_argument_invalid');
    await users.deleteSession({ userId: user.$id, sessionId: session.$id });
    await rejectsWith(asUser(named.jwt).get(), 401, 'general_unauthorized_scope');
});
