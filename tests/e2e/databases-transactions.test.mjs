// Transactions of the data API in both vocabularies (node-appwrite@27.1.0: TablesDB and
// Databases), as Appwrite 1.9.6 serves them (src/Appwrite/Platform/Modules/Databases/Http/
// Databases/Transactions/*, Collections/Documents/* staging branches, Utopia/Database/Validator/
// Operation.php, app/config/errors.php):
// - create (ttl 60..3600, default 300) -> 201 {status: pending, operations: 0, expiresAt}; get,
//   list (queries on status/expiresAt), delete -> 204; unknown -> 404 transaction_not_found;
// - staging through POST .../operations (counts each operation) and through the row/document
//   routes with `transactionId` (stand-in responses: 201 with the sent data for a create, 204
//   for a delete); reads with `transactionId` see the staged writes, other reads do not;
// - commit applies everything at once (status committed); rollback (status failed) applies
//   nothing; a failing operation (duplicate id -> 409 transaction_conflict; bad structure ->
//   400 document_invalid_structure) writes nothing and leaves the transaction failed;
// - a finished transaction refuses more: transaction_not_ready on the single-row routes and
//   commit, general_bad_request "Invalid or non‑pending transaction" (U+2011) on createOperations;
// - expired -> 410 transaction_expired; more than 100 operations -> transaction_limit_exceeded;
// - commit/rollback both or neither -> general_bad_request; operation validator messages;
// - the staged state lives in the store: a second node commits what the first staged; concurrent
//   commits apply once (the others: transaction_not_ready), concurrent staging loses nothing;
//   creating a transaction removes expired ones;
// - a user (JWT) sees only its own transactions (read/update/delete for the creator) and stages
//   only what it could write directly (bulk actions: user_unauthorized).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import * as sdk from 'node-appwrite';
import { startServer } from './harness.mjs';
import { assertModel, assertError, ISO_DATETIME, plain, rejectsWith } from './spec.mjs';

let server;

before(async () => {
    server = await startServer();
});

after(async () => {
    if (server) await server.stop();
});

// The two vocabularies behind one interface: schema set-up and row (document) calls.
function vocabulary(kind, client) {
    if (kind === 'tablesdb') {
        const s = new sdk.TablesDB(client);
        return {
            kind, s, root: 'tablesdb', group: 'tableId', one: 'rowId', many: 'rows', meta: '$tableId',
            async setup(db, table) {
                await s.create({ databaseId: db, name: db });
                await s.createTable({ databaseId: db, tableId: table, name: table, permissions: [] });
                await s.createStringColumn({ databaseId: db, tableId: table, key: 'name', size: 32, required: true });
                await s.createIntegerColumn({ databaseId: db, tableId: table, key: 'qty', required: false, min: 0, max: 100 });
                for (const key of ['name', 'qty']) {
                    for (let i = 0; i < 100; i++) {
                        const c = await s.getColumn({ databaseId: db, tableId: table, key });
                        if (c.status === 'available') break;
                        await new Promise((r) => setTimeout(r, 50));
                    }
                }
            },
            create: (db, t, id, data, tx) => s.createRow({ databaseId: db, tableId: t, rowId: id, data, transactionId: tx }),
            get: (db, t, id, tx) => s.getRow({ databaseId: db, tableId: t, rowId: id, transactionId: tx }),
            list: (db, t, tx) => s.listRows({ databaseId: db, tableId: t, transactionId: tx }),
            update: (db, t, id, data, tx) => s.updateRow({ databaseId: db, tableId: t, rowId: id, data, transactionId: tx }),
            remove: (db, t, id, tx) => s.deleteRow({ databaseId: db, tableId: t, rowId: id, transactionId: tx }),
        };
    }
    const s = new sdk.Databases(client);
    return {
        kind, s, root: 'databases', group: 'collectionId', one: 'documentId', many: 'documents', meta: '$collectionId',
        async setup(db, collection) {
            await s.create({ databaseId: db, name: db });
            await s.createCollection({ databaseId: db, collectionId: collection, name: collection, permissions: [] });
            await s.createStringAttribute({ databaseId: db, collectionId: collection, key: 'name', size: 32, required: true });
            await s.createIntegerAttribute({ databaseId: db, collectionId: collection, key: 'qty', required: false, min: 0, max: 100 });
            for (const key of ['name', 'qty']) {
                for (let i = 0; i < 100; i++) {
                    const a = await s.getAttribute({ databaseId: db, collectionId: collection, key });
                    if (a.status === 'available') break;
                    await new Promise((r) => setTimeout(r, 50));
                }
            }
        },
        create: (db, c, id, data, tx) => s.createDocument({ databaseId: db, collectionId: c, documentId: id, data, transactionId: tx }),
        get: (db, c, id, tx) => s.getDocument({ databaseId: db, collectionId: c, documentId: id, transactionId: tx }),
        list: (db, c, tx) => s.listDocuments({ databaseId: db, collectionId: c, transactionId: tx }),
        update: (db, c, id, data, tx) => s.updateDocument({ databaseId: db, collectionId: c, documentId: id, data, transactionId: tx }),
        remove: (db, c, id, tx) => s.deleteDocument({ databaseId: db, collectionId: c, documentId: id, transactionId: tx }),
    };
}

// An operation of createOperations in the vocabulary's keys.
function op(v, action, db, table, id, data) {
    const o = { action, databaseId: db, [v.group]: table };
    if (id !== undefined) o[v.one] = id;
    if (data !== undefined) o.data = data;
    return o;
}

const ids = (list, v) => list[v.many].map((d) => d.$id).sort();

// Moves a transaction's expiry into the past in the store itself (the shortest ttl is 60 s).
function expireInStore(transactionId) {
    const sql = `UPDATE %T SET "expiresAt" = 0 WHERE "_uid" = '${transactionId}'`;
    if (server.dbUrl) {
        execFileSync('psql', [server.dbUrl, '-qAt', '-v', 'ON_ERROR_STOP=1', '-c',
            sql.replace('%T', `"p_${server.projectId}"."transactions"`)]);
    } else {
        const file = path.join(server.dataDir, "db", `project_${server.projectId}.sqlite`);
        execFileSync('sqlite3', [file, sql.replace('%T', '"transactions"')]);
    }
}

for (const kind of ['tablesdb', 'databases']) {
    const DB = `tx_${kind}`;
    const T = 'items';
    let v;

    test(`${kind}: set up`, async () => {
        v = vocabulary(kind, server.client());
        await v.setup(DB, T);
    });

    test(`${kind}: create, get, list and delete transactions; ttl bounds`, async () => {
        const before = Date.now();
        const tx = await v.s.createTransaction();
        assertModel(tx, 'transaction');
        assert.equal(tx.status, 'pending');
        assert.equal(tx.operations, 0);
        assert.match(tx.expiresAt, ISO_DATETIME);
        const ttl = Date.parse(tx.expiresAt) - before;
        assert.ok(ttl > 295_000 && ttl < 305_000, `default ttl 300 s, got ${ttl} ms`);
        const short = await v.s.createTransaction({ ttl: 60 });
        assert.ok(Date.parse(short.expiresAt) - before < 65_000);

        assert.deepEqual(plain(await v.s.getTransaction({ transactionId: tx.$id })), plain(tx));
        const list = await v.s.listTransactions({ queries: [sdk.Query.equal('status', 'pending')] });
        assert.ok(list.total >= 2);
        assert.ok(list.transactions.some((t) => t.$id === tx.$id));
        for (const t of list.transactions) assertModel(t, 'transaction');

        for (const bad of [59, 3601]) {
            const res = await server.api('POST', `/${v.root}/transactions`, { body: { ttl: bad } });
            assertError(res, 400, 'general_argument_invalid');
            assert.equal(res.body.message, 'Invalid `ttl` param: Value must be a valid range between 60 and 3,600');
        }
        const badQuery = await server.api('GET', `/${v.root}/transactions?queries[0]=${encodeURIComponent('{"method":"equal","attribute":"secret","values":["x"]}')}`);
        assertError(badQuery, 400, 'general_argument_invalid');

        await v.s.deleteTransaction({ transactionId: short.$id });
        await rejectsWith(v.s.getTransaction({ transactionId: short.$id }), 404, 'transaction_not_found');
        await rejectsWith(v.s.deleteTransaction({ transactionId: 'missing' }), 404, 'transaction_not_found');
        await rejectsWith(v.s.updateTransaction({ transactionId: 'missing', commit: true }), 404, 'transaction_not_found');
    });

    test(`${kind}: staged writes are invisible until commit, then all visible`, async () => {
        await v.create(DB, T, 'old', { name: 'old', qty: 5 });
        await v.create(DB, T, 'gone', { name: 'gone' });
        const tx = await v.s.createTransaction();

        const staged = await v.s.createOperations({
            transactionId: tx.$id,
            operations: [
                op(v, 'create', DB, T, 'a', { name: 'a', qty: 1 }),
                op(v, 'update', DB, T, 'a', { qty: 2 }), // depends on the create above
                op(v, 'increment', DB, T, 'old', { [kind === 'tablesdb' ? 'column' : 'attribute']: 'qty', value: 3, max: 100 }),
            ],
        });
        assertModel(staged, 'transaction');
        assert.equal(staged.operations, 3);

        // Through the row routes: a stand-in response, nothing written yet.
        const created = await v.create(DB, T, 'b', { name: 'b' }, tx.$id);
        assert.equal(created.$id, 'b');
        assert.equal(created.name, 'b');
        assert.equal(created[v.meta], T);
        assert.equal(created.$databaseId, DB);
        const updated = await v.update(DB, T, 'old', { name: 'renamed' }, tx.$id);
        assert.equal(updated.name, 'renamed');
        assert.equal(updated.qty, 5);
        await v.remove(DB, T, 'gone', tx.$id);
        assert.equal((await v.s.getTransaction({ transactionId: tx.$id })).operations, 6);

        // Outside the transaction nothing changed; inside, the staged state.
        await rejectsWith(v.get(DB, T, 'a'), 404, kind === 'tablesdb' ? 'row_not_found' : 'document_not_found');
        assert.equal((await v.get(DB, T, 'old')).name, 'old');
        assert.deepEqual(ids(await v.list(DB, T), v), ['gone', 'old']);
        assert.equal((await v.get(DB, T, 'a', tx.$id)).qty, 2);
        const inside = await v.list(DB, T, tx.$id);
        assert.deepEqual(ids(inside, v), ['a', 'b', 'old']);
        assert.equal(inside.total, 3);

        const done = await v.s.updateTransaction({ transactionId: tx.$id, commit: true });
        assertModel(done, 'transaction');
        assert.equal(done.status, 'committed');

        assert.deepEqual(ids(await v.list(DB, T), v), ['a', 'b', 'old']);
        assert.equal((await v.get(DB, T, 'a')).qty, 2);
        const old = await v.get(DB, T, 'old');
        assert.equal(old.name, 'renamed');
        assert.equal(old.qty, 8);

        // Finished: no more staging or committing.
        await rejectsWith(v.create(DB, T, 'c', { name: 'c' }, tx.$id), 400, 'transaction_not_ready');
        await rejectsWith(v.s.updateTransaction({ transactionId: tx.$id, commit: true }), 400, 'transaction_not_ready');
        const more = await server.api('POST', `/${v.root}/transactions/${tx.$id}/operations`, {
            body: { operations: [op(v, 'create', DB, T, 'c', { name: 'c' })] },
        });
        assertError(more, 400, 'general_bad_request');
        assert.equal(more.body.message, 'Invalid or non\u2011pending transaction');
    });

    test(`${kind}: rollback applies nothing`, async () => {
        const tx = await v.s.createTransaction();
        await v.create(DB, T, 'r1', { name: 'r1' }, tx.$id);
        await v.s.createOperations({ transactionId: tx.$id, operations: [op(v, 'delete', DB, T, 'a')] });
        const rolled = await v.s.updateTransaction({ transactionId: tx.$id, rollback: true });
        assert.equal(rolled.status, 'failed');
        await rejectsWith(v.get(DB, T, 'r1'), 404, kind === 'tablesdb' ? 'row_not_found' : 'document_not_found');
        assert.equal((await v.get(DB, T, 'a')).name, 'a');
        await rejectsWith(v.s.updateTransaction({ transactionId: tx.$id, rollback: true }), 400, 'transaction_not_ready');
    });

    test(`${kind}: a failing operation writes nothing and fails the transaction`, async () => {
        // A duplicate id: 409 transaction_conflict; the other operations are not kept.
        const dup = await v.s.createTransaction();
        await v.s.createOperations({
            transactionId: dup.$id,
            operations: [op(v, 'create', DB, T, 'fresh', { name: 'fresh' }), op(v, 'update', DB, T, 'a', { qty: 50 }),
                op(v, 'create', DB, T, 'old', { name: 'again' })],
        });
        await rejectsWith(v.s.updateTransaction({ transactionId: dup.$id, commit: true }), 409, 'transaction_conflict');
        assert.equal((await v.s.getTransaction({ transactionId: dup.$id })).status, 'failed');
        await rejectsWith(v.get(DB, T, 'fresh'), 404, kind === 'tablesdb' ? 'row_not_found' : 'document_not_found');
        assert.equal((await v.get(DB, T, 'a')).qty, 2);

        // Bad structure (unknown attribute): document_invalid_structure, in both vocabularies.
        const bad = await v.s.createTransaction();
        await v.create(DB, T, 'ok', { name: 'ok' }, bad.$id);
        await v.create(DB, T, 'broken', { name: 'broken', nope: 1 }, bad.$id);
        await rejectsWith(v.s.updateTransaction({ transactionId: bad.$id, commit: true }), 400, 'document_invalid_structure');
        await rejectsWith(v.get(DB, T, 'ok'), 404, kind === 'tablesdb' ? 'row_not_found' : 'document_not_found');

        // Out of the column's bounds at commit: attribute_limit_exceeded.
        const over = await v.s.createTransaction();
        await v.s.createOperations({
            transactionId: over.$id,
            operations: [op(v, 'increment', DB, T, 'a', { [kind === 'tablesdb' ? 'column' : 'attribute']: 'qty', value: 5, max: 4 })],
        });
        await rejectsWith(v.s.updateTransaction({ transactionId: over.$id, commit: true }), 400, 'attribute_limit_exceeded');
        assert.equal((await v.get(DB, T, 'a')).qty, 2);

        // Changed by someone else after staging: transaction_conflict.
        const race = await v.s.createTransaction();
        await v.update(DB, T, 'b', { qty: 7 }, race.$id);
        await new Promise((r) => setTimeout(r, 5));
        await v.update(DB, T, 'b', { qty: 9 });
        await rejectsWith(v.s.updateTransaction({ transactionId: race.$id, commit: true }), 409, 'transaction_conflict');
        assert.equal((await v.get(DB, T, 'b')).qty, 9);
    });

    test(`${kind}: limits, expiry and bad input`, async () => {
        const tx = await v.s.createTransaction();
        const hundred = Array.from({ length: 100 }, (_, i) => op(v, 'create', DB, T, `n${i}`, { name: `n${i}` }));
        await v.s.createOperations({ transactionId: tx.$id, operations: hundred });
        const res = await server.api('POST', `/${v.root}/transactions/${tx.$id}/operations`, {
            body: { operations: [op(v, 'create', DB, T, 'n100', { name: 'n100' })] },
        });
        assertError(res, 400, 'transaction_limit_exceeded');
        assert.equal(res.body.message, 'Transaction already has 100 operations, adding 1 would exceed the maximum of 100');
        await rejectsWith(v.create(DB, T, 'n101', { name: 'x' }, tx.$id), 400, 'transaction_limit_exceeded');
        await v.s.deleteTransaction({ transactionId: tx.$id });

        const old = await v.s.createTransaction({ ttl: 60 });
        await v.create(DB, T, 'late', { name: 'late' }, old.$id);
        expireInStore(old.$id);
        await rejectsWith(v.create(DB, T, 'later', { name: 'x' }, old.$id), 410, 'transaction_expired');
        await rejectsWith(v.s.updateTransaction({ transactionId: old.$id, commit: true }), 410, 'transaction_expired');
        await rejectsWith(v.get(DB, T, 'late'), 404, kind === 'tablesdb' ? 'row_not_found' : 'document_not_found');

        const live = await v.s.createTransaction();
        const call = (body) => server.api('PATCH', `/${v.root}/transactions/${live.$id}`, { body });
        let r = await call({});
        assertError(r, 400, 'general_bad_request');
        assert.equal(r.body.message, 'Either commit or rollback must be true');
        r = await call({ commit: true, rollback: true });
        assertError(r, 400, 'general_bad_request');
        assert.equal(r.body.message, 'Cannot commit and rollback at the same time');

        const ops = (operations) => server.api('POST', `/${v.root}/transactions/${live.$id}/operations`, { body: { operations } });
        r = await ops([]);
        assertError(r, 400, 'general_bad_request');
        assert.equal(r.body.message, 'Operations array cannot be empty');
        const invalid = [
            [{ action: 'create', [v.group]: T }, 'Missing required key: databaseId'],
            [{ databaseId: '', action: 'create', [v.group]: T }, "Key 'databaseId' must be a non\u2011empty string"],
            [{ databaseId: DB, action: 'merge', [v.group]: T }, "Key 'action' must be one of: create, update, upsert, delete, increment, decrement, bulkCreate, bulkUpdate, bulkUpsert, bulkDelete"],
            [{ databaseId: DB, action: 'update', [v.group]: T, data: {} }, `Key '${v.one}' is required for action 'update'`],
            [{ databaseId: DB, action: 'create', [v.group]: T, [v.one]: 'x' }, 'Missing required key: data'],
            [{ databaseId: DB, action: 'bulkDelete', [v.group]: T, data: {} }, "Key 'queries' is required in data for bulkDelete"],
        ];
        for (const [operation, message] of invalid) {
            r = await ops([operation]);
            assertError(r, 400, 'general_argument_invalid');
            assert.equal(r.body.message, `Invalid \`operations\` param: Value must a valid array and ${message}`);
        }
        r = await ops([op(v, 'update', DB, T, 'nobody', { name: 'x' })]);
        assertError(r, 404, 'document_not_found');
        r = await ops([op(v, 'create', DB, 'nothere', 'x', { name: 'x' })]);
        assertError(r, 404, 'collection_not_found');
        assert.equal((await v.s.getTransaction({ transactionId: live.$id })).operations, 0);
        r = await server.api('POST', `/${v.root}/${DB}/${v.kind === 'tablesdb' ? 'tables' : 'collections'}/${T}/${v.many}`,
            { body: { [v.one]: 'x', data: { name: 'x' }, transactionId: 'missing' } });
        assertError(r, 404, 'transaction_not_found');
    });

    test(`${kind}: another node commits what this one staged`, async () => {
        const node = await server.startNode();
        try {
            const other = vocabulary(kind, new sdk.Client().setEndpoint(node.endpoint).setProject(server.projectId).setKey(server.apiKey));
            const tx = await v.s.createTransaction();
            await v.create(DB, T, 'across', { name: 'across' }, tx.$id);
            assert.equal((await other.s.updateTransaction({ transactionId: tx.$id, commit: true })).status, 'committed');
            assert.equal((await v.get(DB, T, 'across')).name, 'across');
        } finally {
            await node.stop();
        }
    });

    test(`${kind}: concurrent commits apply once; expired transactions are cleaned up`, async () => {
        const tx = await v.s.createTransaction();
        await v.s.createOperations({ transactionId: tx.$id, operations: [op(v, 'increment', DB, T, 'old', { [kind === 'tablesdb' ? 'column' : 'attribute']: 'qty', value: 1 })] });
        const before = (await v.get(DB, T, 'old')).qty;
        const results = await Promise.allSettled(Array.from({ length: 4 }, () => v.s.updateTransaction({ transactionId: tx.$id, commit: true })));
        assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
        for (const r of results.filter((x) => x.status === 'rejected')) assert.equal(r.reason.type, 'transaction_not_ready');
        assert.equal((await v.get(DB, T, 'old')).qty, before + 1);

        // Concurrent staging loses nothing.
        const many = await v.s.createTransaction();
        await Promise.all(Array.from({ length: 8 }, (_, i) => v.create(DB, T, `p${i}`, { name: `p${i}` }, many.$id)));
        assert.equal((await v.s.getTransaction({ transactionId: many.$id })).operations, 8);
        await v.s.updateTransaction({ transactionId: many.$id, commit: true });
        for (let i = 0; i < 8; i++) assert.equal((await v.get(DB, T, `p${i}`)).name, `p${i}`);

        const stale = await v.s.createTransaction({ ttl: 60 });
        expireInStore(stale.$id);
        await v.s.createTransaction(); // creating one removes the expired ones
        await rejectsWith(v.s.getTransaction({ transactionId: stale.$id }), 404, 'transaction_not_found');
    });

    test(`${kind}: a user sees and stages only through its own transactions`, async () => {
        const users = new sdk.Users(server.client());
        const session = async (id) => {
            await users.create({ userId: id, email: `${id}@example.com`, password: 'password-1234' });
            const { jwt } = await users.createJWT({ userId: id });
            return vocabulary(kind, new sdk.Client().setEndpoint(server.endpoint).setProject(server.projectId).setJWT(jwt));
        };
        const ann = await session(`ann-${kind}`);
        const bob = await session(`bob-${kind}`);
        const mine = await ann.s.createTransaction();
        assert.equal((await ann.s.getTransaction({ transactionId: mine.$id })).$id, mine.$id);
        await rejectsWith(bob.s.getTransaction({ transactionId: mine.$id }), 404, 'transaction_not_found');
        await rejectsWith(bob.s.updateTransaction({ transactionId: mine.$id, commit: true }), 404, 'transaction_not_found');
        const listed = await bob.s.listTransactions();
        assert.ok(!listed.transactions.some((t) => t.$id === mine.$id));
        await rejectsWith(ann.s.createOperations({ transactionId: mine.$id, operations: [op(v, 'bulkCreate', DB, T, undefined, [{ name: 'x' }])] }), 401, 'user_unauthorized');
        // The table grants users nothing: staging a create is refused, as a direct create would be.
        await rejectsWith(ann.s.createOperations({ transactionId: mine.$id, operations: [op(v, 'create', DB, T, 'u1', { name: 'u1' })] }), 401, 'user_unauthorized');
        await rejectsWith(ann.create(DB, T, 'u2', { name: 'u2' }, mine.$id), 401, 'user_unauthorized');
        assert.equal((await ann.s.getTransaction({ transactionId: mine.$id })).operations, 0);
    });
}
