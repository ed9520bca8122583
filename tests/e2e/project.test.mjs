// Project keys and platforms through node-appwrite's Project service, with the
// API key that `basalt init` created.
//
// Appwrite behaviour (Project module and its e2e tests
// tests/e2e/Services/Project/KeysBase.php, PlatformsBase.php):
// - Creating a key from a request authorised by an API key -> 403
//   key_creation_denied. This is on Appwrite's main branch (commit 72fe8dc9,
//   after the cl-1.9.6-1 release tag, which still allowed it); Basalt follows
//   main and offers `basalt key create` instead, which these tests use to make
//   extra keys. Params are validated before that check, so bad input still
//   answers 400 general_argument_invalid.
// - Key {$id,$createdAt,$updatedAt,name,expire,scopes,secret,accessedAt,sdks}:
//   expire "" when none; accessedAt "" until used; sdks [] until a server SDK uses it; secret
//   "standard_" + hex, returned by get/list/update too (not a sensitive field).
// - listKeys: queries on expire, accessedAt, name, scopes only (others -> 400
//   general_argument_invalid); without a limit query ALL keys are returned
//   (limit 5000, not 25); total counts every match regardless of limit/offset;
//   total=false -> 0; cursor on an unknown id -> 400 general_cursor_not_found.
// - get/update/delete of an unknown key -> 404 key_not_found; delete -> 204.
// - A deleted key is refused at once: 401 user_unauthorized (unknown secret).
//   A key past its expire -> 401 project_key_expired. A key lacking the route's
//   scope -> 401 general_unauthorized_scope.
// - Platforms: create per type -> 201 with type web|apple|android|windows|linux
//   and its own field (hostname [+ key ""] / bundleIdentifier / applicationId /
//   packageIdentifierName / packageName); duplicate id -> 409
//   platform_already_exists; unknown id -> 404 platform_not_found; updating a
//   platform with another type's update method -> 400 platform_method_unsupported;
//   an invalid hostname -> 400 general_argument_invalid (param validator);
//   list queries on type, name, hostname, bundleIdentifier, applicationId,
//   packageIdentifierName, packageName.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as sdk from 'node-appwrite';
import { startServer } from './harness.mjs';
import { assertModel, assertError, ISO_DATETIME, rejectsWith } from './spec.mjs';

const { ID, Query } = sdk;

let server;
let project;
before(async () => {
    server = await startServer();
    project = new sdk.Project(server.client());
});
after(async () => {
    if (server) await server.stop();
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function future(seconds) {
    return new Date(Date.now() + seconds * 1000).toISOString().replace('Z', '+00:00');
}

/** A key made with the CLI, read back through the API. */
async function newKey(options) {
    const made = server.createKey(options);
    const key = await project.getKey({ keyId: made.keyId });
    return { ...made, key };
}

describe('keys', () => {
    test('createKey with an API key -> 403 key_creation_denied', async () => {
        await rejectsWith(project.createKey({ keyId: ID.unique(), name: 'minted', scopes: ['users.read'] }), 403, 'key_creation_denied');
        const list = await project.listKeys({ queries: [Query.equal('name', ['minted'])] });
        assert.equal(list.total, 0, 'nothing was created');
    });

    test('createKey validates params before refusing', async () => {
        await rejectsWith(project.createKey({ keyId: 'x'.repeat(37), name: 'long', scopes: [] }), 400, 'general_argument_invalid');
        await rejectsWith(project.createKey({ keyId: '_leading', name: 'bad', scopes: [] }), 400, 'general_argument_invalid');
        await rejectsWith(project.createKey({ keyId: 'has space', name: 'bad', scopes: [] }), 400, 'general_argument_invalid');
        await rejectsWith(project.createKey({ keyId: ID.unique(), name: 'bad', scopes: ['no.such.scope'] }), 400, 'general_argument_invalid');
        await rejectsWith(project.createKey({ keyId: ID.unique(), name: 'n'.repeat(129), scopes: [] }), 400, 'general_argument_invalid');
        await rejectsWith(project.createKey({ keyId: ID.unique(), name: 'bad', scopes: [], expire: 'yesterday' }), 400, 'general_argument_invalid');
        const res = await server.api('POST', '/project/keys', { body: { keyId: 'no-name', scopes: [] } });
        assertError(res, 400, 'general_argument_invalid');
        await rejectsWith(project.createKey({ keyId: 'k'.repeat(36), name: 'valid', scopes: [] }), 403, 'key_creation_denied');
    });

    test('getKey returns the Key model', async () => {
        const { keyId, apiKey, key } = await newKey({ id: 'first-key', name: 'First', scopes: ['users.read', 'users.write'] });
        assert.equal(keyId, 'first-key');
        assertModel(key, 'key');
        assert.equal(key.$id, 'first-key');
        assert.equal(key.name, 'First');
        assert.deepEqual(key.scopes, ['users.read', 'users.write']);
        assert.equal(key.expire, '');
        assert.equal(key.accessedAt, '');
        assert.deepEqual(key.sdks, []);
        assert.match(apiKey, /^standard_[0-9a-f]{64,}$/);
        assert.match(key.$createdAt, ISO_DATETIME);
        assert.equal(key.$createdAt, key.$updatedAt);
        assert.ok(Math.abs(Date.parse(key.$createdAt) - Date.now()) < 60_000, 'createdAt should be now');
        await rejectsWith(project.getKey({ keyId: 'missing-key' }), 404, 'key_not_found');
    });

    // Appwrite records on a key the server SDKs (x-sdk-name) that used it, and when.
    test('a key used by node-appwrite records the SDK and the access time', async () => {
        const { keyId, apiKey } = await newKey({ name: 'used by node', scopes: ['locale.read'] });
        await new sdk.Locale(server.client({ key: apiKey })).listContinents();
        const key = await project.getKey({ keyId });
        assert.deepEqual(key.sdks, ['Node.js']);
        assert.match(key.accessedAt, ISO_DATETIME);
        assert.ok(Math.abs(Date.parse(key.accessedAt) - Date.now()) < 60_000, `accessedAt ${key.accessedAt}`);
        // A browser SDK name is not a server SDK: not recorded.
        await server.api('GET', '/locale/continents', { key: apiKey, headers: { 'x-sdk-name': 'Web' } });
        assert.deepEqual((await project.getKey({ keyId })).sdks, ['Node.js']);
    });

    test('a key with an expiry', async () => {
        const expire = future(3600);
        const { key } = await newKey({ name: 'C', scopes: ['users.read'], expire });
        assertModel(key, 'key');
        assert.equal(Date.parse(key.expire), Date.parse(expire));
        assert.match(key.expire, ISO_DATETIME);
    });

    // Appwrite returns the secret on every read; Basalt stores only a SHA-256 digest of it (house
    // security rule), so the secret is shown once, at creation, and reads carry "" (the model's
    // own default). The key keeps working after every read.
    test('get, list and update never reveal the stored secret, and the key keeps working', async () => {
        const { apiKey, keyId } = await newKey({ name: 'secret check', scopes: ['users.read', 'keys.read'] });
        assert.equal((await project.getKey({ keyId })).secret, '');
        const listed = (await project.listKeys({ queries: [Query.equal('name', ['secret check'])] })).keys[0];
        assert.equal(listed.secret, '');
        const updated = await project.updateKey({ keyId, name: 'secret check', scopes: ['users.read', 'keys.read'] });
        assert.equal(updated.secret, '');
        const res = await server.api('GET', `/project/keys/${keyId}`, { key: apiKey });
        assert.equal(res.status, 200, res.text);
        assert.equal(res.body.$id, keyId);
    });

    test('listKeys: total, equal, limit, offset, cursors', async () => {
        const names = ['list-alpha', 'list-beta', 'list-gamma', 'list-delta'];
        for (const name of names) server.createKey({ name, scopes: ['users.read'] });

        const all = await project.listKeys();
        assertModel(all, 'keyList');
        assert.equal(all.total, all.keys.length);
        assert.ok(all.total >= names.length + 1, `total ${all.total}`);
        // creation order; the init key first
        const listed = all.keys.map((k) => k.name);
        assert.deepEqual(listed.filter((n) => n.startsWith('list-')), names);

        const beta = await project.listKeys({ queries: [Query.equal('name', ['list-beta'])] });
        assert.equal(beta.total, 1);
        assert.equal(beta.keys[0].name, 'list-beta');

        const two = await project.listKeys({ queries: [Query.equal('name', ['list-alpha', 'list-gamma'])] });
        assert.deepEqual(two.keys.map((k) => k.name), ['list-alpha', 'list-gamma']);

        const none = await project.listKeys({ queries: [Query.equal('name', ['nobody'])] });
        assert.deepEqual({ total: none.total, keys: none.keys }, { total: 0, keys: [] });

        const limited = await project.listKeys({ queries: [Query.limit(2)] });
        assert.equal(limited.keys.length, 2);
        assert.equal(limited.total, all.total, 'total ignores limit');
        assert.deepEqual(limited.keys.map((k) => k.$id), all.keys.slice(0, 2).map((k) => k.$id));

        const page = await project.listKeys({ queries: [Query.limit(2), Query.offset(1)] });
        assert.deepEqual(page.keys.map((k) => k.$id), all.keys.slice(1, 3).map((k) => k.$id));
        assert.equal(page.total, all.total, 'total ignores offset');

        const after = await project.listKeys({ queries: [Query.limit(2), Query.cursorAfter(all.keys[0].$id)] });
        assert.deepEqual(after.keys.map((k) => k.$id), all.keys.slice(1, 3).map((k) => k.$id));

        const last = all.keys.length - 1;
        const before = await project.listKeys({ queries: [Query.limit(1), Query.cursorBefore(all.keys[last].$id)] });
        assert.deepEqual(before.keys.map((k) => k.$id), [all.keys[last - 1].$id]);

        const noTotal = await project.listKeys({ queries: [Query.limit(1)], total: false });
        assert.equal(noTotal.total, 0);
        assert.equal(noTotal.keys.length, 1);

        const desc = await project.listKeys({ queries: [Query.orderDesc('name'), Query.equal('name', names)] });
        assert.deepEqual(desc.keys.map((k) => k.name), [...names].sort().reverse());
    });

    test('listKeys without a limit returns every key (Appwrite: limit 5000, not 25)', async () => {
        const before = await project.listKeys();
        for (let i = 0; i < 26 - before.total + 1; i++) server.createKey({ name: `bulk-${i}`, scopes: ['users.read'] });
        const all = await project.listKeys();
        assert.ok(all.total > 25, `total ${all.total}`);
        assert.equal(all.keys.length, all.total);
    });

    test('listKeys rejects bad queries', async () => {
        await rejectsWith(project.listKeys({ queries: [Query.cursorAfter('no-such-key')] }), 400, 'general_cursor_not_found');
        await rejectsWith(project.listKeys({ queries: [Query.equal('secret', ['x'])] }), 400, 'general_argument_invalid');
        await rejectsWith(project.listKeys({ queries: [Query.limit('ten')] }), 400, 'general_argument_invalid');
        await rejectsWith(project.listKeys({ queries: ['{"method":"frobnicate","values":[1]}'] }), 400, 'general_argument_invalid');
        await rejectsWith(project.listKeys({ queries: ['not json'] }), 400, 'general_argument_invalid');
        await rejectsWith(project.listKeys({ queries: [Query.limit(0)] }), 400, 'general_argument_invalid');
    });

    test('updateKey changes name, scopes and expire', async () => {
        const { key } = await newKey({ name: 'Before', scopes: ['users.read'] });
        await sleep(5); // so that $updatedAt can differ
        const expire = future(7200);
        const updated = await project.updateKey({ keyId: key.$id, name: 'After', scopes: ['users.write', 'databases.read'], expire });
        assertModel(updated, 'key');
        assert.equal(updated.$id, key.$id);
        assert.equal(updated.name, 'After');
        assert.deepEqual(updated.scopes, ['users.write', 'databases.read']);
        assert.equal(Date.parse(updated.expire), Date.parse(expire));
        assert.equal(updated.$createdAt, key.$createdAt);
        assert.ok(Date.parse(updated.$updatedAt) > Date.parse(key.$updatedAt), '$updatedAt should move');
        assert.deepEqual(await project.getKey({ keyId: key.$id }), updated);

        const noExpire = await project.updateKey({ keyId: key.$id, name: 'After', scopes: [], expire: null });
        assert.equal(noExpire.expire, '');
        assert.deepEqual(noExpire.scopes, []);

        await rejectsWith(project.updateKey({ keyId: 'missing-key', name: 'x', scopes: [] }), 404, 'key_not_found');
        await rejectsWith(project.updateKey({ keyId: key.$id, name: 'x', scopes: ['bogus'] }), 400, 'general_argument_invalid');
        await rejectsWith(project.updateKey({ keyId: key.$id, name: '', scopes: [] }), 400, 'general_argument_invalid');
    });

    test('deleteKey removes the key', async () => {
        const { keyId } = await newKey({ name: 'Doomed', scopes: ['users.read'] });
        const before = await project.listKeys();
        await project.deleteKey({ keyId });
        await rejectsWith(project.getKey({ keyId }), 404, 'key_not_found');
        const after = await project.listKeys();
        assert.equal(after.total, before.total - 1);
        assert.ok(!after.keys.some((k) => k.$id === keyId));
        await rejectsWith(project.deleteKey({ keyId }), 404, 'key_not_found');
    });

    test('raw DELETE answers 204 with no body', async () => {
        const { keyId } = await newKey({ name: 'raw delete', scopes: ['users.read'] });
        const res = await server.api('DELETE', `/project/keys/${keyId}`, { body: {} });
        assert.equal(res.status, 204);
        assert.equal(res.text, '');
    });
});

describe('key authorization', () => {
    test('a new key works at once; a deleted key stops working at once', async () => {
        const { keyId, apiKey } = await newKey({ name: 'reader', scopes: ['keys.read'] });
        const asKey = new sdk.Project(server.client({ key: apiKey }));
        const list = await asKey.listKeys();
        assert.ok(list.keys.some((k) => k.$id === keyId));

        await project.deleteKey({ keyId });
        await rejectsWith(asKey.listKeys(), 401, 'user_unauthorized');
        await rejectsWith(asKey.getKey({ keyId }), 401, 'user_unauthorized');
    });

    test('a key without the route scope -> 401 general_unauthorized_scope', async () => {
        const { keyId, apiKey } = await newKey({ name: 'read only', scopes: ['keys.read'] });
        const asKey = new sdk.Project(server.client({ key: apiKey }));
        await asKey.listKeys(); // keys.read: fine
        await rejectsWith(asKey.updateKey({ keyId, name: 'x', scopes: [] }), 401, 'general_unauthorized_scope');
        await rejectsWith(asKey.deleteKey({ keyId }), 401, 'general_unauthorized_scope');
        await rejectsWith(asKey.listPlatforms(), 401, 'general_unauthorized_scope');
        // scope changes apply at once
        await project.updateKey({ keyId, name: 'read only', scopes: ['keys.read', 'platforms.read'] });
        const platforms = await asKey.listPlatforms();
        assert.equal(typeof platforms.total, 'number');
        // and so does taking a scope away
        await project.updateKey({ keyId, name: 'read only', scopes: [] });
        await rejectsWith(asKey.listKeys(), 401, 'general_unauthorized_scope');
        await rejectsWith(asKey.listPlatforms(), 401, 'general_unauthorized_scope');
    });

    test('an expired key -> 401 project_key_expired', async () => {
        const { apiKey } = await newKey({ name: 'short-lived', scopes: ['keys.read'], expire: future(2) });
        const asKey = new sdk.Project(server.client({ key: apiKey }));
        await asKey.listKeys(); // still valid
        await sleep(2500);
        await rejectsWith(asKey.listKeys(), 401, 'project_key_expired');
    });

    test('the key of one project does not open another', async () => {
        // Only one project exists; a key sent with an unknown project id.
        const res = await server.api('GET', '/project/keys', { project: 'other-project' });
        assertError(res, 404, 'project_not_found');
    });

    test('no key -> 401 general_unauthorized_scope', async () => {
        const guest = new sdk.Project(server.client({ key: null }));
        await rejectsWith(guest.listKeys(), 401, 'general_unauthorized_scope');
        await rejectsWith(guest.listPlatforms(), 401, 'general_unauthorized_scope');
    });
});

describe('platforms', () => {
    const made = {};

    test('create one platform of each type', async () => {
        made.web = await project.createWebPlatform({ platformId: 'web-1', name: 'Web', hostname: 'app.example.com' });
        assertModel(made.web, 'platformWeb');
        assert.equal(made.web.type, 'web');
        assert.equal(made.web.hostname, 'app.example.com');
        assert.equal(made.web.key, '');

        made.apple = await project.createApplePlatform({ platformId: 'apple-1', name: 'iOS', bundleIdentifier: 'com.example.app' });
        assertModel(made.apple, 'platformApple');
        assert.equal(made.apple.type, 'apple');
        assert.equal(made.apple.bundleIdentifier, 'com.example.app');

        made.android = await project.createAndroidPlatform({ platformId: 'android-1', name: 'Android', applicationId: 'com.example.android' });
        assertModel(made.android, 'platformAndroid');
        assert.equal(made.android.type, 'android');
        assert.equal(made.android.applicationId, 'com.example.android');

        made.windows = await project.createWindowsPlatform({ platformId: ID.unique(), name: 'Windows', packageIdentifierName: 'Example.App' });
        assertModel(made.windows, 'platformWindows');
        assert.equal(made.windows.type, 'windows');
        assert.equal(made.windows.packageIdentifierName, 'Example.App');

        made.linux = await project.createLinuxPlatform({ platformId: ID.unique(), name: 'Linux', packageName: 'example-app' });
        assertModel(made.linux, 'platformLinux');
        assert.equal(made.linux.type, 'linux');
        assert.equal(made.linux.packageName, 'example-app');

        for (const p of Object.values(made)) {
            assert.match(p.$createdAt, ISO_DATETIME);
            assert.equal(p.$createdAt, p.$updatedAt);
        }
    });

    test('create rejects bad input', async () => {
        await rejectsWith(project.createWebPlatform({ platformId: 'web-1', name: 'dup', hostname: 'dup.example.com' }), 409, 'platform_already_exists');
        await rejectsWith(project.createWebPlatform({ platformId: 'p'.repeat(37), name: 'long', hostname: 'x.example.com' }), 400, 'general_argument_invalid');
        await rejectsWith(project.createWebPlatform({ platformId: ID.unique(), name: 'bad host', hostname: 'http://not a host/' }), 400, 'general_argument_invalid');
        await rejectsWith(project.createWebPlatform({ platformId: ID.unique(), name: 'n'.repeat(129), hostname: 'x.example.com' }), 400, 'general_argument_invalid');
    });

    test('getPlatform returns each type with its own model', async () => {
        for (const [type, p] of Object.entries(made)) {
            const got = await project.getPlatform({ platformId: p.$id });
            assertModel(got, `platform${type[0].toUpperCase()}${type.slice(1)}`);
            assert.deepEqual(got, p);
        }
        await rejectsWith(project.getPlatform({ platformId: 'missing' }), 404, 'platform_not_found');
    });

    test('listPlatforms: every platform, queries by type and name', async () => {
        const list = await project.listPlatforms();
        assertModel(list, 'platformList');
        assert.equal(list.total, 5);
        assert.deepEqual(list.platforms.map((p) => p.$id), Object.values(made).map((p) => p.$id));

        const web = await project.listPlatforms({ queries: [Query.equal('type', ['web'])] });
        assert.equal(web.total, 1);
        assert.equal(web.platforms[0].$id, 'web-1');

        const byName = await project.listPlatforms({ queries: [Query.equal('name', ['Android', 'Linux'])] });
        assert.deepEqual(byName.platforms.map((p) => p.type).sort(), ['android', 'linux']);

        const page = await project.listPlatforms({ queries: [Query.limit(2), Query.offset(2)] });
        assert.equal(page.total, 5);
        assert.deepEqual(page.platforms.map((p) => p.$id), list.platforms.slice(2, 4).map((p) => p.$id));

        const after = await project.listPlatforms({ queries: [Query.cursorAfter(list.platforms[3].$id)] });
        assert.deepEqual(after.platforms.map((p) => p.$id), [list.platforms[4].$id]);

        await rejectsWith(project.listPlatforms({ queries: [Query.equal('secret', ['x'])] }), 400, 'general_argument_invalid');
        await rejectsWith(project.listPlatforms({ queries: [Query.cursorAfter('missing')] }), 400, 'general_cursor_not_found');
    });

    test('update per type', async () => {
        await sleep(5);
        const web = await project.updateWebPlatform({ platformId: 'web-1', name: 'Web 2', hostname: 'www.example.com' });
        assertModel(web, 'platformWeb');
        assert.equal(web.name, 'Web 2');
        assert.equal(web.hostname, 'www.example.com');
        assert.equal(web.$createdAt, made.web.$createdAt);
        assert.ok(Date.parse(web.$updatedAt) >= Date.parse(made.web.$updatedAt));

        const apple = await project.updateApplePlatform({ platformId: 'apple-1', name: 'iOS 2', bundleIdentifier: 'com.example.app2' });
        assertModel(apple, 'platformApple');
        assert.equal(apple.bundleIdentifier, 'com.example.app2');

        const android = await project.updateAndroidPlatform({ platformId: 'android-1', name: 'Android 2', applicationId: 'com.example.two' });
        assertModel(android, 'platformAndroid');
        assert.equal(android.applicationId, 'com.example.two');

        const windows = await project.updateWindowsPlatform({ platformId: made.windows.$id, name: 'Win 2', packageIdentifierName: 'Example.Two' });
        assertModel(windows, 'platformWindows');
        assert.equal(windows.packageIdentifierName, 'Example.Two');

        const linux = await project.updateLinuxPlatform({ platformId: made.linux.$id, name: 'Linux 2', packageName: 'example-two' });
        assertModel(linux, 'platformLinux');
        assert.equal(linux.packageName, 'example-two');

        assert.deepEqual(await project.getPlatform({ platformId: 'web-1' }), web);

        await rejectsWith(project.updateWebPlatform({ platformId: 'missing', name: 'x', hostname: 'x.example.com' }), 404, 'platform_not_found');
        await rejectsWith(project.updateWebPlatform({ platformId: 'apple-1', name: 'x', hostname: 'x.example.com' }), 400, 'platform_method_unsupported');
    });

    test('deletePlatform', async () => {
        await project.deletePlatform({ platformId: 'android-1' });
        await rejectsWith(project.getPlatform({ platformId: 'android-1' }), 404, 'platform_not_found');
        const list = await project.listPlatforms();
        assert.equal(list.total, 4);
        assert.ok(!list.platforms.some((p) => p.$id === 'android-1'));
        await rejectsWith(project.deletePlatform({ platformId: 'android-1' }), 404, 'platform_not_found');
    });
});
