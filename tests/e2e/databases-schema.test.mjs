// Databases and TablesDB schema endpoints with node-appwrite@27.1.0 (API key): databases,
// collections/tables, indexes, and fulltext search through the documents/rows list, in both
// vocabularies on one storage. Pinned Appwrite 1.9.6 behaviour (read in appwrite/appwrite
// 1.9.6 src/Appwrite/Platform/Modules/Databases/Http/{Databases,TablesDB}/**, utopia-php/database
// 6.0.0 src/Database/Validator/Index.php and app/config/errors.php):
// - GET /databases lists only `legacy` databases, GET /tablesdb lists both; by-id routes reach
//   either kind. Update: an absent/empty name keeps it, an absent `enabled` is true.
// - collections/tables: update resets an omitted documentSecurity|rowSecurity to false and
//   `enabled` to true, keeps omitted permissions; list queries on name/enabled/
//   documentSecurity|rowSecurity, search, total=false -> 0; cursor errors name the noun.
// - delete of a database/collection answers 204 at once, the record is gone at once and the
//   tables are dropped in the background (no engine table is left behind).
// - indexes: 202 `processing`, then `available`; a unique index over duplicates ends `failed`
//   with "Document with the requested unique attributes already exists" and nothing in the
//   engine; delete 204 then gone; validation errors in Appwrite's order with its types and
//   messages (index_* / column_index_*, attribute_unknown / column_unknown, the legacy
//   index_invalid for array attributes in TablesDB too); model `$id` = <db>_<col>_<key>,
//   `attributes` vs `columns`, lengths padded with null per attribute; orders kept as sent.
// - Query.search needs a fulltext index over exactly that attribute (general_query_invalid).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import * as sdk from 'node-appwrite';
import { startServer } from './harness.mjs';
import { assertModel, assertError, plain, rejectsWith } from './spec.mjs';

const { ID, Query, Permission, Role } = sdk;

let server;
let databases; // Databases service (legacy words)
let tables; // TablesDB service

before(async () => {
    server = await startServer();
    databases = new sdk.Databases(server.client());
    tables = new sdk.TablesDB(server.client());
});

after(async () => {
    if (server) await server.stop();
});

/** assertModel for an index (null lengths are allowed by spec.mjs, as Appwrite pads them). */
function assertIndexModel(index, model) {
    assertModel(plain(index), model);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `read` until `done(value)` holds (schema work runs in the background). */
async function until(read, done, what) {
    for (let i = 0; i < 200; i++) {
        const value = await read();
        if (done(value)) return value;
        await sleep(25);
    }
    assert.fail(`timed out waiting for ${what}`);
}

/** The engine's tables of the data API (database_<n>, database_<n>_collection_<m>), sorted. */
function engineTables() {
    if (server.backend === 'postgres') {
        const out = execFileSync('psql', [server.dbUrl, '-qAt', '-c',
            "SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'database\\_%'"], { encoding: 'utf8' });
        return out.split('\n').filter(Boolean).sort();
    }
    const file = path.join(server.dataDir, 'db', `project_${server.projectId}.sqlite`);
    const out = execFileSync('sqlite3', [file,
        "SELECT name FROM sqlite_master WHERE type='table' AND name LIKE 'database\\_%' ESCAPE '\\'"], { encoding: 'utf8' });
    return out.split('\n').filter(Boolean).sort();
}

async function waitAttribute(databaseId, collectionId, key) {
    await until(() => databases.getAttribute({ databaseId, collectionId, key }), (a) => a.status === 'available',
        `attribute ${key}`);
}

/** A legacy database with collection `c` holding title (string 256), body (text), n (integer), tags (string[]). */
async function fixture(name) {
    const db = await databases.create({ databaseId: ID.unique(), name });
    const c = await databases.createCollection({ databaseId: db.$id, collectionId: 'c', name: 'C',
        permissions: [Permission.read(Role.any())] });
    await databases.createStringAttribute({ databaseId: db.$id, collectionId: 'c', key: 'title', size: 256, required: false });
    await databases.createStringAttribute({ databaseId: db.$id, collectionId: 'c', key: 'big', size: 1000, required: false });
    await databases.createIntegerAttribute({ databaseId: db.$id, collectionId: 'c', key: 'n', required: false });
    await databases.createStringAttribute({ databaseId: db.$id, collectionId: 'c', key: 'tags', size: 32, required: false, array: true });
    for (const key of ['title', 'big', 'n', 'tags']) await waitAttribute(db.$id, 'c', key);
    return { db, c };
}

test('databases: create, get, list per vocabulary, update semantics, errors', async () => {
    const legacy = await databases.create({ databaseId: 'legacy1', name: 'Legacy one' });
    assertModel(plain(legacy), 'database');
    assert.equal(legacy.type, 'legacy');
    assert.equal(legacy.enabled, true);
    const modern = await tables.create({ databaseId: 'modern1', name: 'Modern one', enabled: false });
    assert.equal(modern.type, 'tablesdb');
    assert.equal(modern.enabled, false);

    // GET /databases: legacy only; GET /tablesdb: both.
    const viaDatabases = await databases.list({ queries: [Query.equal('name', ['Legacy one', 'Modern one'])] });
    assert.deepEqual(viaDatabases.databases.map((d) => d.$id), ['legacy1']);
    assert.equal(viaDatabases.total, 1);
    const viaTables = await tables.list({ queries: [Query.equal('name', ['Legacy one', 'Modern one'])] });
    assert.deepEqual(viaTables.databases.map((d) => d.$id).sort(), ['legacy1', 'modern1']);
    assert.equal(viaTables.total, 2);
    assertModel(plain(viaTables), 'databaseList');
    assert.equal((await tables.list({ search: 'Modern' })).databases[0].$id, 'modern1');
    assert.equal((await tables.list({ total: false })).total, 0);
    // By id, either kind through either API.
    assert.equal((await databases.get({ databaseId: 'modern1' })).type, 'tablesdb');
    assert.equal((await tables.get({ databaseId: 'legacy1' })).type, 'legacy');

    // Update: name absent keeps it, enabled absent is true.
    let updated = plain(await server.api('PUT', '/databases/modern1', { body: {} })).body;
    assert.equal(updated.name, 'Modern one');
    assert.equal(updated.enabled, true);
    updated = await tables.update({ databaseId: 'modern1', name: 'Renamed', enabled: false });
    assert.equal(updated.name, 'Renamed');
    assert.equal(updated.enabled, false);

    // Errors, nothing written.
    await rejectsWith(databases.create({ databaseId: 'legacy1', name: 'again' }), 409, 'database_already_exists');
    const missing = await server.api('GET', '/tablesdb/nope');
    assertError(missing, 404, 'database_not_found');
    assert.equal(missing.body.message, "Database with the requested ID 'nope' could not be found.");
    const badId = await server.api('POST', '/databases', { body: { databaseId: '_bad', name: 'x' } });
    assertError(badId, 400, 'general_argument_invalid');
    const longName = await server.api('POST', '/tablesdb', { body: { databaseId: 'longname', name: 'x'.repeat(129) } });
    assertError(longName, 400, 'general_argument_invalid');
    assertError(await server.api('GET', '/tablesdb/longname'), 404, 'database_not_found');
    const badQuery = await server.api('GET', '/databases?queries[0]=' + encodeURIComponent(Query.equal('type', ['x'])));
    assertError(badQuery, 400, 'general_argument_invalid');
    const badCursor = await server.api('GET', '/tablesdb?queries[0]=' + encodeURIComponent(Query.cursorAfter('nope')));
    assertError(badCursor, 400, 'general_cursor_not_found');
    assert.equal(badCursor.body.message, "Database 'nope' for the 'cursor' value not found.");
});

test('collections and tables: list queries, update resets, disabled, errors', async () => {
    const db = await tables.create({ databaseId: ID.unique(), name: 'shop' });
    const created = await tables.createTable({ databaseId: db.$id, tableId: 'orders', name: 'Orders', rowSecurity: true,
        permissions: [Permission.read(Role.any()), Permission.write(Role.users())] });
    assertModel(plain(created), 'table');
    assert.deepEqual(plain(created.$permissions), ['read("any")', 'create("users")', 'update("users")', 'delete("users")']);
    assert.equal(created.bytesMax, 65535);
    await databases.createCollection({ databaseId: db.$id, collectionId: 'items', name: 'Items', enabled: false });

    // The same records in both words.
    const asCollection = await databases.getCollection({ databaseId: db.$id, collectionId: 'orders' });
    assertModel(plain(asCollection), 'collection');
    assert.equal(asCollection.documentSecurity, true);
    const list = await tables.listTables({ databaseId: db.$id, queries: [Query.equal('rowSecurity', [true])] });
    assert.deepEqual(list.tables.map((t) => t.$id), ['orders']);
    assertModel(plain(list), 'tableList');
    const disabled = await databases.listCollections({ databaseId: db.$id, queries: [Query.equal('enabled', [false])] });
    assert.deepEqual(disabled.collections.map((c) => c.$id), ['items']);
    assert.equal((await databases.listCollections({ databaseId: db.$id, search: 'Orders' })).total, 1);
    assert.equal((await databases.listCollections({ databaseId: db.$id, total: false })).total, 0);
    const byName = await databases.listCollections({ databaseId: db.$id, queries: [Query.orderDesc('name'), Query.limit(1)] });
    assert.deepEqual(byName.collections.map((c) => c.$id), ['orders']);
    assert.equal(byName.total, 2);
    const wrongWord = await server.api('GET', `/tablesdb/${db.$id}/tables?queries[0]=` +
        encodeURIComponent(Query.equal('documentSecurity', [true])));
    assertError(wrongWord, 400, 'general_argument_invalid');
    const cursor = await server.api('GET', `/tablesdb/${db.$id}/tables?queries[0]=` + encodeURIComponent(Query.cursorAfter('zzz')));
    assertError(cursor, 400, 'general_cursor_not_found');
    assert.equal(cursor.body.message, "Table 'zzz' for the 'cursor' value not found.");

    // Update: omitted rowSecurity -> false, omitted enabled -> true, omitted permissions kept.
    const reset = await tables.updateTable({ databaseId: db.$id, tableId: 'orders', name: 'Orders 2' });
    assert.equal(reset.name, 'Orders 2');
    assert.equal(reset.rowSecurity, false);
    assert.equal(reset.enabled, true);
    assert.equal(reset.$permissions.length, 4);
    const renamed = plain((await server.api('PUT', `/databases/${db.$id}/collections/items`, { body: { permissions: [] } })).body);
    assert.equal(renamed.name, 'Items');
    assert.equal(renamed.enabled, true);
    assert.deepEqual(renamed.$permissions, []);

    // Errors, nothing written.
    await rejectsWith(tables.createTable({ databaseId: db.$id, tableId: 'orders', name: 'x' }), 409, 'table_already_exists');
    await rejectsWith(databases.createCollection({ databaseId: db.$id, collectionId: 'orders', name: 'x' }), 409,
        'collection_already_exists');
    const missing = await server.api('GET', `/tablesdb/${db.$id}/tables/nope`);
    assertError(missing, 404, 'table_not_found');
    assert.equal(missing.body.message, "Table with the requested ID 'nope' could not be found.");
    assertError(await server.api('GET', `/databases/${db.$id}/collections/nope`), 404, 'collection_not_found');
    const badPerm = await server.api('POST', `/tablesdb/${db.$id}/tables`,
        { body: { tableId: 'bad', name: 'Bad', permissions: ['read("nobody:x")'] } });
    assertError(badPerm, 400, 'general_argument_invalid');
    assertError(await server.api('GET', `/tablesdb/${db.$id}/tables/bad`), 404, 'table_not_found');
    assertError(await server.api('PUT', `/tablesdb/${db.$id}/tables/orders`, { body: { permissions: ['bogus'] } }),
        400, 'general_argument_invalid');
    assert.equal((await tables.getTable({ databaseId: db.$id, tableId: 'orders' })).$permissions.length, 4);

    // Disabled for everyone but keys: a guest gets 404 on the rows of a disabled table.
    await databases.updateCollection({ databaseId: db.$id, collectionId: 'items', name: 'Items', enabled: false,
        permissions: [Permission.read(Role.any())] });
    assert.equal((await databases.getCollection({ databaseId: db.$id, collectionId: 'items' })).enabled, false);
    const guest = await server.api('GET', `/databases/${db.$id}/collections/items/documents`, { key: null });
    assertError(guest, 404, 'collection_not_found');
});

test('delete: records at once, engine tables dropped in the background, no orphans', async () => {
    const before = engineTables();
    const db = await databases.create({ databaseId: ID.unique(), name: 'doomed' });
    for (const id of ['a', 'b', 'c']) await databases.createCollection({ databaseId: db.$id, collectionId: id, name: id });
    await databases.createStringAttribute({ databaseId: db.$id, collectionId: 'a', key: 's', size: 10, required: false });
    await waitAttribute(db.$id, 'a', 's');
    await databases.createDocument({ databaseId: db.$id, collectionId: 'a', documentId: 'd1', data: { s: 'x' } });
    assert.equal(engineTables().length, before.length + 4);

    await databases.deleteCollection({ databaseId: db.$id, collectionId: 'a' });
    await rejectsWith(databases.getCollection({ databaseId: db.$id, collectionId: 'a' }), 404, 'collection_not_found');
    assert.deepEqual((await databases.listCollections({ databaseId: db.$id })).collections.map((c) => c.$id), ['b', 'c']);
    // The id may be taken again at once; the new collection is empty.
    await databases.createCollection({ databaseId: db.$id, collectionId: 'a', name: 'again' });
    assert.equal((await databases.listDocuments({ databaseId: db.$id, collectionId: 'a' })).total, 0);
    await until(async () => engineTables().length, (n) => n === before.length + 4, 'the old table to go');

    await tables.delete({ databaseId: db.$id });
    await rejectsWith(databases.get({ databaseId: db.$id }), 404, 'database_not_found');
    await rejectsWith(tables.listTables({ databaseId: db.$id }), 404, 'database_not_found');
    await until(async () => engineTables(), (t) => JSON.stringify(t) === JSON.stringify(before), 'no orphan tables');
    await rejectsWith(databases.delete({ databaseId: db.$id }), 404, 'database_not_found');
});

test('indexes: background build, model, list queries, get, delete', async () => {
    const { db } = await fixture('idx');
    const created = await databases.createIndex({ databaseId: db.$id, collectionId: 'c', key: 'by_title',
        type: sdk.DatabasesIndexType.Key, attributes: ['title', 'n'], orders: [sdk.OrderBy.Asc] });
    assertIndexModel(created, 'index');
    assert.equal(created.status, 'processing');
    assert.equal(created.error, '');
    assert.match(created.$id, /^\d+_\d+_by_title$/);
    assert.deepEqual(plain(created.lengths), [null, null]);
    assert.deepEqual(plain(created.orders), ['asc']);
    const ready = await until(() => databases.getIndex({ databaseId: db.$id, collectionId: 'c', key: 'by_title' }),
        (i) => i.status === 'available', 'index');
    assert.deepEqual(plain(ready.attributes), ['title', 'n']);

    // The same index through TablesDB.
    const column = await tables.getIndex({ databaseId: db.$id, tableId: 'c', key: 'by_title' });
    assertIndexModel(column, 'columnIndex');
    assert.deepEqual(plain(column.columns), ['title', 'n']);
    const unique = await tables.createIndex({ databaseId: db.$id, tableId: 'c', key: 'u_n', type: sdk.TablesDBIndexType.Unique,
        columns: ['n', '$createdAt'], orders: [sdk.OrderBy.Desc, sdk.OrderBy.Asc] });
    assertIndexModel(unique, 'columnIndex');
    await until(() => tables.getIndex({ databaseId: db.$id, tableId: 'c', key: 'u_n' }), (i) => i.status === 'available', 'unique');
    const sized = await databases.createIndex({ databaseId: db.$id, collectionId: 'c', key: 'big_prefix',
        type: sdk.DatabasesIndexType.Key, attributes: ['big'], lengths: [100] });
    assert.deepEqual(plain(sized.lengths), [100]);

    // List with queries and total; the collection model carries the indexes.
    let list = await databases.listIndexes({ databaseId: db.$id, collectionId: 'c' });
    assert.deepEqual(Object.keys(list), ['total', 'indexes']);
    for (const index of list.indexes) assertIndexModel(index, 'index');
    assert.equal(list.total, 3);
    list = await databases.listIndexes({ databaseId: db.$id, collectionId: 'c', queries: [Query.equal('type', ['unique'])] });
    assert.deepEqual(list.indexes.map((i) => i.key), ['u_n']);
    list = await tables.listIndexes({ databaseId: db.$id, tableId: 'c', queries: [Query.limit(1), Query.offset(1)] });
    assert.deepEqual(list.indexes.map((i) => i.key), ['u_n']);
    assert.equal(list.total, 3);
    list = await tables.listIndexes({ databaseId: db.$id, tableId: 'c', queries: [Query.cursorAfter('by_title')], total: false });
    assert.deepEqual(list.indexes.map((i) => i.key), ['u_n', 'big_prefix']);
    assert.equal(list.total, 0);
    const collection = await databases.getCollection({ databaseId: db.$id, collectionId: 'c' });
    assert.deepEqual(collection.indexes.map((i) => i.key), ['by_title', 'u_n', 'big_prefix']);
    const badList = await server.api('GET', `/databases/${db.$id}/collections/c/indexes?queries[0]=` +
        encodeURIComponent(Query.equal('orders', ['asc'])));
    assertError(badList, 400, 'general_argument_invalid');
    const badCursor = await server.api('GET', `/tablesdb/${db.$id}/tables/c/indexes?queries[0]=` +
        encodeURIComponent(Query.cursorAfter('nope')));
    assertError(badCursor, 400, 'general_cursor_not_found');
    assert.equal(badCursor.body.message, "Index 'nope' for the 'cursor' value not found.");

    // The unique index holds: a duplicate n is refused.
    await databases.createDocument({ databaseId: db.$id, collectionId: 'c', documentId: 'one', data: { n: 1 } });

    // Delete: 204, `deleting` or gone, then gone; the key is free again.
    await databases.deleteIndex({ databaseId: db.$id, collectionId: 'c', key: 'u_n' });
    await until(async () => (await databases.listIndexes({ databaseId: db.$id, collectionId: 'c' })).total, (n) => n === 2,
        'the index to go');
    await rejectsWith(databases.getIndex({ databaseId: db.$id, collectionId: 'c', key: 'u_n' }), 404, 'index_not_found');
    await rejectsWith(tables.deleteIndex({ databaseId: db.$id, tableId: 'c', key: 'u_n' }), 404, 'column_index_not_found');
    const missing = await server.api('GET', `/tablesdb/${db.$id}/tables/c/indexes/u_n`);
    assert.equal(missing.body.message, "Index with the requested key 'u_n' could not be found.");
    await databases.createDocument({ databaseId: db.$id, collectionId: 'c', documentId: 'two', data: { n: 1 } });
});

test('indexes: a unique index over duplicates ends failed with the reason and leaves nothing', async () => {
    const { db } = await fixture('dupes');
    await databases.createDocument({ databaseId: db.$id, collectionId: 'c', documentId: 'a', data: { title: 'same' } });
    await databases.createDocument({ databaseId: db.$id, collectionId: 'c', documentId: 'b', data: { title: 'same' } });
    const created = await tables.createIndex({ databaseId: db.$id, tableId: 'c', key: 'u_title',
        type: sdk.TablesDBIndexType.Unique, columns: ['title'] });
    assert.equal(created.status, 'processing');
    const failed = await until(() => tables.getIndex({ databaseId: db.$id, tableId: 'c', key: 'u_title' }),
        (i) => i.status !== 'processing', 'the build');
    assert.equal(failed.status, 'failed');
    assert.equal(failed.error, 'Document with the requested unique attributes already exists');
    // No partial index: a third duplicate is still accepted.
    await databases.createDocument({ databaseId: db.$id, collectionId: 'c', documentId: 'c3', data: { title: 'same' } });
    // A failed index is listed until deleted; deleting it frees the key.
    const listed = await databases.listIndexes({ databaseId: db.$id, collectionId: 'c', queries: [Query.equal('status', ['failed'])] });
    assert.deepEqual(listed.indexes.map((i) => i.key), ['u_title']);
    await tables.deleteIndex({ databaseId: db.$id, tableId: 'c', key: 'u_title' });
    await until(async () => (await tables.listIndexes({ databaseId: db.$id, tableId: 'c' })).total, (n) => n === 0, 'delete');
    const again = await tables.createIndex({ databaseId: db.$id, tableId: 'c', key: 'u_title', type: sdk.TablesDBIndexType.Key,
        columns: ['title'] });
    assert.equal(again.status, 'processing');
});

test('indexes: validation errors in both vocabularies, nothing written', async () => {
    const { db } = await fixture('bad');
    const post = (root, body) => server.api('POST', `/${root}/${db.$id}/${root === 'tablesdb' ? 'tables' : 'collections'}/c/indexes`, { body });
    const cases = [
        // [root, body, status, type, message]
        ['databases', { key: '_x', type: 'key', attributes: ['title'] }, 400, 'general_argument_invalid'],
        ['databases', { key: 'x', type: 'hash', attributes: ['title'] }, 400, 'general_argument_invalid',
            'Invalid `type` param: Value must be one of (key, fulltext, unique, spatial)'],
        ['databases', { key: 'x', type: 'key' }, 400, 'general_argument_invalid', 'Param "attributes" is not optional.'],
        ['tablesdb', { key: 'x', type: 'key', columns: ['title'], orders: ['UP'] }, 400, 'general_argument_invalid'],
        ['databases', { key: 'x', type: 'key', attributes: ['nope'] }, 400, 'attribute_unknown',
            "The attribute 'nope' required for the index could not be found. Please confirm all your attributes are in the available state."],
        ['tablesdb', { key: 'x', type: 'key', columns: ['nope'] }, 400, 'column_unknown',
            "The column 'nope' required for the index could not be found. Please confirm all your columns are in the available state."],
        ['databases', { key: 'x', type: 'key', attributes: ['tags'] }, 400, 'index_invalid',
            'Creating indexes on array attributes is not currently supported.'],
        ['tablesdb', { key: 'x', type: 'key', columns: ['tags'] }, 400, 'index_invalid',
            'Creating indexes on array attributes is not currently supported.'],
        ['tablesdb', { key: 'x', type: 'fulltext', columns: ['n'] }, 400, 'column_index_invalid',
            'Attribute "n" cannot be part of a fulltext index, must be of type string'],
        ['databases', { key: 'x', type: 'key', attributes: [] }, 400, 'index_invalid', 'No attributes provided for index'],
        ['databases', { key: 'x', type: 'key', attributes: ['title', 'title'] }, 400, 'index_invalid', 'Duplicate attributes provided'],
        ['databases', { key: 'x', type: 'key', attributes: ['n'], lengths: [5] }, 400, 'index_invalid',
            'Cannot set a length on "integer" attributes'],
        ['databases', { key: 'x', type: 'key', attributes: ['title'], lengths: [300] }, 400, 'index_invalid',
            'Index length 300 is larger than the size for title: 256"'],
        ['databases', { key: 'x', type: 'key', attributes: ['title'], lengths: [10, 10] }, 400, 'index_invalid',
            'Invalid index lengths. Count of lengths must be equal or less than the number of attributes.'],
        ['tablesdb', { key: 'x', type: 'key', columns: ['big'] }, 400, 'column_index_invalid',
            'Index length is longer than the maximum: 768'],
        ['tablesdb', { key: 'x', type: 'spatial', columns: ['title'] }, 400, 'column_index_invalid',
            'Spatial index can only be created on spatial attributes (point, linestring, polygon). Attribute "title" is of type "string"'],
        ['databases', { key: 'x', type: 'spatial', attributes: ['title'], orders: ['ASC'] }, 400, 'index_invalid',
            'Spatial indexes with explicit orders are not supported. Remove the orders to create this index.'],
        ['databases', { key: 'primary', type: 'key', attributes: ['n'] }, 400, 'index_invalid', 'Index key name is reserved'],
    ];
    for (const [root, body, status, type, message] of cases) {
        const res = await post(root, body);
        assertError(res, status, type);
        if (message) assert.equal(res.body.message, message, JSON.stringify(body));
    }
    assert.equal((await databases.listIndexes({ databaseId: db.$id, collectionId: 'c' })).total, 0);

    // Duplicate key (checked last, case-insensitively), 409 in each vocabulary's type.
    await databases.createIndex({ databaseId: db.$id, collectionId: 'c', key: 'k', type: sdk.DatabasesIndexType.Key, attributes: ['n'] });
    const dup = await post('databases', { key: 'K', type: 'key', attributes: ['title'] });
    assertError(dup, 409, 'index_already_exists');
    assert.equal(dup.body.message, "Index with the requested key 'K' already exists. Try again with a different key.");
    assertError(await post('tablesdb', { key: 'k', type: 'key', columns: ['title'] }), 409, 'column_index_already_exists');
    // Missing collection / database.
    assertError(await server.api('POST', `/tablesdb/${db.$id}/tables/nope/indexes`, { body: { key: 'y', type: 'key', columns: ['n'] } }),
        404, 'table_not_found');
    assertError(await server.api('POST', `/databases/nope/collections/c/indexes`, { body: { key: 'y', type: 'key', attributes: ['n'] } }),
        404, 'database_not_found');
    assert.equal((await databases.listIndexes({ databaseId: db.$id, collectionId: 'c' })).total, 1);

    // The index limit: 58 per collection.
    for (let i = 1; i < 58; i++) {
        await databases.createIndex({ databaseId: db.$id, collectionId: 'c', key: `k${i}`, type: sdk.DatabasesIndexType.Key, attributes: ['n'] });
    }
    const over = await post('tablesdb', { key: 'k58', type: 'key', columns: ['n'] });
    assertError(over, 400, 'column_index_limit_exceeded');
    assert.equal(over.body.message, "The maximum number of indexes for table 'c' has been reached.");
});

test('fulltext search through documents and rows, on an index built in the background', async () => {
    const { db } = await fixture('fts');
    const docs = [['d1', 'The quick brown fox'], ['d2', 'A lazy dog sleeps'], ['d3', 'Quick thinking wins']];
    for (const [id, title] of docs) {
        await databases.createDocument({ databaseId: db.$id, collectionId: 'c', documentId: id, data: { title } });
    }
    const noIndex = await server.api('GET', `/databases/${db.$id}/collections/c/documents?queries[0]=` +
        encodeURIComponent(Query.search('title', 'quick')));
    // Appwrite answers general_query_invalid; the type is the documents list's (not pinned here).
    assert.equal(noIndex.status, 400);
    assert.match(noIndex.body.message, /Searching by attribute "title" requires a fulltext index\./);

    await databases.createIndex({ databaseId: db.$id, collectionId: 'c', key: 'ft', type: sdk.DatabasesIndexType.Fulltext, attributes: ['title'] });
    await until(() => databases.getIndex({ databaseId: db.$id, collectionId: 'c', key: 'ft' }), (i) => i.status === 'available', 'ft');
    const found = await databases.listDocuments({ databaseId: db.$id, collectionId: 'c', queries: [Query.search('title', 'quick')] });
    assert.deepEqual(found.documents.map((d) => d.$id).sort(), ['d1', 'd3']);
    assert.equal(found.total, 2);
    // Written after the index: found too, through TablesDB.
    await tables.createRow({ databaseId: db.$id, tableId: 'c', rowId: 'r4', data: { title: 'quick again' } });
    const rows = await tables.listRows({ databaseId: db.$id, tableId: 'c', queries: [Query.search('title', 'quick'), Query.orderAsc('$id')] });
    assert.deepEqual(rows.rows.map((r) => r.$id), ['d1', 'd3', 'r4']);
    const none = await tables.listRows({ databaseId: db.$id, tableId: 'c', queries: [Query.search('title', 'zebra')] });
    assert.equal(none.total, 0);
});
