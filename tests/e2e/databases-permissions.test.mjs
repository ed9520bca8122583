// Permissions on documents and rows, with real user sessions (node-appwrite@27.1.0 with
// setSession, and the web SDK appwrite@27.0.0 for a browser session), teams, a guest and API keys:
// collection-level against document-level permissions (documentSecurity / rowSecurity), a list
// showing a session exactly what it may read with `total` agreeing, team and team-role
// permissions, creator defaults, the rule that a caller may only grant roles it holds, disabled
// collections and databases, API keys bypassing permissions, and key scopes.
//
// Appwrite behaviour pinned here, as read in /work/notes/databases-contract.md (Appwrite 1.9.6):
// §6.1 access model — create needs collection create; read = collection read OR (document
// security AND document read); a get without access is document_not_found; update/delete without
// access user_unauthorized (existence is checked with authorization skipped); a list without
// collection read and without document security is user_unauthorized; a session creator gets
// read/update/delete on user:ID unless permissions are passed, keys and guests get none; bulk
// create needs a key (general_unauthorized_scope); disabled database/collection are not found for
// non-keys. §3.8 — granting a role one does not hold is 401 user_unauthorized
// `Permissions must be one of: (<roles>)`. §1.1 — sessions hold documents.*/rows.* scopes; a key
// needs the route's scope (any of documents.* / rows.* on TablesDB routes, documents.* on
// Databases routes), else 401 general_unauthorized_scope.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as sdk from 'node-appwrite';
import * as web from 'appwrite';
import { startServer } from './harness.mjs';
import { assertError, plain, rejectsWith } from './spec.mjs';
import { Browser, closeBrowsers } from './browser.mjs';

const { Query, ID, Permission, Role } = sdk;

let server;
let key; // node-appwrite Databases with the API key
let keyTables;
let users; // {a, b, c}: {id, databases, tables}
let guest;
let teamId;
let databaseId;

/** A user signed in with a session created through the Users API; SDK services on that session. */
async function sessionUser(name) {
    const admin = new sdk.Users(server.client());
    const user = await admin.create({ userId: ID.unique(), email: `${name}-${Date.now()}@example.com`, password: 'sup3r secret', name });
    const session = await admin.createSession({ userId: user.$id });
    assert.ok(session.secret, 'the Users API hands out the session secret');
    const c = server.client({ key: null }).setSession(session.secret);
    return { id: user.$id, databases: new sdk.Databases(c), tables: new sdk.TablesDB(c) };
}

async function collection(permissions, security, extra = {}) {
    const collectionId = ID.unique();
    await key.createCollection({ databaseId, collectionId, name: 'c', permissions, documentSecurity: security, ...extra });
    await key.createStringAttribute({ databaseId, collectionId, key: 'title', size: 64, required: true });
    for (let i = 0; ; i++) {
        const attr = await key.getAttribute({ databaseId, collectionId, key: 'title' });
        if (attr.status === 'available') break;
        assert.ok(i < 200);
        await new Promise((r) => setTimeout(r, 50));
    }
    return collectionId;
}

before(async () => {
    server = await startServer();
    key = new sdk.Databases(server.client());
    keyTables = new sdk.TablesDB(server.client());
    databaseId = ID.unique();
    await key.create({ databaseId, name: 'perms' });
    users = { a: await sessionUser('alice'), b: await sessionUser('bob'), c: await sessionUser('carol') };
    const teams = new sdk.Teams(server.client());
    teamId = (await teams.create({ teamId: ID.unique(), name: 'T' })).$id;
    await teams.createMembership({ teamId, roles: ['editor'], userId: users.a.id });
    await teams.createMembership({ teamId, roles: ['viewer'], userId: users.b.id });
    const g = server.client({ key: null });
    guest = { databases: new sdk.Databases(g), tables: new sdk.TablesDB(g) };
});

after(async () => {
    closeBrowsers();
    if (server) await server.stop();
});

const ids = (list) => (list.documents ?? list.rows).map((d) => d.$id).sort();

test('document security: each session lists exactly what it may read, and total agrees', async () => {
    const collectionId = await collection([Permission.create(Role.users())], true);
    const at = { databaseId, collectionId };
    const seed = [
        ['k-alice', [Permission.read(Role.user(users.a.id))]],
        ['k-editors', [Permission.read(Role.team(teamId, 'editor'))]],
        ['k-team', [Permission.read(Role.team(teamId))]],
        ['k-any', [Permission.read(Role.any())]],
        ['k-users', [Permission.read(Role.users())]],
        ['k-guests', [Permission.read(Role.guests())]],
        ['k-none', []],
    ];
    for (const [documentId, permissions] of seed) {
        const doc = await key.createDocument({ ...at, documentId, data: { title: documentId }, permissions });
        assert.deepEqual(plain(doc.$permissions), permissions, 'keys get exactly what they pass');
    }
    // A session creator gets read/update/delete for itself.
    const own = await users.a.databases.createDocument({ ...at, documentId: 'a-own', data: { title: 'mine' } });
    assert.deepEqual(plain(own.$permissions), [`read("user:${users.a.id}")`, `update("user:${users.a.id}")`, `delete("user:${users.a.id}")`]);
    // An explicit [] means none — not even the creator can read it back.
    const none = await users.a.databases.createDocument({ ...at, documentId: 'a-none', data: { title: 'x' }, permissions: [] });
    assert.deepEqual(plain(none.$permissions), []);

    const expected = {
        a: ['a-own', 'k-alice', 'k-any', 'k-editors', 'k-team', 'k-users'],
        b: ['k-any', 'k-team', 'k-users'],
        c: ['k-any', 'k-users'],
    };
    for (const [who, visible] of Object.entries(expected)) {
        const list = await users[who].databases.listDocuments(at);
        assert.deepEqual(ids(list), visible, `${who} sees`);
        assert.equal(list.total, visible.length, `${who}: total agrees`);
        const filtered = await users[who].tables.listRows({ databaseId, tableId: collectionId, queries: [Query.startsWith('title', 'k-')] });
        assert.equal(filtered.total, visible.filter((id) => id.startsWith('k-')).length, `${who}: total with a filter`);
    }
    const guestList = await guest.databases.listDocuments(at);
    assert.deepEqual(ids(guestList), ['k-any', 'k-guests']);
    assert.equal(guestList.total, 2);
    const keyList = await key.listDocuments(at);
    assert.equal(keyList.total, 9, 'API keys bypass permissions');

    // Invisible documents are not found; a cursor on one is not found either.
    await rejectsWith(users.b.databases.getDocument({ ...at, documentId: 'k-alice' }), 404, 'document_not_found');
    await rejectsWith(users.b.tables.getRow({ databaseId, tableId: collectionId, rowId: 'k-editors' }), 404, 'row_not_found');
    assert.equal((await users.a.databases.getDocument({ ...at, documentId: 'k-editors' })).title, 'k-editors');
    await rejectsWith(guest.databases.getDocument({ ...at, documentId: 'k-users' }), 404, 'document_not_found');

    // Update/delete: by document permission; others get user_unauthorized.
    assert.equal((await users.a.databases.updateDocument({ ...at, documentId: 'a-own', data: { title: 'changed' } })).title, 'changed');
    await rejectsWith(users.b.databases.updateDocument({ ...at, documentId: 'a-own', data: { title: 'no' } }), 401, 'user_unauthorized');
    await rejectsWith(users.b.databases.deleteDocument({ ...at, documentId: 'a-own' }), 401, 'user_unauthorized');
    await rejectsWith(users.a.databases.updateDocument({ ...at, documentId: 'k-any', data: { title: 'no' } }), 401, 'user_unauthorized');
    await rejectsWith(users.b.databases.updateDocument({ ...at, documentId: 'ghost', data: { title: 'no' } }), 404, 'document_not_found');
    assert.equal((await key.getDocument({ ...at, documentId: 'a-own' })).title, 'changed', 'nothing written by the refused calls');

    // Create needs collection create: guests have none.
    await rejectsWith(guest.databases.createDocument({ ...at, documentId: 'g', data: { title: 'g' } }), 401, 'user_unauthorized');
    await users.a.databases.deleteDocument({ ...at, documentId: 'a-own' });
    assert.equal((await key.listDocuments(at)).total, 8);
});

test('a caller may only grant roles it holds; team roles grant only members with that role', async () => {
    const collectionId = await collection([Permission.create(Role.users()), Permission.update(Role.users())], true);
    const at = { databaseId, collectionId };
    // alice holds team:T/editor, bob only team:T/viewer.
    const shared = await users.a.databases.createDocument({
        ...at, documentId: 'shared', data: { title: 'for editors' },
        permissions: [Permission.read(Role.team(teamId, 'editor')), Permission.read(Role.user(users.a.id)), Permission.read(Role.any())],
    });
    assert.equal(shared.$id, 'shared');
    const res = await server.api('POST', `/databases/${databaseId}/collections/${collectionId}/documents`, {
        key: null,
        headers: { 'x-appwrite-session': '' },
        body: { documentId: 'x', data: { title: 'x' }, permissions: [Permission.read(Role.user('someoneelse'))] },
    });
    assertError(res, 401, 'user_unauthorized'); // a guest holds any and guests only
    assert.equal(res.body.message, 'Permissions must be one of: (any, guests)');
    await rejectsWith(users.b.databases.createDocument({
        ...at, documentId: 'bad', data: { title: 'x' }, permissions: [Permission.read(Role.team(teamId, 'editor'))],
    }), 401, 'user_unauthorized');
    await rejectsWith(users.b.tables.createRow({
        databaseId, tableId: collectionId, rowId: 'bad', data: { title: 'x' }, permissions: [Permission.read(Role.user(users.a.id))],
    }), 401, 'user_unauthorized');
    // Updating permissions follows the same rule; collection-level update lets bob try.
    await rejectsWith(users.b.databases.updateDocument({
        ...at, documentId: 'shared', permissions: [Permission.read(Role.user(users.c.id))],
    }), 401, 'user_unauthorized');
    const regranted = await users.b.databases.updateDocument({
        ...at, documentId: 'shared', permissions: [Permission.read(Role.users()), Permission.read(Role.team(teamId))],
    });
    assert.deepEqual(plain(regranted.$permissions), ['read("users")', `read("team:${teamId}")`]);
    // Invalid permission strings are argument errors, before any grant check.
    await rejectsWith(users.a.databases.createDocument({ ...at, documentId: 'p', data: { title: 'p' }, permissions: ['read(any)'] }), 400, 'general_argument_invalid');
    const all = await key.listDocuments(at);
    assert.deepEqual(ids(all), ['shared'], 'nothing written by refused calls');
});

test('collection-level permissions when document security is off', async () => {
    const collectionId = await collection([Permission.create(Role.users()), Permission.read(Role.team(teamId))], false);
    const at = { databaseId, collectionId };
    const doc = await users.a.databases.createDocument({ ...at, documentId: 'd1', data: { title: 'x' } });
    assert.deepEqual(plain(doc.$permissions), [`read("user:${users.a.id}")`, `update("user:${users.a.id}")`, `delete("user:${users.a.id}")`]);
    await key.createDocument({ ...at, documentId: 'd2', data: { title: 'y' }, permissions: [Permission.read(Role.user(users.c.id))] });
    // Team members read everything; document permissions do not count.
    const bob = await users.b.databases.listDocuments(at);
    assert.deepEqual(ids(bob), ['d1', 'd2']);
    assert.equal(bob.total, 2);
    await rejectsWith(users.c.databases.listDocuments(at), 401, 'user_unauthorized');
    await rejectsWith(users.c.databases.getDocument({ ...at, documentId: 'd2' }), 404, 'document_not_found');
    // Even the creator cannot update without collection-level update.
    await rejectsWith(users.a.databases.updateDocument({ ...at, documentId: 'd1', data: { title: 'z' } }), 401, 'user_unauthorized');
    await rejectsWith(users.a.databases.deleteDocument({ ...at, documentId: 'd1' }), 401, 'user_unauthorized');
    assert.equal((await key.getDocument({ ...at, documentId: 'd1' })).title, 'x');
});

test('sessions cannot bulk create; bulk update/delete follow permissions; upsert needs create', async () => {
    const collectionId = await collection([Permission.create(Role.users()), Permission.read(Role.users())], true);
    const at = { databaseId, collectionId };
    await rejectsWith(users.a.databases.createDocuments({ ...at, documents: [{ title: 'x' }] }), 401, 'general_unauthorized_scope');
    const up = await users.a.tables.upsertRow({ databaseId, tableId: collectionId, rowId: 'u1', data: { title: 'up' } });
    assert.deepEqual(plain(up.$permissions), [`read("user:${users.a.id}")`, `update("user:${users.a.id}")`, `delete("user:${users.a.id}")`]);
    await rejectsWith(users.b.tables.upsertRow({ databaseId, tableId: collectionId, rowId: 'u1', data: { title: 'no' } }), 401, 'user_unauthorized');
    await rejectsWith(guest.tables.upsertRow({ databaseId, tableId: collectionId, rowId: 'u2', data: { title: 'no' } }), 401, 'user_unauthorized');
    await key.createDocument({ ...at, documentId: 'k1', data: { title: 'key' }, permissions: [] });
    // bob can read k1? no; u1 yes (collection read) but cannot update it: the batch is refused.
    await rejectsWith(users.b.databases.updateDocuments({ ...at, data: { title: 'bulk' } }), 401, 'user_unauthorized');
    const mine = await users.a.databases.updateDocuments({ ...at, data: { title: 'bulk' }, queries: [Query.equal('$id', 'u1')] });
    assert.equal(mine.total, 1);
    assert.deepEqual(ids(await key.listDocuments({ ...at, queries: [Query.equal('title', 'bulk')] })), ['u1']);
    await rejectsWith(users.b.databases.deleteDocuments(at), 401, 'user_unauthorized');
    assert.equal((await key.listDocuments(at)).total, 2);
});

test('disabled collections and databases are not found for sessions, visible to keys', async () => {
    const collectionId = await collection([Permission.read(Role.any())], false);
    const at = { databaseId, collectionId };
    await key.createDocument({ ...at, documentId: 'x', data: { title: 'x' } });
    assert.equal((await users.a.databases.listDocuments(at)).total, 1);
    await key.updateCollection({ ...at, name: 'c', permissions: [Permission.read(Role.any())], enabled: false });
    await rejectsWith(users.a.databases.listDocuments(at), 404, 'collection_not_found');
    await rejectsWith(users.a.tables.getRow({ databaseId, tableId: collectionId, rowId: 'x' }), 404, 'table_not_found');
    assert.equal((await key.listDocuments(at)).total, 1);
    const otherDb = ID.unique();
    await key.create({ databaseId: otherDb, name: 'off', enabled: false });
    const c2 = ID.unique();
    await key.createCollection({ databaseId: otherDb, collectionId: c2, name: 'c', permissions: [Permission.read(Role.any())] });
    await rejectsWith(users.a.databases.listDocuments({ databaseId: otherDb, collectionId: c2 }), 404, 'database_not_found');
    assert.equal((await key.listDocuments({ databaseId: otherDb, collectionId: c2 })).total, 0);
});

test('API key scopes: documents.* on Databases routes, rows.* or documents.* on TablesDB routes', async () => {
    const collectionId = await collection([], false);
    const at = { databaseId, collectionId };
    const readOnly = server.createKey({ name: 'read', scopes: ['documents.read'] });
    const rowsWrite = server.createKey({ name: 'rows', scopes: ['rows.read', 'rows.write'] });
    const ro = new sdk.Databases(server.client({ key: readOnly.apiKey }));
    const rw = new sdk.TablesDB(server.client({ key: rowsWrite.apiKey }));
    const rwLegacy = new sdk.Databases(server.client({ key: rowsWrite.apiKey }));
    await rejectsWith(ro.createDocument({ ...at, documentId: 'x', data: { title: 'x' } }), 401, 'general_unauthorized_scope');
    const row = await rw.createRow({ databaseId, tableId: collectionId, rowId: 'r', data: { title: 'r' } });
    assert.deepEqual(plain(row.$permissions), [], 'keys get no default permissions');
    assert.equal((await ro.listDocuments(at)).total, 1, 'documents.read lists (keys bypass permissions)');
    assert.equal((await new sdk.TablesDB(server.client({ key: readOnly.apiKey })).listRows({ databaseId, tableId: collectionId })).total, 1);
    await rejectsWith(rwLegacy.createDocument({ ...at, documentId: 'y', data: { title: 'y' } }), 401, 'general_unauthorized_scope');
    await rejectsWith(rwLegacy.listDocuments(at), 401, 'general_unauthorized_scope');
    const bulk = await rw.createRows({ databaseId, tableId: collectionId, rows: [{ title: 'b1' }, { title: 'b2' }] });
    assert.equal(bulk.total, 2, 'keys may bulk create');
});

test('web SDK session (appwrite@27.0.0): create, list and update own rows', async () => {
    const collectionId = await collection([Permission.create(Role.users())], true);
    const browser = new Browser().use();
    const c = new web.Client().setEndpoint(server.endpoint).setProject(server.projectId);
    const account = new web.Account(c);
    const tables = new web.TablesDB(c);
    const email = `web-${Date.now()}@example.com`;
    const me = await account.create({ userId: web.ID.unique(), email, password: 'sup3r secret' });
    await account.createEmailPasswordSession({ email, password: 'sup3r secret' });
    assert.ok(browser.cookies(), 'session cookie kept');
    const row = await tables.createRow({ databaseId, tableId: collectionId, rowId: web.ID.unique(), data: { title: 'web' } });
    assert.deepEqual(row.$permissions, [`read("user:${me.$id}")`, `update("user:${me.$id}")`, `delete("user:${me.$id}")`]);
    await key.createDocument({ databaseId, collectionId, documentId: 'hidden', data: { title: 'hidden' } });
    const list = await tables.listRows({ databaseId, tableId: collectionId });
    assert.deepEqual(list.rows.map((r) => r.$id), [row.$id]);
    assert.equal(list.total, 1);
    const bumped = await tables.updateRow({ databaseId, tableId: collectionId, rowId: row.$id, data: { title: 'web2' } });
    assert.equal(bumped.title, 'web2');
    await assert.rejects(tables.getRow({ databaseId, tableId: collectionId, rowId: 'hidden' }), (e) => e.code === 404 && e.type === 'row_not_found');
    await tables.deleteRow({ databaseId, tableId: collectionId, rowId: row.$id });
    assert.equal((await key.listDocuments({ databaseId, collectionId })).total, 1);
});
