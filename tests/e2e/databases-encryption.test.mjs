// Encrypted attributes/columns (`encrypt: true` on string, varchar, text, mediumtext,
// longtext) with node-appwrite@27.1.0 in both vocabularies: values round-trip through the SDK
// (create, get, list, update, upsert, bulk, transactions) but are stored AES-256-GCM sealed
// (the raw SQLite file / PostgreSQL table never holds the plain text); filters on them are
// refused with Appwrite's error, while select and order still work; the size applies to the
// plain text; the 150-character minimum for sized strings.
// Where it was read: utopia-php/database 6.0.0 Validator/Query/Filter.php (filters on an
// attribute with the `encrypt` filter: "Cannot query encrypted attribute: <key>"; Order.php
// has no such rule, nor does the Index validator); Appwrite 1.9.6 attribute create
// (`encrypt` default false; "Size too small. Encrypted strings require a minimum size of 150
// characters.").
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as sdk from 'node-appwrite';
import { startServer } from './harness.mjs';
import { rejectsWith } from './spec.mjs';

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

/** Every stored value of `column` in the documents table of collection `collectionId`, as SQL returns it. */
function rawValues(databaseId, collectionId, column) {
    if (server.backend === 'postgres') {
        const psql = (sql) => execFileSync('psql', [server.dbUrl, '-qAt', '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8' });
        const schema = `p_${server.projectId}`;
        const tableName = psql(`SELECT table_name FROM information_schema.columns WHERE table_schema = '${schema}' ` +
            `AND column_name = '${column}' AND table_name LIKE 'database\\_%\\_collection\\_%'`).split('\n').filter(Boolean);
        return tableName.flatMap((t) => psql(`SELECT "${column}" FROM "${schema}"."${t}" WHERE "${column}" IS NOT NULL`)
            .split('\n').filter(Boolean));
    }
    const file = path.join(server.dataDir, 'db', `project_${server.projectId}.sqlite`);
    const sqlite = (sql) => execFileSync('sqlite3', [file, sql], { encoding: 'utf8' });
    const names = sqlite("SELECT name FROM sqlite_master WHERE type='table' AND name LIKE 'database\\_%\\_collection\\_%' ESCAPE '\\'")
        .split('\n').filter(Boolean);
    const out = [];
    for (const t of names) {
        const columns = sqlite(`SELECT name FROM pragma_table_info('${t}')`).split('\n');
        if (!columns.includes(column)) continue;
        out.push(...sqlite(`SELECT "${column}" FROM "${t}" WHERE "${column}" IS NOT NULL`).split('\n').filter(Boolean));
    }
    return out;
}

/** True when `text` appears in any file of the SQLite data (database and WAL): on PostgreSQL, in no row. */
function storedAnywhere(text) {
    if (server.backend === 'postgres') {
        const out = execFileSync('psql', [server.dbUrl, '-qAt', '-c',
            `SELECT count(*) FROM pg_catalog.pg_namespace WHERE nspname = 'p_${server.projectId}'`], { encoding: 'utf8' });
        assert.equal(out.trim(), '1');
        return false; // rawValues covers PostgreSQL
    }
    const dir = path.join(server.dataDir, 'db');
    return readdirSync(dir).some((f) => readFileSync(path.join(dir, f)).includes(Buffer.from(text)));
}

const VOCABULARIES = [
    {
        name: 'Databases',
        createDb: (id) => databases.create({ databaseId: id, name: id }),
        createCol: (db, id) => databases.createCollection({ databaseId: db, collectionId: id, name: id,
            permissions: [sdk.Permission.read(sdk.Role.any())] }),
        string: (db, col, key, extra) => databases.createStringAttribute({ databaseId: db, collectionId: col, key, required: false, ...extra }),
        varchar: (db, col, key, extra) => databases.createVarcharAttribute({ databaseId: db, collectionId: col, key, required: false, ...extra }),
        text: (db, col, key, extra) => databases.createTextAttribute({ databaseId: db, collectionId: col, key, required: false, ...extra }),
        mediumtext: (db, col, key, extra) => databases.createMediumtextAttribute({ databaseId: db, collectionId: col, key, required: false, ...extra }),
        longtext: (db, col, key, extra) => databases.createLongtextAttribute({ databaseId: db, collectionId: col, key, required: false, ...extra }),
        integer: (db, col, key) => databases.createIntegerAttribute({ databaseId: db, collectionId: col, key, required: false }),
        create: (db, col, id, data) => databases.createDocument({ databaseId: db, collectionId: col, documentId: id, data }),
        get: (db, col, id, queries) => databases.getDocument({ databaseId: db, collectionId: col, documentId: id, queries }),
        list: (db, col, queries) => databases.listDocuments({ databaseId: db, collectionId: col, queries }).then((r) => r.documents),
        update: (db, col, id, data) => databases.updateDocument({ databaseId: db, collectionId: col, documentId: id, data }),
        upsert: (db, col, id, data) => databases.upsertDocument({ databaseId: db, collectionId: col, documentId: id, data }),
        bulk: (db, col, documents) => databases.createDocuments({ databaseId: db, collectionId: col, documents }).then((r) => r.documents),
        increment: (db, col, id, key) => databases.incrementDocumentAttribute({ databaseId: db, collectionId: col, documentId: id, attribute: key }),
        staged: (db, col, id, data) => ({ action: 'update', databaseId: db, collectionId: col, documentId: id, data }),
        tx: () => databases,
    },
    {
        name: 'TablesDB',
        createDb: (id) => tables.create({ databaseId: id, name: id }),
        createCol: (db, id) => tables.createTable({ databaseId: db, tableId: id, name: id, permissions: [sdk.Permission.read(sdk.Role.any())] }),
        string: (db, col, key, extra) => tables.createStringColumn({ databaseId: db, tableId: col, key, required: false, ...extra }),
        varchar: (db, col, key, extra) => tables.createVarcharColumn({ databaseId: db, tableId: col, key, required: false, ...extra }),
        text: (db, col, key, extra) => tables.createTextColumn({ databaseId: db, tableId: col, key, required: false, ...extra }),
        mediumtext: (db, col, key, extra) => tables.createMediumtextColumn({ databaseId: db, tableId: col, key, required: false, ...extra }),
        longtext: (db, col, key, extra) => tables.createLongtextColumn({ databaseId: db, tableId: col, key, required: false, ...extra }),
        integer: (db, col, key) => tables.createIntegerColumn({ databaseId: db, tableId: col, key, required: false }),
        create: (db, col, id, data) => tables.createRow({ databaseId: db, tableId: col, rowId: id, data }),
        get: (db, col, id, queries) => tables.getRow({ databaseId: db, tableId: col, rowId: id, queries }),
        list: (db, col, queries) => tables.listRows({ databaseId: db, tableId: col, queries }).then((r) => r.rows),
        update: (db, col, id, data) => tables.updateRow({ databaseId: db, tableId: col, rowId: id, data }),
        upsert: (db, col, id, data) => tables.upsertRow({ databaseId: db, tableId: col, rowId: id, data }),
        bulk: (db, col, rows) => tables.createRows({ databaseId: db, tableId: col, rows }).then((r) => r.rows),
        increment: (db, col, id, key) => tables.incrementRowColumn({ databaseId: db, tableId: col, rowId: id, column: key }),
        staged: (db, col, id, data) => ({ action: 'update', databaseId: db, tableId: col, rowId: id, data }),
        tx: () => tables,
    },
];

for (const v of VOCABULARIES) {
    test(`${v.name}: encrypted values round-trip through every route and are stored sealed`, async () => {
        const db = `enc${v.name}`.toLowerCase();
        await v.createDb(db);
        await v.createCol(db, 'c');
        await v.string(db, 'c', 's', { size: 200, encrypt: true });
        await v.varchar(db, 'c', 'vc', { size: 150, encrypt: true });
        await v.text(db, 'c', 't', { encrypt: true });
        await v.mediumtext(db, 'c', 'm', { encrypt: true });
        await v.longtext(db, 'c', 'l', { encrypt: true, array: true });
        await v.varchar(db, 'c', 'open', { size: 100 });
        await v.integer(db, 'c', 'n');
        const secret = `top secret ${v.name} ${Date.now()}`;
        const data = { s: `${secret} s`, vc: `${secret} vc`, t: `${secret} t`, m: `${secret} m`, l: [`${secret} l1`, `${secret} l2`],
            open: `${secret} open` };
        const created = await v.create(db, 'c', 'one', data);
        for (const [k, value] of Object.entries(data)) assert.deepEqual(created[k], value, k);
        const got = await v.get(db, 'c', 'one');
        for (const [k, value] of Object.entries(data)) assert.deepEqual(got[k], value, k);
        const selected = await v.get(db, 'c', 'one', [sdk.Query.select(['s'])]);
        assert.equal(selected.s, data.s);

        // Stored sealed: "v1:" + base64, never the plain text; the plain column is plain. (The
        // raw values are those of every collection with such a column: all are encrypted.)
        for (const key of ['s', 'vc', 't', 'm']) {
            const raw = rawValues(db, 'c', key);
            assert.ok(raw.length >= 1, key);
            for (const value of raw) {
                assert.match(value, /^v1:[A-Za-z0-9+/]+=*$/, key);
                assert.ok(!value.includes('secret'), key);
            }
        }
        const rawArrays = rawValues(db, 'c', 'l').map((r) => JSON.parse(r));
        assert.ok(rawArrays.some((a) => a.length === 2));
        for (const element of rawArrays.flat()) assert.match(element, /^v1:/);
        assert.ok(rawValues(db, 'c', 'open').includes(data.open));
        assert.ok(!storedAnywhere(`${secret} s`) && !storedAnywhere(`${secret} t`));
        if (server.backend === 'sqlite') assert.ok(storedAnywhere(`${secret} open`), 'the control value is stored in the clear');

        // Every other write and read path.
        const updated = await v.update(db, 'c', 'one', { s: 'updated secret' });
        assert.equal(updated.s, 'updated secret');
        assert.equal(updated.t, data.t);
        const upserted = await v.upsert(db, 'c', 'two', { t: 'upserted secret' });
        assert.equal(upserted.t, 'upserted secret');
        const bulk = await v.bulk(db, 'c', [{ $id: 'three', m: 'bulk secret' }]);
        assert.equal(bulk[0].m, 'bulk secret');
        const stepped = await v.increment(db, 'c', 'one', 'n');
        assert.equal(stepped.n, 1);
        assert.equal(stepped.s, 'updated secret');
        const listed = await v.list(db, 'c', [sdk.Query.orderAsc('t'), sdk.Query.limit(10)]);
        assert.equal(listed.length, 3);
        assert.deepEqual(listed.map((d) => d.t).sort(), [data.t, 'upserted secret', null].sort());
        assert.equal(listed.find((d) => d.$id === 'three').m, 'bulk secret');
        assert.ok(!rawValues(db, 'c', 's').some((r) => r.includes('updated secret')));
        assert.ok(!rawValues(db, 'c', 'm').some((r) => r.includes('bulk secret')));

        // A transaction's staged view and its commit.
        const tx = await v.tx().createTransaction();
        await v.tx().createOperations({ transactionId: tx.$id, operations: [v.staged(db, 'c', 'one', { vc: 'staged secret' })] });
        const view = v.name === 'Databases'
            ? await databases.getDocument({ databaseId: db, collectionId: 'c', documentId: 'one', transactionId: tx.$id })
            : await tables.getRow({ databaseId: db, tableId: 'c', rowId: 'one', transactionId: tx.$id });
        assert.equal(view.vc, 'staged secret');
        await v.tx().updateTransaction({ transactionId: tx.$id, commit: true });
        assert.equal((await v.get(db, 'c', 'one')).vc, 'staged secret');
        assert.ok(!rawValues(db, 'c', 'vc').some((r) => r.includes('staged secret')));

        // The size counts the plain text: 200 characters fit (the sealed form is longer), 201 do not.
        assert.equal((await v.update(db, 'c', 'one', { s: 'x'.repeat(200) })).s, 'x'.repeat(200));
        await rejectsWith(v.update(db, 'c', 'one', { s: 'x'.repeat(201) }), 400,
            v.name === 'Databases' ? 'document_invalid_structure' : 'row_invalid_structure');
    });

    test(`${v.name}: filters on encrypted attributes are refused, orders and selects are not`, async () => {
        const db = `encq${v.name}`.toLowerCase();
        await v.createDb(db);
        await v.createCol(db, 'c');
        await v.text(db, 'c', 'secret', { encrypt: true });
        await v.varchar(db, 'c', 'open', { size: 50 });
        await v.create(db, 'c', 'a', { secret: 'alpha', open: 'x' });
        for (const query of [sdk.Query.equal('secret', 'alpha'), sdk.Query.notEqual('secret', 'alpha'), sdk.Query.isNull('secret'),
            sdk.Query.startsWith('secret', 'al'), sdk.Query.contains('secret', 'lp'), sdk.Query.search('secret', 'alpha'),
            sdk.Query.or([sdk.Query.equal('open', 'x'), sdk.Query.equal('secret', 'alpha')])]) {
            await assert.rejects(v.list(db, 'c', [query]), (err) => {
                assert.equal(err.code, 400, err.message);
                assert.equal(err.type, 'general_query_invalid');
                assert.equal(err.message, 'Invalid query: Cannot query encrypted attribute: secret');
                return true;
            }, query);
        }
        assert.equal((await v.list(db, 'c', [sdk.Query.orderDesc('secret'), sdk.Query.select(['secret'])]))[0].secret, 'alpha');
        assert.equal((await v.list(db, 'c', [sdk.Query.equal('open', 'x')])).length, 1);
    });
}

test('encrypt on a sized string under 150 characters is refused; text needs no size', async () => {
    await databases.create({ databaseId: 'encsize', name: 'encsize' });
    await databases.createCollection({ databaseId: 'encsize', collectionId: 'c', name: 'c' });
    await rejectsWith(databases.createVarcharAttribute({ databaseId: 'encsize', collectionId: 'c', key: 'v', size: 149, required: false, encrypt: true }),
        400, 'general_bad_request');
    const ok = await databases.createVarcharAttribute({ databaseId: 'encsize', collectionId: 'c', key: 'v', size: 150, required: false, encrypt: true });
    assert.equal(ok.encrypt, true);
    const text = await databases.createTextAttribute({ databaseId: 'encsize', collectionId: 'c', key: 't', required: false, encrypt: true,
        xdefault: 'a default' });
    assert.equal(text.encrypt, true);
    // A default of an encrypted attribute is stored sealed too.
    const doc = await databases.createDocument({ databaseId: 'encsize', collectionId: 'c', documentId: 'd', data: { v: 'given' } });
    assert.equal(doc.t, 'a default');
    assert.ok(rawValues('encsize', 'c', 't').every((r) => r.startsWith('v1:')));
});
