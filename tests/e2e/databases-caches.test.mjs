// Basalt's per-node caches of the data API (resolved collections, list responses; see
// src/databases/catalog_cache.hpp and list_cache.hpp) never show a client the past of its own
// writes: Appwrite reads the database on every request (its opt-in `ttl` list cache aside), so a
// list or get right after a write must reflect it. Pinned with node-appwrite@27.1.0 (API key and
// a user session): document create/update/delete seen by the next list (documents and `total`,
// for the key and for the session through document security), collection changes (name, enabled,
// documentSecurity) seen by the next request, and the same list asked twice answering the same.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as sdk from 'node-appwrite';
import { startServer } from './harness.mjs';
import { rejectsWith } from './spec.mjs';

let server;
let key; // Databases with the API key
let user; // Databases with the user's session
let collections;

before(async () => {
    server = await startServer();
    key = new sdk.Databases(server.client());
    const users = new sdk.Users(server.client());
    await users.create('reader', 'reader@example.com', undefined, 'reader password 1');
    const session = await users.createSession('reader');
    user = new sdk.Databases(server.client({ key: null }).setSession(session.secret));

    await key.create('db', 'DB');
    await key.createCollection('db', 'items', 'Items', [], true);
    await key.createStringAttribute('db', 'items', 'title', 32, false);
    for (let i = 0; i < 100; i++) {
        const attribute = await key.getAttribute('db', 'items', 'title');
        if (attribute.status === 'available') break;
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    collections = key;
});

after(async () => {
    if (server) await server.stop();
});

const titles = (list) => list.documents.map((d) => d.title).sort();

test('a list shows every write made before it, for the key and for a session', async () => {
    const queries = [sdk.Query.orderAsc('title'), sdk.Query.limit(10)];
    assert.equal((await key.listDocuments('db', 'items', queries)).total, 0);
    assert.equal((await user.listDocuments('db', 'items', queries)).total, 0);

    await key.createDocument('db', 'items', 'a', { title: 'A' }, [sdk.Permission.read(sdk.Role.user('reader'))]);
    await key.createDocument('db', 'items', 'b', { title: 'B' });
    const both = await key.listDocuments('db', 'items', queries);
    assert.equal(both.total, 2);
    assert.deepEqual(titles(both), ['A', 'B']);
    assert.deepEqual(await key.listDocuments('db', 'items', queries), both); // asked again: the same
    const mine = await user.listDocuments('db', 'items', queries);
    assert.equal(mine.total, 1);
    assert.deepEqual(titles(mine), ['A']);

    await key.updateDocument('db', 'items', 'a', { title: 'A2' }, []);
    assert.deepEqual(titles(await key.listDocuments('db', 'items', queries)), ['A2', 'B']);
    assert.equal((await user.listDocuments('db', 'items', queries)).total, 0);

    await key.updateDocument('db', 'items', 'b', {}, [sdk.Permission.read(sdk.Role.users())]);
    assert.deepEqual(titles(await user.listDocuments('db', 'items', queries)), ['B']);

    await key.deleteDocument('db', 'items', 'b');
    assert.equal((await user.listDocuments('db', 'items', queries)).total, 0);
    assert.equal((await key.listDocuments('db', 'items', queries)).total, 1);
    await key.deleteDocument('db', 'items', 'a');
    assert.equal((await key.listDocuments('db', 'items', queries)).total, 0);
});

test('collection changes are seen by the next request', async () => {
    await key.createDocument('db', 'items', 'c', { title: 'C' }, [sdk.Permission.read(sdk.Role.user('reader'))]);
    assert.equal((await user.listDocuments('db', 'items')).total, 1);
    assert.equal((await user.getDocument('db', 'items', 'c')).title, 'C');

    await collections.updateCollection('db', 'items', 'Renamed', [], true, true);
    assert.equal((await key.getCollection('db', 'items')).name, 'Renamed');

    // Disabled: invisible to sessions at once.
    await collections.updateCollection('db', 'items', 'Renamed', [], true, false);
    await rejectsWith(user.listDocuments('db', 'items'), 404, 'collection_not_found');
    await rejectsWith(user.getDocument('db', 'items', 'c'), 404, 'collection_not_found');

    // Enabled without document security and without collection read: lists are refused.
    await collections.updateCollection('db', 'items', 'Renamed', [], false, true);
    await rejectsWith(user.listDocuments('db', 'items'), 401, 'user_unauthorized');

    await collections.updateCollection('db', 'items', 'Renamed', [sdk.Permission.read(sdk.Role.users())], false, true);
    assert.equal((await user.listDocuments('db', 'items')).total, 1);
});
