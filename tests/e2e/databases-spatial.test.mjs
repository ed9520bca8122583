// Spatial queries and spatial indexes with node-appwrite@27.1.0 and an API key, on both
// backends (SQLite: GEOS functions and an R*Tree; PostgreSQL: PostGIS and GiST): every spatial
// method of the SDK's Query class (distanceEqual/NotEqual/GreaterThan/LessThan with and
// without `meters`, intersects, crosses, overlaps, touches and their negations, equal/notEqual
// and contains/notContains on spatial columns) with matching and non-matching rows and `total`
// agreeing; the same answers once spatial indexes exist; spatial index create/get/list/delete;
// bad inputs (spatial method on a string column, malformed geometry, meters between non-points,
// spatial index on a string column, a malformed point in a row) with Appwrite's errors and
// nothing written.
// Where it was read: utopia-php/database 6.0.0 Query.php, Validator/Query/Filter.php,
// Adapter/MariaDB.php (handleSpatialQueries, ST_DISTANCE_SPHERE with radius 6371000),
// Adapter/Postgres.php (ST_Covers for contains); node-appwrite 27.1.0 dist/query.js.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as sdk from 'node-appwrite';
import { startServer } from './harness.mjs';
import { assertModel, plain, rejectsWith } from './spec.mjs';

const { Query } = sdk;
let server;
let tables;
let databases;
let databaseId;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(read, done, what) {
    for (let i = 0; i < 200; i++) {
        const value = await read();
        if (done(value)) return value;
        await sleep(25);
    }
    assert.fail(`timed out waiting for ${what}`);
}

const SQUARE_0_2 = [[[0, 0], [0, 2], [2, 2], [2, 0], [0, 0]]];
const SQUARE_1_3 = [[[1, 1], [1, 3], [3, 3], [3, 1], [1, 1]]];
const BELOW_EAST = [[[2, 0], [2, -1], [4, -1], [4, 0], [2, 0]]];

before(async () => {
    server = await startServer();
    tables = new sdk.TablesDB(server.client());
    databases = new sdk.Databases(server.client());
    databaseId = (await tables.create({ databaseId: 'geo', name: 'geo' })).$id;
    await seed('places', false);
    // Spatial indexes need required columns (Appwrite's MariaDB rule): a twin table for them.
    await seed('indexed', true);
});

async function seed(tableId, required) {
    await tables.createTable({ databaseId, tableId, name: tableId });
    await tables.createStringColumn({ databaseId, tableId, key: 'name', size: 32, required: true });
    await tables.createPointColumn({ databaseId, tableId, key: 'loc', required });
    await tables.createLineColumn({ databaseId, tableId, key: 'route', required });
    await tables.createPolygonColumn({ databaseId, tableId, key: 'area', required });
    const rows = {
        origin: { loc: [0, 0], route: [[0, 0], [2, 2]], area: SQUARE_0_2 },
        east: { loc: [1, 0], route: [[5, 5], [6, 6]], area: [[[5, 5], [5, 6], [6, 6], [6, 5], [5, 5]]] },
        far: { loc: [10, 10], route: [[0, 2], [2, 0]], area: SQUARE_1_3 },
    };
    if (!required) rows.none = {};
    for (const [rowId, data] of Object.entries(rows)) {
        await tables.createRow({ databaseId, tableId, rowId, data: { name: rowId, ...data } });
    }
}

after(async () => {
    if (server) await server.stop();
});

async function ids(query, tableId = 'places') {
    const list = await tables.listRows({ databaseId, tableId, queries: [query] });
    const out = list.rows.map((r) => r.$id).sort();
    assert.equal(list.total, out.length, `total of ${query}`);
    // The legacy vocabulary answers the same.
    const docs = await databases.listDocuments({ databaseId, collectionId: tableId, queries: [query] });
    assert.deepEqual(docs.documents.map((d) => d.$id).sort(), out, `documents of ${query}`);
    return out;
}

// [query, expected ids]
const CASES = [
    [Query.equal('loc', [[0, 0]]), ['origin']],
    [Query.notEqual('loc', [[0, 0]]), ['east', 'far']],
    [Query.distanceLessThan('loc', [0, 0], 1.5, false), ['east', 'origin']],
    [Query.distanceGreaterThan('loc', [0, 0], 1.5, false), ['far']],
    [Query.distanceEqual('loc', [0, 0], 1, false), ['east']],
    [Query.distanceNotEqual('loc', [0, 0], 1, false), ['far', 'origin']],
    // meters is the SDK's default: one degree on the equator is 111,195 m on a 6,371 km sphere
    [Query.distanceLessThan('loc', [0, 0], 111300), ['east', 'origin']],
    [Query.distanceLessThan('loc', [0, 0], 111100), ['origin']],
    [Query.distanceGreaterThan('loc', [0, 0], 111100), ['east', 'far']],
    [Query.distanceLessThan('route', [4, 4], 2, false), ['east']],
    [Query.intersects('area', [1, 1]), ['far', 'origin']],
    [Query.notIntersects('area', [1, 1]), ['east']],
    [Query.intersects('route', [[1, 0], [1, 3]]), ['far', 'origin']],
    [Query.contains('area', [[0.5, 0.5]]), ['origin']],
    [Query.contains('area', [[0, 1]]), ['origin']],
    [Query.notContains('area', [[0.5, 0.5]]), ['east', 'far']],
    [Query.crosses('route', [[0, 2], [2, 0]]), ['origin']],
    [Query.notCrosses('route', [[0, 2], [2, 0]]), ['east', 'far']],
    [Query.overlaps('area', SQUARE_1_3), ['origin']],
    [Query.notOverlaps('area', SQUARE_1_3), ['east', 'far']],
    [Query.touches('area', BELOW_EAST), ['origin']],
    [Query.notTouches('area', BELOW_EAST), ['east', 'far']],
    [Query.isNull('loc'), ['none']],
];

async function expectCases(tableId = 'places') {
    for (const [query, expected] of CASES) {
        // `indexed` has no row without values.
        const wanted = tableId === 'places' ? expected : expected.filter((id) => id !== 'none');
        assert.deepEqual(await ids(query, tableId), wanted, query);
    }
}

test('every spatial query method matches and excludes the right rows', async () => {
    await expectCases();
});

test('spatial indexes: create, get, list, same answers, delete', async () => {
    for (const key of ['loc', 'route', 'area']) {
        const created = await tables.createIndex({ databaseId, tableId: 'indexed', key: `${key}_sp`,
            type: sdk.TablesDBIndexType.Spatial, columns: [key] });
        assertModel(plain(created), 'columnIndex');
        assert.equal(created.type, 'spatial');
        assert.deepEqual(created.columns, [key]);
        const ready = await until(() => tables.getIndex({ databaseId, tableId: 'indexed', key: `${key}_sp` }),
            (i) => i.status !== 'processing', `${key}_sp`);
        assert.equal(ready.status, 'available', ready.error);
    }
    const legacy = await databases.getIndex({ databaseId, collectionId: 'indexed', key: 'loc_sp' });
    assert.equal(legacy.type, 'spatial');
    assert.deepEqual(legacy.attributes, ['loc']);
    const list = await tables.listIndexes({ databaseId, tableId: 'indexed', queries: [Query.equal('type', 'spatial')] });
    assert.equal(list.total, 3);
    await expectCases('indexed');
    // Writes after the build reach the index.
    await tables.createRow({ databaseId, tableId: 'indexed', rowId: 'near', data: { name: 'near', loc: [0.5, 0], route: [[0, 0], [1, 1]], area: SQUARE_0_2 } });
    await tables.updateRow({ databaseId, tableId: 'indexed', rowId: 'near', data: { loc: [0.25, 0] } });
    assert.deepEqual(await ids(Query.distanceLessThan('loc', [0.25, 0], 0.01, false), 'indexed'), ['near']);
    await tables.deleteRow({ databaseId, tableId: 'indexed', rowId: 'near' });
    assert.deepEqual(await ids(Query.distanceLessThan('loc', [0.25, 0], 0.01, false), 'indexed'), []);
    for (const key of ['loc', 'route', 'area']) {
        await tables.deleteIndex({ databaseId, tableId: 'indexed', key: `${key}_sp` });
        await until(() => tables.listIndexes({ databaseId, tableId: 'indexed' }),
            (l) => !l.indexes.some((i) => i.key === `${key}_sp`), `${key}_sp gone`);
    }
    await rejectsWith(tables.getIndex({ databaseId, tableId: 'indexed', key: 'loc_sp' }), 404, 'column_index_not_found');
    await expectCases('indexed');
});

test('bad spatial inputs get Appwrite errors and write nothing', async () => {
    const query = async (q, message) => {
        await assert.rejects(tables.listRows({ databaseId, tableId: 'places', queries: [q] }), (err) => {
            assert.equal(err.code, 400, err.message);
            assert.equal(err.type, 'general_query_invalid', err.message);
            assert.ok(err.message.includes(message), `${err.message} should include ${message}`);
            return true;
        });
    };
    await query(Query.intersects('name', [1, 2]),
        'Invalid query: Spatial query "intersects" cannot be applied on non-spatial attribute: name');
    await query(Query.distanceLessThan('name', [1, 2], 5),
        'Spatial query "distanceLessThan" cannot be applied on non-spatial attribute: name');
    await query(Query.intersects('area', [[[0, 0], [1, 1], [1, 0], [2, 2]]]), 'must be closed');
    await query(Query.intersects('area', [1]), 'Point must be an array of two numeric values');
    await query(Query.distanceLessThan('area', [0, 0], 10), 'Distance in meters is not supported between polygon and point');
    await query(JSON.stringify({ method: 'distanceLessThan', attribute: 'loc', values: [[[0, 0], 1]] }),
        'Distance query requires [[geometry, distance]] parameters');
    await query(Query.startsWith('loc', 'x'), 'Spatial data must be an array');

    await assert.rejects(tables.createIndex({ databaseId, tableId: 'places', key: 'bad_sp',
        type: sdk.TablesDBIndexType.Spatial, columns: ['name'] }), (err) => {
        assert.equal(err.code, 400);
        assert.equal(err.type, 'column_index_invalid');
        assert.equal(err.message, 'Spatial index can only be created on spatial attributes (point, linestring, polygon). Attribute "name" is of type "string"');
        return true;
    });
    await assert.rejects(tables.createIndex({ databaseId, tableId: 'places', key: 'bad_sp',
        type: sdk.TablesDBIndexType.Spatial, columns: ['loc', 'area'] }), (err) => err.type === 'column_index_invalid');
    await assert.rejects(tables.createIndex({ databaseId, tableId: 'places', key: 'bad_sp',
        type: sdk.TablesDBIndexType.Spatial, columns: ['loc'] }), (err) => {
        assert.equal(err.type, 'column_index_invalid');
        assert.match(err.message, /^Spatial indexes do not allow null values/);
        return true;
    });
    await assert.rejects(tables.createIndex({ databaseId, tableId: 'places', key: 'bad_sp',
        type: sdk.TablesDBIndexType.Key, columns: ['loc'] }), (err) => {
        assert.equal(err.type, 'column_index_invalid');
        assert.equal(err.message, 'Cannot create key index on spatial attribute "loc". Spatial attributes require spatial indexes.');
        return true;
    });
    const indexes = await tables.listIndexes({ databaseId, tableId: 'places' });
    assert.equal(indexes.total, 0);

    await rejectsWith(tables.createRow({ databaseId, tableId: 'places', rowId: 'bad', data: { name: 'bad', loc: [1] } }),
        400, 'row_invalid_structure');
    await rejectsWith(tables.createRow({ databaseId, tableId: 'places', rowId: 'bad',
        data: { name: 'bad', area: [[[0, 0], [1, 1], [0, 0]]] } }), 400, 'row_invalid_structure');
    await rejectsWith(tables.getRow({ databaseId, tableId: 'places', rowId: 'bad' }), 404, 'row_not_found');
});
