// Attributes (Databases) and columns (TablesDB) with node-appwrite@27.1.0 and an API key, in
// both vocabularies: every kind but relationships created with the exact attribute*/column*
// model in the spec's field order; the bounds Appwrite reports when none are given (64-bit
// integers, ±1.7976931348623157e308 for floats); defaults that must fit (size, range, enum
// elements, formats, spatial shapes) and may not be set on required or array attributes;
// updates of every kind (required, default as a required key, size that may only shrink to
// what is stored, min/max, elements, newKey renaming the column and the indexes naming it);
// list with queries and total; delete (and the index dependency); inline attributes and
// indexes on collection create, all or nothing; the attribute count and row width limits.
// Where it was read: /work/notes/databases-contract.md §1.4, §2.3, §3.2–3.5, §4 (Appwrite
// 1.9.6 M/Databases/Collections/Attributes/*, RM/Attribute*.php, utopia-php/database 6.0.0
// Database::checkAttribute, Adapter/SQL.php::getAttributeWidth).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as sdk from 'node-appwrite';
import { startServer } from './harness.mjs';
import { assertModel, assertError, plain, rejectsWith } from './spec.mjs';

let server;
let databases;
let tables;

before(async () => {
    server = await startServer();
    databases = new sdk.Databases(server.client());
    tables = new sdk.TablesDB(server.client());
});

after(async () => {
    if (server) await server.stop();
});

// Error types of the two vocabularies.
const TWINS = {
    attribute_not_found: 'column_not_found',
    attribute_already_exists: 'column_already_exists',
    attribute_limit_exceeded: 'column_limit_exceeded',
    attribute_value_invalid: 'column_value_invalid',
    attribute_default_unsupported: 'column_default_unsupported',
    attribute_invalid_resize: 'column_invalid_resize',
    attribute_type_invalid: 'column_type_invalid',
    index_dependency: 'column_index_dependency',
    collection_not_found: 'table_not_found',
    collection_already_exists: 'table_already_exists',
    document_invalid_structure: 'row_invalid_structure',
    general_argument_invalid: 'general_argument_invalid',
    general_bad_request: 'general_bad_request',
};

let counter = 0;
const uid = (prefix) => `${prefix}${Date.now().toString(36)}${(counter += 1)}`;

/** Polls the collection until index `key` is gone (index work runs in the background). */
async function untilIndexGone(v, db, coll, key) {
    for (let i = 0; i < 100; i++) {
        if (!plain(await v.getCollection(db, coll)).indexes.some((index) => index.key === key)) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.fail(`index ${key} is still there after 2 s`);
}

/** BigInts (node-appwrite parses 64-bit integers into them) as Numbers, for assertModel. */
function unbig(value) {
    return JSON.parse(JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? Number(v) : v)));
}

/** One vocabulary: the SDK methods, params, models and error types of Databases or TablesDB. */
function vocab(tablesdb) {
    const svc = () => (tablesdb ? tables : databases); // set up in before()
    const noun = tablesdb ? 'Column' : 'Attribute';
    const idKey = tablesdb ? 'tableId' : 'collectionId';
    const at = (db, coll) => ({ databaseId: db, [idKey]: coll });
    return {
        tablesdb,
        name: tablesdb ? 'TablesDB' : 'Databases',
        segment: tablesdb ? `tablesdb` : 'databases',
        collections: tablesdb ? 'tables' : 'collections',
        attributes: tablesdb ? 'columns' : 'attributes',
        model: (kind) => `${tablesdb ? 'column' : 'attribute'}${kind}`,
        err: (legacy) => (tablesdb ? TWINS[legacy] : legacy),
        async database() {
            const id = uid('db');
            await svc().create({ databaseId: id, name: id });
            return id;
        },
        async collection(db, extra = {}) {
            const id = uid('c');
            const { attributes, ...rest } = extra;
            const inline = attributes ? { [tablesdb ? 'columns' : 'attributes']: attributes } : {};
            const params = { ...at(db, id), name: id, ...inline, ...rest };
            const created = tablesdb ? await tables.createTable(params) : await databases.createCollection(params);
            return { id, created };
        },
        getCollection: (db, coll) => (tablesdb ? tables.getTable(at(db, coll)) : databases.getCollection(at(db, coll))),
        create: (kind, db, coll, params) => svc()[`create${kind}${noun}`]({ ...at(db, coll), ...params }),
        update: (kind, db, coll, params) => svc()[`update${kind}${noun}`]({ ...at(db, coll), ...params }),
        get: (db, coll, key) => svc()[`get${noun}`]({ ...at(db, coll), key }),
        list: (db, coll, queries, total) => svc()[`list${noun}s`]({ ...at(db, coll), queries, total }),
        remove: (db, coll, key) => svc()[`delete${noun}`]({ ...at(db, coll), key }),
        createIndex: (db, coll, key, keys) =>
            svc().createIndex({ ...at(db, coll), key, type: 'key', [tablesdb ? 'columns' : 'attributes']: keys }),
        deleteIndex: (db, coll, key) => svc().deleteIndex({ ...at(db, coll), key }),
        put: (db, coll, id, data) =>
            tablesdb
                ? tables.createRow({ ...at(db, coll), rowId: id, data })
                : databases.createDocument({ ...at(db, coll), documentId: id, data }),
        read: (db, coll, id) =>
            tablesdb
                ? tables.getRow({ ...at(db, coll), rowId: id })
                : databases.getDocument({ ...at(db, coll), documentId: id }),
        path: (db, coll, rest = '') =>
            `/${tablesdb ? 'tablesdb' : 'databases'}/${db}/${tablesdb ? 'tables' : 'collections'}/${coll}/${tablesdb ? 'columns' : 'attributes'}${rest}`,
    };
}

const VOCABS = [vocab(false), vocab(true)];
const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;
const FLOAT_MAX = 1.7976931348623157e308;

// Every kind but relationships: SDK name, params, model name, and fields the model must show.
const KINDS = [
    ['String', { size: 64, xdefault: 'hi', encrypt: false }, 'String', { type: 'string', size: 64, default: 'hi' }],
    ['Varchar', { size: 200, xdefault: 'v', encrypt: true }, 'Varchar', { type: 'varchar', size: 200, encrypt: true }],
    ['Text', { xdefault: 't' }, 'Text', { type: 'text', default: 't', encrypt: false }],
    ['Mediumtext', { array: true }, 'Mediumtext', { type: 'mediumtext', array: true, default: null }],
    ['Longtext', {}, 'Longtext', { type: 'longtext' }],
    ['Integer', { min: 1, max: 10, xdefault: 5 }, 'Integer', { type: 'integer', min: 1, max: 10, default: 5 }],
    ['Float', { min: 0.5, max: 2.5, xdefault: 1.5 }, 'Float', { type: 'double', min: 0.5, max: 2.5, default: 1.5 }],
    ['Boolean', { xdefault: true }, 'Boolean', { type: 'boolean', default: true }],
    ['Datetime', { xdefault: '2020-10-15T06:38:00.000+00:00' }, 'Datetime', { type: 'datetime', format: 'datetime' }],
    ['Email', { xdefault: 'a@b.io' }, 'Email', { type: 'string', format: 'email', default: 'a@b.io' }],
    ['Ip', { xdefault: '10.0.0.1' }, 'Ip', { type: 'string', format: 'ip' }],
    ['Url', { xdefault: 'https://example.com' }, 'Url', { type: 'string', format: 'url' }],
    ['Enum', { elements: ['a', 'b'], xdefault: 'b' }, 'Enum', { type: 'string', format: 'enum', elements: ['a', 'b'] }],
    ['Point', { xdefault: [1, 2] }, 'Point', { type: 'point', default: [1, 2] }],
    ['Line', { xdefault: [[0, 0], [1, 1]] }, 'Line', { type: 'linestring' }],
    ['Polygon', { xdefault: [[[0, 0], [0, 1], [1, 1], [0, 0]]] }, 'Polygon', { type: 'polygon' }],
];

for (const v of VOCABS) {
    test(`${v.name}: every kind is created with its exact model, listed and read back`, async () => {
        const db = await v.database();
        const { id: coll } = await v.collection(db);
        for (const [kind, params, model, expected] of KINDS) {
            const key = kind.toLowerCase();
            const created = await v.create(kind, db, coll, { key, required: false, ...params });
            assertModel(unbig(created), v.model(model));
            assert.equal(created.key, key);
            assert.equal(created.status, 'available');
            assert.equal(created.error, '');
            for (const [field, value] of Object.entries(expected)) {
                assert.deepEqual(plain(created)[field], value, `${kind}.${field}`);
            }
            const got = await v.get(db, coll, key);
            assert.deepEqual(unbig(got), unbig(created));
        }
        const list = await v.list(db, coll);
        assert.equal(list.total, KINDS.length);
        assert.deepEqual(list[v.attributes].map((a) => a.key), KINDS.map(([k]) => k.toLowerCase()));
        const collection = plain(await v.getCollection(db, coll));
        assert.equal(collection[v.attributes].length, KINDS.length);

        // Defaults reach new documents/rows, spatial values come back as arrays.
        const row = plain(await v.put(db, coll, 'r1', { longtext: 'x' }));
        assert.equal(row.string, 'hi');
        assert.equal(row.integer, 5);
        assert.equal(row.boolean, true);
        assert.deepEqual(row.point, [1, 2]);
        assert.deepEqual(row.polygon, [[[0, 0], [0, 1], [1, 1], [0, 0]]]);
        assert.equal(row.enum, 'b');
    });

    test(`${v.name}: integer and float bounds default to the type's own`, async () => {
        const db = await v.database();
        const { id: coll } = await v.collection(db);
        const int = await v.create('Integer', db, coll, { key: 'n', required: true });
        assert.equal(BigInt(int.min), INT64_MIN);
        assert.equal(BigInt(int.max), INT64_MAX);
        assert.equal(int.default, null);
        const float = await v.create('Float', db, coll, { key: 'f', required: false });
        assert.equal(float.min, -FLOAT_MAX);
        assert.equal(float.max, FLOAT_MAX);
        const raw = await server.api('GET', v.path(db, coll, '/n'));
        assert.equal(raw.status, 200);
        assert.match(raw.text, /"min":-9223372036854775808,"max":9223372036854775807/);
        // Values are then checked against the stored range.
        await rejectsWith(v.put(db, coll, 'x', { n: 1, f: 'no' }), 400, v.err('document_invalid_structure'));
    });

    test(`${v.name}: bigint (served by 1.9.6, not in the 1.9.3 spec) has the integer fields`, async () => {
        const db = await v.database();
        const { id: coll } = await v.collection(db);
        const big = await v.create('BigInt', db, coll, { key: 'big', required: false, min: -5, max: 5000000000, xdefault: 4000000000 });
        assert.deepEqual(Object.keys(big), ['key', 'type', 'status', 'error', 'required', 'array', '$createdAt', '$updatedAt',
            'min', 'max', 'default']);
        assert.equal(big.type, 'bigint');
        assert.deepEqual([big.min, big.max, big.default].map(Number), [-5, 5000000000, 4000000000]);
        const updated = await v.update('BigInt', db, coll, { key: 'big', required: false, xdefault: null, max: 9 });
        assert.equal(Number(updated.max), 9);
        await rejectsWith(v.put(db, coll, 'r', { big: 10 }), 400, v.err('document_invalid_structure'));
        assert.equal(Number(plain(unbig(await v.put(db, coll, 'r', { big: 9 }))).big), 9);
    });

    test(`${v.name}: bad definitions are refused with Appwrite's errors and nothing is added`, async () => {
        const db = await v.database();
        const { id: coll } = await v.collection(db);
        const bad = async (kind, params, code, type, message) => {
            await assert.rejects(v.create(kind, db, coll, { required: false, ...params }), (err) => {
                assert.equal(err.code, code, `${kind} ${JSON.stringify(params)}: ${err.type} ${err.message}`);
                assert.equal(err.type, type, `${kind} ${JSON.stringify(params)}: ${err.message}`);
                if (message) assert.equal(err.message, message);
                return true;
            });
        };
        const noun = v.tablesdb ? 'column' : 'attribute';
        await bad('String', { key: '_bad', size: 10 }, 400, 'general_argument_invalid',
            'Invalid `key` param: Parameter must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, period, hyphen, and underscore. Can\'t start with a special char');
        await bad('String', { key: 'x'.repeat(37), size: 10 }, 400, 'general_argument_invalid');
        await bad('String', { key: '$id', size: 10 }, 400, 'general_argument_invalid');
        await bad('Varchar', { key: 'v', size: 16382 }, 400, 'general_argument_invalid',
            'Invalid `size` param: Value must be a valid range between 1 and 16,381');
        await bad('String', { key: 's', size: 0 }, 400, 'general_argument_invalid');
        await bad('String', { key: 's', size: 5, xdefault: 'toolong' }, 400, v.err('attribute_value_invalid'),
            'Value must be a valid string and no longer than 5 chars');
        await bad('String', { key: 's', size: 100, encrypt: true }, 400, 'general_bad_request',
            'Size too small. Encrypted strings require a minimum size of 150 characters.');
        await bad('String', { key: 's', size: 5, required: true, xdefault: 'a' }, 400, v.err('attribute_default_unsupported'),
            `Cannot set default value for required ${noun}`);
        await bad('String', { key: 's', size: 5, array: true, xdefault: 'a' }, 400, v.err('attribute_default_unsupported'),
            `Cannot set default value for array ${noun}s`);
        await bad('Integer', { key: 'i', min: 5, max: 1 }, 400, v.err('attribute_value_invalid'),
            'Minimum value must be lesser than maximum value');
        await bad('Integer', { key: 'i', min: 0, max: 10, xdefault: 11 }, 400, v.err('attribute_value_invalid'),
            'Value must be a valid range between 0 and 10');
        await bad('Float', { key: 'f', min: 0, max: 1, xdefault: 2 }, 400, v.err('attribute_value_invalid'));
        await bad('Enum', { key: 'e', elements: ['a'], xdefault: 'z' }, 400, v.err('attribute_value_invalid'),
            'Default value not found in elements');
        await bad('Enum', { key: 'e', elements: ['a', ''] }, 400, v.err('attribute_value_invalid'),
            'Each enum element must not be empty');
        await bad('Enum', { key: 'e', elements: ['x'.repeat(256)] }, 400, 'general_argument_invalid');
        await bad('Enum', { key: 'e', elements: Array.from({ length: 101 }, (_, i) => `e${i}`) }, 400, 'general_argument_invalid');
        await bad('Email', { key: 'm', xdefault: 'not-an-email' }, 400, 'general_argument_invalid',
            'Invalid `default` param: Value must be a valid email address');
        await bad('Url', { key: 'u', xdefault: 'nope' }, 400, 'general_argument_invalid',
            'Invalid `default` param: Value must be a valid URL');
        await bad('Ip', { key: 'p', xdefault: '999.1.1.1' }, 400, 'general_argument_invalid',
            'Invalid `default` param: Value must be a valid IP address');
        await bad('Datetime', { key: 'd', xdefault: 'yesterday' }, 400, 'general_argument_invalid');
        await bad('Point', { key: 'pt', xdefault: [200, 0] }, 400, 'general_argument_invalid');
        await bad('Polygon', { key: 'pg', xdefault: [[[0, 0], [0, 1], [1, 1], [1, 0]]] }, 400, 'general_argument_invalid',
            'Invalid `default` param: Value must be a valid polygon: Ring #0 must be closed (first point must equal last point)');
        const missing = await server.api('POST', v.path(db, coll, '/string'), { body: { key: 'k', size: 5 } });
        assertError(missing, 400, 'general_argument_invalid');
        assert.equal(missing.body.message, 'Param "required" is not optional.');
        assert.equal((await v.list(db, coll)).total, 0);

        await v.create('String', db, coll, { key: 'dup', size: 5, required: false });
        await bad('Integer', { key: 'dup' }, 409, v.err('attribute_already_exists'));
        await bad('Integer', { key: 'DUP' }, 409, v.err('attribute_already_exists')); // keys ignore case
        await rejectsWith(v.get(db, coll, 'nope'), 404, v.err('attribute_not_found'));
        await rejectsWith(v.get(db, coll, '_nope'), 400, 'general_argument_invalid');
        await rejectsWith(v.create('String', db, 'missing', { key: 'k', size: 5, required: false }), 404,
            v.err('collection_not_found'));
    });

    test(`${v.name}: updates change required, default, size, bounds, elements and the key`, async () => {
        const db = await v.database();
        const { id: coll } = await v.collection(db);
        await v.create('Varchar', db, coll, { key: 'title', size: 20, required: false });
        await v.create('Integer', db, coll, { key: 'level', min: 0, max: 10, required: false });
        await v.create('Enum', db, coll, { key: 'mood', elements: ['sad', 'glad'], required: false });
        await v.create('Text', db, coll, { key: 'bio', required: false });
        await v.put(db, coll, 'a', { title: 'twelve chars', level: 3, mood: 'sad' });

        let title = await v.update('Varchar', db, coll, { key: 'title', required: false, xdefault: 'untitled', size: 15 });
        assertModel(title, v.model('Varchar'));
        assert.equal(title.size, 15);
        assert.equal(title.default, 'untitled');
        await rejectsWith(v.update('Varchar', db, coll, { key: 'title', required: false, xdefault: null, size: 5 }),
            400, v.err('attribute_invalid_resize'));
        await rejectsWith(v.update('Varchar', db, coll, { key: 'title', required: true, xdefault: 'x' }),
            400, v.err('attribute_default_unsupported'));
        await rejectsWith(v.update('Varchar', db, coll, { key: 'title', required: false, xdefault: 'x'.repeat(16) }),
            400, v.err('attribute_value_invalid'));
        title = await v.update('Varchar', db, coll, { key: 'title', required: true, xdefault: null });
        assert.equal(title.required, true);
        assert.equal(title.default, null);
        assert.equal(title.size, 15, 'an omitted size is kept');

        const level = await v.update('Integer', db, coll, { key: 'level', required: false, xdefault: 20, max: 50 });
        assertModel(unbig(level), v.model('Integer'));
        assert.deepEqual([Number(level.min), Number(level.max), Number(level.default)], [0, 50, 20]);
        await rejectsWith(v.update('Integer', db, coll, { key: 'level', required: false, xdefault: 60 }),
            400, v.err('attribute_value_invalid'));
        await rejectsWith(v.update('Integer', db, coll, { key: 'level', required: false, xdefault: null, min: 99 }),
            400, v.err('attribute_value_invalid'));

        const mood = await v.update('Enum', db, coll, { key: 'mood', elements: ['sad', 'glad', 'mad'], required: false, xdefault: 'mad' });
        assert.deepEqual(plain(mood.elements), ['sad', 'glad', 'mad']);
        await rejectsWith(v.update('Enum', db, coll, { key: 'mood', elements: [], required: false, xdefault: null }),
            400, v.err('attribute_value_invalid'));

        // The route must match the attribute's kind; the default key must be sent.
        await rejectsWith(v.update('Text', db, coll, { key: 'title', required: false, xdefault: null }),
            400, v.err('attribute_type_invalid'));
        const noDefault = await server.api('PATCH', v.path(db, coll, '/text/bio'), { body: { required: false } });
        assertError(noDefault, 400, 'general_argument_invalid');
        assert.equal(noDefault.body.message, 'Param "default" is not optional.');
        await rejectsWith(v.update('Text', db, coll, { key: 'nope', required: false, xdefault: null }),
            404, v.err('attribute_not_found'));

        // New rows get the new defaults; the old row keeps its values.
        await v.put(db, coll, 'b', { title: 'B' });
        const b = plain(await v.read(db, coll, 'b'));
        assert.equal(b.level, 20);
        assert.equal(b.mood, 'mad');
        await rejectsWith(v.put(db, coll, 'c', { level: 1 }), 400, v.err('document_invalid_structure'));
    });

    test(`${v.name}: newKey renames the column, its data and the indexes naming it`, async () => {
        const db = await v.database();
        const { id: coll } = await v.collection(db);
        await v.create('String', db, coll, { key: 'name', size: 50, required: false });
        await v.create('String', db, coll, { key: 'other', size: 50, required: false });
        await v.createIndex(db, coll, 'by_name', ['name']);
        await v.put(db, coll, 'a', { name: 'Ann' });
        await rejectsWith(v.update('String', db, coll, { key: 'name', required: false, xdefault: null, newKey: 'other' }),
            409, v.err('attribute_already_exists'));
        const renamed = await v.update('String', db, coll, { key: 'name', required: false, xdefault: null, newKey: 'fullName' });
        assert.equal(renamed.key, 'fullName');
        await rejectsWith(v.get(db, coll, 'name'), 404, v.err('attribute_not_found'));
        const row = plain(await v.read(db, coll, 'a'));
        assert.equal(row.fullName, 'Ann');
        assert.ok(!('name' in row));
        const collection = plain(await v.getCollection(db, coll));
        assert.deepEqual(collection.indexes[0][v.tablesdb ? 'columns' : 'attributes'], ['fullName']);
        // An index still names it: no delete until the index is gone.
        await rejectsWith(v.remove(db, coll, 'fullName'), 409, v.err('index_dependency'));
        // Index deletes run in the background (`deleting` until the worker drops it), as in Appwrite.
        await v.deleteIndex(db, coll, 'by_name');
        await untilIndexGone(v, db, coll, 'by_name');
        await v.remove(db, coll, 'fullName');
        await rejectsWith(v.get(db, coll, 'fullName'), 404, v.err('attribute_not_found'));
        await rejectsWith(v.remove(db, coll, 'fullName'), 404, v.err('attribute_not_found'));
        assert.ok(!('fullName' in plain(await v.read(db, coll, 'a'))));
    });

    test(`${v.name}: list queries, total, cursor and limit`, async () => {
        const db = await v.database();
        const { id: coll } = await v.collection(db);
        await v.create('String', db, coll, { key: 'a', size: 10, required: true });
        await v.create('Integer', db, coll, { key: 'b', required: false });
        await v.create('String', db, coll, { key: 'c', size: 300, required: false, array: true });
        await v.create('Boolean', db, coll, { key: 'd', required: false });
        const keys = (list) => list[v.attributes].map((a) => a.key);
        let list = await v.list(db, coll, [sdk.Query.equal('type', 'string')]);
        assert.deepEqual(keys(list), ['a', 'c']);
        assert.equal(list.total, 2);
        list = await v.list(db, coll, [sdk.Query.equal('required', true)]);
        assert.deepEqual(keys(list), ['a']);
        list = await v.list(db, coll, [sdk.Query.greaterThan('size', 10)]);
        assert.deepEqual(keys(list), ['c']);
        list = await v.list(db, coll, [sdk.Query.equal('array', true)]);
        assert.deepEqual(keys(list), ['c']);
        list = await v.list(db, coll, [sdk.Query.equal('status', 'available'), sdk.Query.limit(2)]);
        assert.deepEqual(keys(list), ['a', 'b']);
        assert.equal(list.total, 4);
        list = await v.list(db, coll, [sdk.Query.cursorAfter('b')]);
        assert.deepEqual(keys(list), ['c', 'd']);
        list = await v.list(db, coll, [sdk.Query.orderDesc('key'), sdk.Query.offset(1)]);
        assert.deepEqual(keys(list), ['c', 'b', 'a']);
        list = await v.list(db, coll, [], false);
        assert.equal(list.total, 0);
        assert.equal(keys(list).length, 4);
        await rejectsWith(v.list(db, coll, [sdk.Query.equal('name', 'x')]), 400, 'general_argument_invalid');
        await rejectsWith(v.list(db, coll, [sdk.Query.cursorAfter('zz')]), 400, 'general_cursor_not_found');
        assertModel(unbig(await v.list(db, coll)), v.tablesdb ? 'columnList' : 'attributeList');
    });

    test(`${v.name}: inline attributes and indexes on create, all or nothing`, async () => {
        const db = await v.database();
        const { id: coll, created } = await v.collection(db, {
            attributes: [
                { key: 'title', type: 'string', size: 100, required: true },
                { key: 'email', type: 'string', format: 'email', required: false, default: 'x@y.io' },
                { key: 'count', type: 'integer', required: false, min: 0, max: 9 },
                { key: 'ratio', type: 'double', required: false },
                { key: 'mood', type: 'string', format: 'enum', elements: ['a', 'b'], required: false },
                { key: 'tags', type: 'varchar', size: 20, array: true, required: false },
                { key: 'secret', type: 'varchar', size: 200, required: false, filters: ['encrypt'] },
                { key: 'spot', type: 'point', required: false },
            ],
            indexes: [{ key: 'by_title', type: 'key', [v.attributes]: ['title'], orders: ['asc'] }],
        });
        assertModel(unbig(created), v.tablesdb ? 'table' : 'collection');
        const c = plain(created);
        assert.deepEqual(c[v.attributes].map((a) => [a.key, a.type, a.status]), [
            ['title', 'string', 'available'], ['email', 'string', 'available'], ['count', 'integer', 'available'],
            ['ratio', 'double', 'available'], ['mood', 'string', 'available'], ['tags', 'varchar', 'available'],
            ['secret', 'varchar', 'available'], ['spot', 'point', 'available'],
        ]);
        assert.equal(c[v.attributes].find((a) => a.key === 'secret').encrypt, true);
        assert.equal(c.indexes.length, 1);
        assert.equal(c.indexes[0].status, 'available');
        assert.equal(plain(await v.put(db, coll, 'r', { title: 'T' })).email, 'x@y.io');
        await rejectsWith(v.put(db, coll, 'r2', { title: 'T', count: 10 }), 400, v.err('document_invalid_structure'));

        // One bad definition (or index) and no collection is left behind.
        for (const [attributes, indexes] of [
            [[{ key: 'ok', type: 'string', size: 5 }, { key: 'n', type: 'integer', min: 3, max: 1 }], []],
            [[{ key: 'r', type: 'relationship' }], []],
            [[{ key: 'ok', type: 'string', size: 5 }, { key: 'ok', type: 'integer' }], []],
            [[{ key: 'ok', type: 'string', size: 5 }], [{ key: 'i', type: 'key', [v.attributes]: ['missing'] }]],
        ]) {
            const id = uid('bad');
            const params = v.tablesdb
                ? { databaseId: db, tableId: id, name: id, columns: attributes, indexes }
                : { databaseId: db, collectionId: id, name: id, attributes, indexes };
            await assert.rejects(v.tablesdb ? tables.createTable(params) : databases.createCollection(params),
                (err) => err.code >= 400 && err.code < 500);
            await rejectsWith(v.getCollection(db, id), 404, v.err('collection_not_found'));
        }
    });

    test(`${v.name}: the row width limit`, async () => {
        const db = await v.database();
        // Row width: 1067 bytes of internal columns, a varchar of n chars takes n*4+2.
        const { id: coll } = await v.collection(db);
        await v.create('Varchar', db, coll, { key: 'wide', size: 16000, required: false });
        await assert.rejects(v.create('Varchar', db, coll, { key: 'more', size: 200, required: false }), (err) => {
            assert.equal(err.type, v.err('attribute_limit_exceeded'));
            assert.equal(err.message, v.tablesdb
                ? `The maximum number or size of columns for table '${coll}' has been reached.`
                : `The maximum number or size of attributes for collection '${coll}' has been reached.`);
            return true;
        });
        await v.create('Text', db, coll, { key: 'text', required: false }); // 20 bytes still fit
        await rejectsWith(v.update('Varchar', db, coll, { key: 'wide', required: false, xdefault: null, size: 16300 }),
            400, v.err('attribute_limit_exceeded'));
        assert.equal((await v.get(db, coll, 'wide')).size, 16000);
    });

    // The same check in both vocabularies; creating 1010 columns once is enough.
    test(`${v.name}: the attribute count limit`, { skip: v.tablesdb && 'checked through Databases' }, async () => {
        const db = await v.database();
        // Count: 1010 attributes at most (1017 columns with Appwrite's 7 internal ones).
        const attributes = Array.from({ length: 100 }, (_, i) => ({ key: `b${i}`, type: 'boolean', required: false }));
        const { id: many } = await v.collection(db, { attributes });
        for (let batch = 1; batch < 10; batch += 1) {
            await Promise.all(Array.from({ length: 10 }, (_, j) => (async () => {
                for (let i = 0; i < 10; i += 1) {
                    await v.create('Boolean', db, many, { key: `k${batch}_${j}_${i}`, required: false });
                }
            })()));
        }
        for (let i = 0; i < 10; i += 1) await v.create('Boolean', db, many, { key: `last${i}`, required: false });
        assert.equal((await v.list(db, many, [sdk.Query.limit(1)])).total, 1010);
        await assert.rejects(v.create('Boolean', db, many, { key: 'one_more', required: false }), (err) => {
            assert.equal(err.type, v.err('attribute_limit_exceeded'));
            assert.equal(err.message, v.tablesdb
                ? `The maximum number or size of columns for table '${many}' has been reached.`
                : `The maximum number or size of attributes for collection '${many}' has been reached.`);
            return true;
        });
    });
}
