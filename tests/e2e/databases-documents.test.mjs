// Documents (Databases) and rows (TablesDB) with node-appwrite@27.1.0 and an API key, in both
// vocabularies on one storage: create (single and bulk), get with select, list with the query
// methods, `total` and cursor pagination through 10,000 documents forward and backward, update,
// upsert (single and bulk), bulk update and delete by queries, increment/decrement with bounds,
// and every bad input with Appwrite's error and nothing written (checked by listing afterwards).
//
// Appwrite behaviour pinned here, as read in /work/notes/databases-contract.md (Appwrite 1.9.6,
// utopia-php/database 6.0.0): model meta fields in the spec's order with `$sequence` a string
// (§2.5); create 201, single and bulk upsert 200 although the spec says 201 (§1.1, Upsert.php);
// bulk responses `{total, documents|rows}` with at most 100 items (§2.7); batches of at most 100
// (§3.7); a unique-index violation is document_already_exists / row_already_exists (§3.1);
// structure messages `Invalid document structure: …` (§3.7); missing data/payload and the
// data-vs-documents errors (§3.7); permission validator messages as general_argument_invalid and
// bulk items' as general_bad_request (§3.1, §3.8); increment/decrement errors, including
// attribute_type_invalid in both vocabularies and attribute_not_found for a missing document (§6.2);
// query errors as general_query_invalid and general_cursor_not_found (§3.9).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as sdk from 'node-appwrite';
import { startServer } from './harness.mjs';
import { assertError, plain, rejectsWith } from './spec.mjs';

const { Query, ID, Permission, Role } = sdk;

let server;
let client;

const VOCABULARIES = [
    {
        name: 'Databases', root: 'databases', collections: 'collections', collectionId: 'collectionId',
        documents: 'documents', documentId: 'documentId', meta: '$collectionId', attributes: 'attributes',
        security: 'documentSecurity', tables: false,
    },
    {
        name: 'TablesDB', root: 'tablesdb', collections: 'tables', collectionId: 'tableId',
        documents: 'rows', documentId: 'rowId', meta: '$tableId', attributes: 'columns',
        security: 'rowSecurity', tables: true,
    },
];

/** The vocabulary's error type (document_* -> row_*, attribute_* -> column_*). */
function errorType(v, type) {
    if (!v.tables || type === 'attribute_type_invalid') return type;
    return type.replace(/^document_/, 'row_').replace(/^attribute_/, 'column_').replace(/^collection_/, 'table_');
}

/** Document operations through the SDK service of the vocabulary. */
function documentsOf(v, c = client) {
    if (!v.tables) {
        const d = new sdk.Databases(c);
        const at = (databaseId, collectionId) => ({ databaseId, collectionId });
        return {
            create: (db, col, id, data, permissions) => d.createDocument({ ...at(db, col), documentId: id, data, permissions }),
            createMany: (db, col, items) => d.createDocuments({ ...at(db, col), documents: items }),
            get: (db, col, id, queries) => d.getDocument({ ...at(db, col), documentId: id, queries }),
            list: (db, col, queries, total) => d.listDocuments({ ...at(db, col), queries, total }),
            update: (db, col, id, data, permissions) => d.updateDocument({ ...at(db, col), documentId: id, data, permissions }),
            upsert: (db, col, id, data, permissions) => d.upsertDocument({ ...at(db, col), documentId: id, data, permissions }),
            upsertMany: (db, col, items) => d.upsertDocuments({ ...at(db, col), documents: items }),
            updateMany: (db, col, data, queries) => d.updateDocuments({ ...at(db, col), data, queries }),
            deleteMany: (db, col, queries) => d.deleteDocuments({ ...at(db, col), queries }),
            remove: (db, col, id) => d.deleteDocument({ ...at(db, col), documentId: id }),
            increment: (db, col, id, key, value, max) =>
                d.incrementDocumentAttribute({ ...at(db, col), documentId: id, attribute: key, value, max }),
            decrement: (db, col, id, key, value, min) =>
                d.decrementDocumentAttribute({ ...at(db, col), documentId: id, attribute: key, value, min }),
            items: (list) => list.documents,
        };
    }
    const t = new sdk.TablesDB(c);
    const at = (databaseId, tableId) => ({ databaseId, tableId });
    return {
        create: (db, col, id, data, permissions) => t.createRow({ ...at(db, col), rowId: id, data, permissions }),
        createMany: (db, col, items) => t.createRows({ ...at(db, col), rows: items }),
        get: (db, col, id, queries) => t.getRow({ ...at(db, col), rowId: id, queries }),
        list: (db, col, queries, total) => t.listRows({ ...at(db, col), queries, total }),
        update: (db, col, id, data, permissions) => t.updateRow({ ...at(db, col), rowId: id, data, permissions }),
        upsert: (db, col, id, data, permissions) => t.upsertRow({ ...at(db, col), rowId: id, data, permissions }),
        upsertMany: (db, col, items) => t.upsertRows({ ...at(db, col), rows: items }),
        updateMany: (db, col, data, queries) => t.updateRows({ ...at(db, col), data, queries }),
        deleteMany: (db, col, queries) => t.deleteRows({ ...at(db, col), queries }),
        remove: (db, col, id) => t.deleteRow({ ...at(db, col), rowId: id }),
        increment: (db, col, id, key, value, max) => t.incrementRowColumn({ ...at(db, col), rowId: id, column: key, value, max }),
        decrement: (db, col, id, key, value, min) => t.decrementRowColumn({ ...at(db, col), rowId: id, column: key, value, min }),
        items: (list) => list.rows,
    };
}

async function ok(res, what) {
    assert.ok(res.status >= 200 && res.status < 300, `${what}: ${res.status} ${res.text}`);
    return res.body;
}

/** Creates a database and a collection/table with the given attributes (raw API), waiting until available. */
async function schema(v, { attributes, indexes = [], permissions = [], security = false }) {
    const databaseId = ID.unique();
    await ok(await server.api('POST', `/${v.root}`, { body: { databaseId, name: 'db' } }), 'create database');
    const collectionId = ID.unique();
    const base = `/${v.root}/${databaseId}/${v.collections}`;
    await ok(await server.api('POST', base, {
        body: { [v.collectionId]: collectionId, name: 'items', permissions, [v.security]: security },
    }), 'create collection');
    for (const { type, ...body } of attributes) {
        await ok(await server.api('POST', `${base}/${collectionId}/${v.attributes}/${type}`, { body }), `attribute ${body.key}`);
    }
    for (const index of indexes) {
        const body = { key: index.key, type: index.type, [v.attributes]: index.attributes };
        await ok(await server.api('POST', `${base}/${collectionId}/indexes`, { body }), `index ${index.key}`);
    }
    for (let i = 0; ; i++) {
        const col = await ok(await server.api('GET', `${base}/${collectionId}`), 'get collection');
        const all = [...col[v.attributes], ...col.indexes];
        if (all.every((a) => a.status === 'available')) break;
        assert.ok(all.every((a) => a.status === 'processing' || a.status === 'available'), JSON.stringify(all));
        assert.ok(i < 200, 'schema never became available');
        await new Promise((r) => setTimeout(r, 50));
    }
    return { databaseId, collectionId };
}

const ITEM_ATTRIBUTES = [
    { type: 'string', key: 'title', size: 20, required: true },
    { type: 'integer', key: 'count', required: false, min: 0, max: 1000 },
    { type: 'float', key: 'price', required: false },
    { type: 'boolean', key: 'active', required: false },
    { type: 'string', key: 'tags', size: 16, required: false, array: true },
    { type: 'email', key: 'email', required: false },
    { type: 'enum', key: 'kind', elements: ['a', 'b', 'c'], required: false },
    { type: 'datetime', key: 'when', required: false },
    { type: 'string', key: 'code', size: 10, required: false },
];

before(async () => {
    server = await startServer();
    client = server.client();
});

after(async () => {
    if (server) await server.stop();
});

/** Ids of everything in the collection (key, up to 5000). */
async function allIds(v, s) {
    const list = await documentsOf(v).list(s.databaseId, s.collectionId, [Query.limit(5000)]);
    return documentsOf(v).items(list).map((d) => d.$id).sort();
}

function assertMeta(v, doc, s) {
    const keys = Object.keys(doc);
    assert.deepEqual(keys.slice(0, 7), ['$id', '$sequence', v.meta, '$databaseId', '$createdAt', '$updatedAt', '$permissions']);
    assert.equal(typeof doc.$sequence, 'string');
    assert.match(doc.$sequence, /^\d+$/);
    assert.equal(doc[v.meta], s.collectionId);
    assert.equal(doc.$databaseId, s.databaseId);
    assert.ok(Array.isArray(doc.$permissions));
}

for (const v of VOCABULARIES) {
    test(`${v.name}: create, get with select, update, upsert, delete`, async () => {
        const s = await schema(v, { attributes: ITEM_ATTRIBUTES });
        const docs = documentsOf(v);
        const created = plain(await docs.create(s.databaseId, s.collectionId, 'first', {
            title: 'Hello', count: 3, price: 1.5, active: true, tags: ['x', 'y'], email: 'a@example.com',
            kind: 'b', when: '2024-05-01T10:00:00.000+00:00', $sequence: 'ignored', [v.meta]: 'ignored',
        }, [Permission.read(Role.any())]));
        assertMeta(v, created, s);
        assert.equal(created.$id, 'first');
        assert.deepEqual(created.$permissions, ['read("any")']);
        assert.deepEqual(Object.keys(created).slice(7).sort(),
            ['active', 'code', 'count', 'email', 'kind', 'price', 'tags', 'title', 'when']);
        assert.equal(created.code, null);
        assert.deepEqual(created.tags, ['x', 'y']);

        // Raw: 201 and unique() generating an id.
        const res = await server.api('POST', `/${v.root}/${s.databaseId}/${v.collections}/${s.collectionId}/${v.documents}`, {
            body: { [v.documentId]: 'unique()', data: { title: 'Second' } },
        });
        assert.equal(res.status, 201, res.text);
        assert.match(res.body.$id, /^[0-9a-f]{20}$/);
        assert.deepEqual(res.body.$permissions, [], 'API keys get no default permissions');

        const got = plain(await docs.get(s.databaseId, s.collectionId, 'first'));
        assert.deepEqual(got, created);
        const selected = plain(await docs.get(s.databaseId, s.collectionId, 'first', [Query.select(['title', 'count'])]));
        assertMeta(v, selected, s);
        assert.deepEqual(Object.keys(selected).slice(7), ['title', 'count']);

        const updated = plain(await docs.update(s.databaseId, s.collectionId, 'first', { count: 4, price: null }));
        assert.equal(updated.count, 4);
        assert.equal(updated.price, null);
        assert.equal(updated.title, 'Hello', 'partial update keeps other values');
        assert.deepEqual(updated.$permissions, ['read("any")'], 'permissions omitted: kept');
        assert.ok(updated.$updatedAt >= created.$updatedAt);
        const permsOnly = plain(await docs.update(s.databaseId, s.collectionId, 'first', undefined,
            [Permission.read(Role.users()), Permission.write(Role.user('u1'))]));
        assert.deepEqual(permsOnly.$permissions, ['read("users")', 'update("user:u1")', 'delete("user:u1")']);
        assert.equal(permsOnly.count, 4);

        // Upsert: 200 both when creating and when updating; an update merges.
        const upsertPath = `/${v.root}/${s.databaseId}/${v.collections}/${s.collectionId}/${v.documents}/up`;
        const up1 = await server.api('PUT', upsertPath, { body: { data: { title: 'Up', count: 1 } } });
        assert.equal(up1.status, 200, up1.text);
        assert.equal(up1.body.title, 'Up');
        const up2 = plain(await docs.upsert(s.databaseId, s.collectionId, 'up', { count: 2 }));
        assert.equal(up2.title, 'Up');
        assert.equal(up2.count, 2);
        assert.equal(up2.$sequence, up1.body.$sequence);
        assert.equal(up2.$createdAt, up1.body.$createdAt);

        await docs.remove(s.databaseId, s.collectionId, 'up');
        await rejectsWith(docs.get(s.databaseId, s.collectionId, 'up'), 404, errorType(v, 'document_not_found'));
        await rejectsWith(docs.remove(s.databaseId, s.collectionId, 'up'), 404, errorType(v, 'document_not_found'));
        await rejectsWith(docs.update(s.databaseId, s.collectionId, 'up', { count: 1 }), 404, errorType(v, 'document_not_found'));
        const missing = await server.api('GET', upsertPath);
        assertError(missing, 404, errorType(v, 'document_not_found'));
        assert.equal(missing.body.message, `${v.tables ? 'Row' : 'Document'} with the requested ID 'up' could not be found.`);
    });

    test(`${v.name}: list with every query method, total and select`, async () => {
        const s = await schema(v, {
            attributes: ITEM_ATTRIBUTES,
            indexes: [{ key: 'ft', type: 'fulltext', attributes: ['title'] }],
        });
        const docs = documentsOf(v);
        const rows = [
            { $id: 'a', title: 'apple pie', count: 1, price: 1.0, active: true, tags: ['red', 'sweet'], kind: 'a', when: '2024-01-01T00:00:00.000+00:00' },
            { $id: 'b', title: 'banana split', count: 2, price: 2.5, active: false, tags: ['yellow'], kind: 'b', when: '2024-02-01T00:00:00.000+00:00' },
            { $id: 'c', title: 'cherry tart', count: 3, price: null, active: true, tags: [], kind: 'c', when: null },
            { $id: 'd', title: 'date loaf', count: null, price: 4.0, active: null, tags: ['brown', 'sweet'], kind: null, when: '2024-04-01T00:00:00.000+00:00' },
        ];
        const bulk = plain(await docs.createMany(s.databaseId, s.collectionId, rows));
        assert.equal(bulk.total, 4);
        assert.deepEqual(docs.items(bulk).map((d) => d.$id), ['a', 'b', 'c', 'd']);
        assertMeta(v, docs.items(bulk)[0], s);

        const ids = async (queries, total) => {
            const list = plain(await docs.list(s.databaseId, s.collectionId, queries, total));
            return { ids: docs.items(list).map((d) => d.$id), total: list.total };
        };
        const cases = [
            [[Query.equal('kind', ['a', 'c'])], ['a', 'c']],
            [[Query.notEqual('kind', 'a')], ['b', 'c']],
            [[Query.lessThan('count', 2)], ['a']],
            [[Query.lessThanEqual('count', 2)], ['a', 'b']],
            [[Query.greaterThan('price', 1)], ['b', 'd']],
            [[Query.greaterThanEqual('count', 2)], ['b', 'c']],
            [[Query.between('count', 2, 3)], ['b', 'c']],
            [[Query.isNull('price')], ['c']],
            [[Query.isNotNull('kind')], ['a', 'b', 'c']],
            [[Query.startsWith('title', 'ban')], ['b']],
            [[Query.endsWith('title', 'tart')], ['c']],
            [[Query.contains('tags', ['sweet'])], ['a', 'd']],
            [[Query.contains('title', ['err'])], ['c']],
            [[Query.search('title', 'cherry')], ['c']],
            [[Query.equal('active', true)], ['a', 'c']],
            [[Query.greaterThan('when', '2024-01-15T00:00:00.000+00:00')], ['b', 'd']],
            [[Query.or([Query.equal('kind', 'a'), Query.greaterThan('price', 3)])], ['a', 'd']],
            [[Query.and([Query.equal('active', true), Query.greaterThan('count', 1)])], ['c']],
            [[Query.equal('$id', ['b', 'd'])], ['b', 'd']],
            [[Query.orderDesc('count')], ['c', 'b', 'a', 'd']],
            [[Query.orderAsc('title'), Query.limit(2)], ['a', 'b']],
            [[Query.orderAsc('title'), Query.offset(3)], ['d']],
            [[Query.cursorAfter('b')], ['c', 'd']],
            [[Query.cursorBefore('c')], ['a', 'b']],
        ];
        for (const [queries, expected] of cases) {
            const got = await ids(queries);
            assert.deepEqual(got.ids, expected, JSON.stringify(queries));
        }
        // `total` ignores limit/offset/cursor; total=false answers 0.
        assert.deepEqual(await ids([Query.limit(1)]), { ids: ['a'], total: 4 });
        assert.deepEqual(await ids([Query.cursorAfter('a'), Query.limit(1)]), { ids: ['b'], total: 4 });
        assert.deepEqual(await ids([Query.equal('active', true)], false), { ids: ['a', 'c'], total: 0 });

        const selected = plain(await docs.list(s.databaseId, s.collectionId, [Query.select(['title']), Query.limit(1)]));
        assert.deepEqual(Object.keys(docs.items(selected)[0]).slice(7), ['title']);

        // Query errors.
        await rejectsWith(docs.list(s.databaseId, s.collectionId, [Query.equal('nope', 1)]), 400, 'general_query_invalid');
        await rejectsWith(docs.list(s.databaseId, s.collectionId, ['{"method":"bogus"}']), 400, 'general_query_invalid');
        await rejectsWith(docs.list(s.databaseId, s.collectionId, [Query.cursorAfter('ghost')]), 400, 'general_cursor_not_found');
        await rejectsWith(docs.list(s.databaseId, s.collectionId, [Query.search('kind', 'a')]), 400, 'general_query_invalid');
    });

    test(`${v.name}: bulk upsert, bulk update and bulk delete by queries`, async () => {
        const s = await schema(v, { attributes: ITEM_ATTRIBUTES });
        const docs = documentsOf(v);
        await docs.createMany(s.databaseId, s.collectionId,
            Array.from({ length: 30 }, (_, i) => ({ $id: `d${i}`, title: `t${i}`, count: i })));

        // Bulk upsert: updates d0 and d1 (merging), creates n1; answers 200 with a list.
        const path = `/${v.root}/${s.databaseId}/${v.collections}/${s.collectionId}/${v.documents}`;
        const upserted = await server.api('PUT', path, {
            body: { [v.documents]: [{ $id: 'd0', count: 100 }, { $id: 'd1', title: 'one' }, { $id: 'n1', title: 'new' }] },
        });
        assert.equal(upserted.status, 200, upserted.text);
        assert.equal(upserted.body.total, 3);
        assert.deepEqual(upserted.body[v.documents].map((d) => [d.$id, d.title, d.count]),
            [['d0', 't0', 100], ['d1', 'one', 1], ['n1', 'new', null]]);
        const viaSdk = plain(await docs.upsertMany(s.databaseId, s.collectionId, [{ $id: 'n1', count: 5 }]));
        assert.equal(docs.items(viaSdk)[0].count, 5);

        // Bulk update: data applied to the matches only.
        const updated = plain(await docs.updateMany(s.databaseId, s.collectionId, { active: true },
            [Query.lessThan('count', 10)]));
        assert.equal(updated.total, 10, 'd1..d9 and n1 (d0 now has count 100)');
        assert.ok(docs.items(updated).every((d) => d.active === true));
        const active = plain(await docs.list(s.databaseId, s.collectionId, [Query.equal('active', true), Query.limit(100)]));
        assert.equal(active.total, 10);
        // Without queries every document changes; the response lists at most 100.
        const all = plain(await docs.updateMany(s.databaseId, s.collectionId, { kind: 'c' }));
        assert.equal(all.total, 31);
        const limited = plain(await docs.updateMany(s.databaseId, s.collectionId, { kind: 'a' },
            [Query.orderAsc('count'), Query.limit(3)]));
        assert.deepEqual(docs.items(limited).map((d) => d.$id), ['d1', 'd2', 'd3']);
        await rejectsWith(docs.updateMany(s.databaseId, s.collectionId, {}), 400, errorType(v, 'document_missing_payload'));

        // Bulk delete by queries: returns the deleted documents.
        const deleted = plain(await docs.deleteMany(s.databaseId, s.collectionId, [Query.greaterThanEqual('count', 20)]));
        assert.equal(deleted.total, 11, 'd20..d29 and d0');
        assert.ok(docs.items(deleted).every((d) => d.count >= 20));
        assertMeta(v, docs.items(deleted)[0], s);
        assert.equal((await allIds(v, s)).length, 20);
        const rest = plain(await docs.deleteMany(s.databaseId, s.collectionId));
        assert.equal(rest.total, 20);
        assert.deepEqual(await allIds(v, s), []);
    });

    test(`${v.name}: increment and decrement with bounds`, async () => {
        const s = await schema(v, { attributes: ITEM_ATTRIBUTES });
        const docs = documentsOf(v);
        await docs.create(s.databaseId, s.collectionId, 'n', { title: 'n', count: 5, price: 1.5 });
        assert.equal((await docs.increment(s.databaseId, s.collectionId, 'n', 'count')).count, 6);
        assert.equal((await docs.increment(s.databaseId, s.collectionId, 'n', 'count', 4, 10)).count, 10);
        assert.equal((await docs.decrement(s.databaseId, s.collectionId, 'n', 'price', 0.5)).price, 1);
        assert.equal((await docs.decrement(s.databaseId, s.collectionId, 'n', 'count', 10, 0)).count, 0);
        // Null counts as 0.
        await docs.create(s.databaseId, s.collectionId, 'z', { title: 'z' });
        assert.equal((await docs.increment(s.databaseId, s.collectionId, 'z', 'count', 2)).count, 2);

        const path = (attr, op) => `/${v.root}/${s.databaseId}/${v.collections}/${s.collectionId}/${v.documents}/n/${attr}/${op}`;
        let res = await server.api('PATCH', path('count', 'increment'), { body: { value: 1, max: 0 } });
        assertError(res, 400, errorType(v, 'attribute_limit_exceeded'));
        assert.equal(res.body.message, `${v.tables ? 'tablesDB' : 'databases'} "count" has reached the maximum value of 0`);
        res = await server.api('PATCH', path('count', 'decrement'), { body: { value: 1, min: 0 } });
        assertError(res, 400, errorType(v, 'attribute_limit_exceeded'));
        assert.equal(res.body.message, `${v.tables ? 'tablesDB' : 'databases'} "count" has reached the minimum value of 0`);
        res = await server.api('PATCH', path('title', 'increment'), { body: {} });
        assertError(res, 400, 'attribute_type_invalid');
        assert.equal(res.body.message, `${v.tables ? 'tablesDB' : 'databases'} "title" is not a number`);
        assertError(await server.api('PATCH', path('tags', 'increment'), { body: {} }), 400, 'attribute_type_invalid');
        assertError(await server.api('PATCH', path('count', 'increment'), { body: { value: 0 } }), 400, 'general_argument_invalid');
        assertError(await server.api('PATCH', path('count', 'increment'), { body: { value: -2 } }), 400, 'general_argument_invalid');
        assertError(await server.api('PATCH', path('nope', 'increment'), { body: {} }), 404, errorType(v, 'attribute_not_found'));
        const ghost = `/${v.root}/${s.databaseId}/${v.collections}/${s.collectionId}/${v.documents}/ghost/count/increment`;
        assertError(await server.api('PATCH', ghost, { body: {} }), 404, errorType(v, 'attribute_not_found'));
        // The attribute's own max (1000) is a structure error.
        res = await server.api('PATCH', path('count', 'increment'), { body: { value: 5000 } });
        assertError(res, 400, errorType(v, 'document_invalid_structure'));
        assert.equal((await docs.get(s.databaseId, s.collectionId, 'n')).count, 0, 'nothing written');
    });

    test(`${v.name}: bad input is refused with Appwrite's error and nothing is written`, async () => {
        const s = await schema(v, {
            attributes: ITEM_ATTRIBUTES,
            indexes: [{ key: 'code_unique', type: 'unique', attributes: ['code'] }],
        });
        const docs = documentsOf(v);
        const base = `/${v.root}/${s.databaseId}/${v.collections}/${s.collectionId}/${v.documents}`;
        await docs.create(s.databaseId, s.collectionId, 'keep', { title: 'keep', code: 'K1', count: 1 });
        const structure = errorType(v, 'document_invalid_structure');
        const create = (data, id = ID.unique(), permissions) => docs.create(s.databaseId, s.collectionId, id, data, permissions);
        const structureMessage = async (data, message) => {
            const res = await server.api('POST', base, { body: { [v.documentId]: 'x1', data } });
            assertError(res, 400, structure);
            assert.equal(res.body.message, message);
        };

        await structureMessage({ title: 42 }, 'Invalid document structure: Attribute "title" has invalid type. Value must be a valid string and no longer than 20 chars');
        await structureMessage({ title: 'x'.repeat(21) }, 'Invalid document structure: Attribute "title" has invalid type. Value must be a valid string and no longer than 20 chars');
        await structureMessage({ title: 'ok', count: 1001 }, 'Invalid document structure: Attribute "count" has invalid format. Value must be a valid range between 0 and 1,000');
        await structureMessage({ title: 'ok', count: -1 }, 'Invalid document structure: Attribute "count" has invalid format. Value must be a valid range between 0 and 1,000');
        await structureMessage({ title: 'ok', nope: 1 }, 'Invalid document structure: Unknown attribute: "nope"');
        await structureMessage({ count: 1 }, 'Invalid document structure: Missing required attribute "title"');
        await structureMessage({ title: 'ok', email: 'not-an-email' }, 'Invalid document structure: Attribute "email" has invalid format. Value must be a valid email address');
        await structureMessage({ title: 'ok', kind: 'z' }, 'Invalid document structure: Attribute "kind" has invalid format. Value must be one of (a, b, c)');
        await structureMessage({ title: 'ok', tags: 'red' }, 'Invalid document structure: Attribute "tags" must be an array');
        await rejectsWith(create({ title: 'ok', count: 'three' }), 400, structure);
        await rejectsWith(create({ title: 'ok', count: 1.5 }), 400, structure);
        await rejectsWith(create({ title: 'ok', active: 'yes' }), 400, structure);
        await rejectsWith(create({ title: 'ok', when: 'yesterday' }), 400, structure);
        await rejectsWith(create({ title: 'ok', tags: ['x'.repeat(17)] }), 400, structure);

        // Duplicate id and unique index: both document_already_exists / row_already_exists.
        const dup = await server.api('POST', base, { body: { [v.documentId]: 'keep', data: { title: 'again' } } });
        assertError(dup, 409, errorType(v, 'document_already_exists'));
        assert.match(dup.body.message, new RegExp(`^${v.tables ? 'Row' : 'Document'} with the requested ID 'keep' already exists`));
        const uniq = await server.api('POST', base, { body: { [v.documentId]: 'other', data: { title: 'x', code: 'K1' } } });
        assertError(uniq, 409, errorType(v, 'document_already_exists'));
        await docs.create(s.databaseId, s.collectionId, 'second', { title: 'second', code: 'K2' });
        await rejectsWith(docs.update(s.databaseId, s.collectionId, 'second', { code: 'K1' }), 409, errorType(v, 'document_already_exists'));

        // Permission strings.
        const perm = async (permissions, message) => {
            const res = await server.api('POST', base, { body: { [v.documentId]: 'p1', data: { title: 'p' }, permissions } });
            assertError(res, 400, 'general_argument_invalid');
            if (message) assert.equal(res.body.message, message);
        };
        await perm(['read(any)'], 'Invalid `permissions` param: Invalid permission string format: "read(any)".');
        await perm(['fly("any")'], 'Invalid `permissions` param: Invalid permission type: "fly".');
        await perm(['create("any")'], 'Invalid `permissions` param: Permission "create("any")" is not allowed. Must be one of: read, update, delete, write.');
        await perm(['read("nobody")']);
        await perm(['*'], 'Invalid `permissions` param: Wildcard permission "*" has been replaced. Use "any" instead.');
        await perm(Array.from({ length: 101 }, (_, i) => `read("user:u${i}")`), 'Invalid `permissions` param: You can only provide up to 100 permissions.');

        // Missing data / payload and parameter mix-ups.
        assertError(await server.api('POST', base, { body: { [v.documentId]: 'm1', data: {} } }), 400, errorType(v, 'document_missing_data'));
        let res = await server.api('POST', base, { body: { data: { title: 'no id' } } });
        assertError(res, 400, errorType(v, 'document_missing_data'));
        assert.equal(res.body.message, v.tables ? 'Row ID is required when creating a single row.' : 'Document ID is required when creating a single document.');
        res = await server.api('POST', base, { body: { data: { title: 'x' }, [v.documents]: [{ title: 'y' }] } });
        assertError(res, 400, 'general_bad_request');
        assert.equal(res.body.message, `You can only send one of the following parameters: data, ${v.documents}`);
        res = await server.api('POST', base, { body: { [v.documentId]: 'x', [v.documents]: [{ title: 'y' }] } });
        assertError(res, 400, 'general_bad_request');
        res = await server.api('POST', base, { body: { permissions: ['read("any")'], [v.documents]: [{ title: 'y' }] } });
        assertError(res, 400, 'general_bad_request');
        assertError(await server.api('POST', base, { body: { [v.documentId]: '_bad', data: { title: 'x' } } }), 400, 'general_argument_invalid');
        assertError(await server.api('PATCH', `${base}/keep`, { body: {} }), 400, errorType(v, 'document_missing_payload'));
        assertError(await server.api('PUT', `${base}/keep`, { body: {} }), 400, errorType(v, 'document_missing_payload'));
        assertError(await server.api('PUT', base, { body: {} }), 400, 'general_argument_invalid');

        // Bulk writes with one bad item refuse the whole batch.
        const batch = (bad) => Array.from({ length: 50 }, (_, i) => (i === 37 ? bad : { $id: `b${i}`, title: `b${i}` }));
        await rejectsWith(docs.createMany(s.databaseId, s.collectionId, batch({ $id: 'b37', title: 7 })), 400, structure);
        await rejectsWith(docs.createMany(s.databaseId, s.collectionId, batch({ $id: 'b0', title: 'again' })), 409, errorType(v, 'document_already_exists'));
        await rejectsWith(docs.createMany(s.databaseId, s.collectionId, batch({ $id: 'keep', title: 'taken' })), 409, errorType(v, 'document_already_exists'));
        await rejectsWith(docs.createMany(s.databaseId, s.collectionId, batch({ $id: 'b37', title: 'x', code: 'K1' })), 409, errorType(v, 'document_already_exists'));
        await rejectsWith(docs.createMany(s.databaseId, s.collectionId, batch({ $id: '-bad', title: 'x' })), 400, 'general_bad_request');
        await rejectsWith(docs.createMany(s.databaseId, s.collectionId, batch({ $id: 'b37', title: 'x', $permissions: ['read(any)'] })), 400, 'general_bad_request');
        await rejectsWith(docs.createMany(s.databaseId, s.collectionId, batch({ $id: 'b37', title: 'x', unknown: 1 })), 400, structure);
        await rejectsWith(docs.createMany(s.databaseId, s.collectionId,
            Array.from({ length: 101 }, (_, i) => ({ title: `o${i}` }))), 400, 'general_argument_invalid');
        await rejectsWith(docs.upsertMany(s.databaseId, s.collectionId, [{ $id: 'keep', count: 5 }, { $id: 'new1', title: 'x'.repeat(30) }]), 400, structure);
        await rejectsWith(docs.updateMany(s.databaseId, s.collectionId, { count: 5000 }), 400, structure);
        await rejectsWith(docs.updateMany(s.databaseId, s.collectionId, { code: 'same' }), 409, errorType(v, 'document_already_exists'));
        await rejectsWith(docs.deleteMany(s.databaseId, s.collectionId, [Query.equal('nope', 1)]), 400, 'general_query_invalid');

        // Nothing was written: only the two good documents, unchanged.
        assert.deepEqual(await allIds(v, s), ['keep', 'second']);
        const keep = plain(await docs.get(s.databaseId, s.collectionId, 'keep'));
        assert.equal(keep.count, 1);
        assert.equal(keep.code, 'K1');
        assert.equal(keep.kind, null);
    });
}

test('one storage: a row written through TablesDB is the document read through Databases', async () => {
    const s = await schema(VOCABULARIES[1], { attributes: ITEM_ATTRIBUTES });
    const row = plain(await documentsOf(VOCABULARIES[1]).create(s.databaseId, s.collectionId, 'r1', { title: 'row' }));
    const doc = plain(await documentsOf(VOCABULARIES[0]).get(s.databaseId, s.collectionId, 'r1'));
    assert.equal(doc.$collectionId, row.$tableId);
    assert.equal(doc.$sequence, row.$sequence);
    assert.equal(doc.title, 'row');
});

test('cursor pagination through 10,000 documents, forward and backward, nothing missed or repeated', async () => {
    const legacy = VOCABULARIES[0];
    const tables = VOCABULARIES[1];
    const s = await schema(legacy, { attributes: [{ type: 'integer', key: 'n', required: true }] });
    const docs = documentsOf(legacy);
    const N = 10_000;
    // 100 bulk creates of 100 (Appwrite's batch limit), four at a time; ids in shuffled order.
    const order = Array.from({ length: N }, (_, i) => i).sort(() => Math.random() - 0.5);
    const batches = [];
    for (let i = 0; i < N; i += 100) batches.push(order.slice(i, i + 100).map((n) => ({ $id: `p${n}`, n })));
    for (let i = 0; i < batches.length; i += 4) {
        await Promise.all(batches.slice(i, i + 4).map((b) => docs.createMany(s.databaseId, s.collectionId, b)));
    }

    // Forward through Databases by n, 1000 at a time.
    const seen = [];
    let cursor = null;
    for (;;) {
        const queries = [Query.orderAsc('n'), Query.limit(1000)];
        if (cursor) queries.push(Query.cursorAfter(cursor));
        const page = plain(await docs.list(s.databaseId, s.collectionId, queries, !cursor));
        if (!cursor) assert.equal(page.total, 5000, 'total is capped at 5000');
        if (page.documents.length === 0) break;
        for (const d of page.documents) seen.push(d.n);
        cursor = page.documents.at(-1).$id;
    }
    assert.equal(seen.length, N);
    assert.ok(seen.every((n, i) => n === i), 'forward: every document once, in order');

    // Backward through TablesDB in default ($sequence) order from the last row, 2500 at a time.
    const rows = documentsOf(tables);
    const last = plain(await rows.list(s.databaseId, s.collectionId, [Query.orderDesc('$sequence'), Query.limit(1)]));
    const back = [last.rows[0]];
    cursor = last.rows[0].$id;
    for (;;) {
        const page = plain(await rows.list(s.databaseId, s.collectionId, [Query.cursorBefore(cursor), Query.limit(2500)], false));
        if (page.rows.length === 0) break;
        back.unshift(...page.rows);
        cursor = page.rows[0].$id;
    }
    assert.equal(back.length, N);
    assert.ok(back.every((r, i) => i === 0 || Number(r.$sequence) > Number(back[i - 1].$sequence)), 'backward: $sequence order');
    assert.deepEqual(back.map((r) => r.n).sort((a, b) => a - b), seen, 'backward: every row once');
});
