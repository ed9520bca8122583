// Relationships in both vocabularies (Databases with node-appwrite's Databases service, TablesDB
// with TablesDB), pinned against Appwrite 1.9.6 as /work/notes/databases-contract.md §5 reads it
// ([A] M/Databases/Collections/Attributes/Relationship/*, Documents/*; [U] Database.php;
// [T] DatabasesBase.php):
// - POST .../attributes|columns/relationship answers 202 with attributeRelationship /
//   columnRelationship (relatedCollection vs relatedTable), key defaulting to the related id and
//   twoWayKey to this id, onDelete restrict; a two-way relationship adds the `child` side to the
//   related collection, a one-way one does not show there.
// - PATCH .../attributes/relationship/{key} and .../columns/{key}/relationship change onDelete
//   and rename the key (the twin's twoWayKey follows); deleting either side removes both.
// - Writes take ids, nested objects (created or updated) and null; both sides stay consistent;
//   create/update responses load related documents (with their own $collectionId|$tableId,
//   $databaseId, $sequence); get/list load them only for select(["*", "rel.*"]), otherwise a
//   side holding the id returns it raw and a virtual side is absent.
// - Filters on a related attribute (`rel.field`); a filter on a virtual side is refused.
// - onDelete: restrict -> 403 document_delete_restricted | row_delete_restricted, cascade deletes
//   the dependent documents, setNull unlinks.
// - Bad input (unknown related collection, type, onDelete, duplicate twoWayKey, a second
//   manyToMany between two collections, a nested document that does not fit) writes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as sdk from 'node-appwrite';
import { startServer } from './harness.mjs';
import { assertModel, modelFields, plain, rejectsWith } from './spec.mjs';

const { Query } = sdk;
let server;

before(async () => {
    server = await startServer();
});

after(async () => {
    if (server) await server.stop();
});

// One vocabulary's calls, with the same shape for both.
function vocabulary(tables) {
    const s = tables ? new sdk.TablesDB(server.client()) : new sdk.Databases(server.client());
    const c = tables ? 'tableId' : 'collectionId';
    const d = tables ? 'rowId' : 'documentId';
    return {
        tables,
        attributeModel: tables ? 'columnRelationship' : 'attributeRelationship',
        documentModel: tables ? 'row' : 'document',
        meta: tables ? '$tableId' : '$collectionId',
        related: tables ? 'relatedTable' : 'relatedCollection',
        notFound: tables ? 'table_not_found' : 'collection_not_found',
        exists: tables ? 'column_already_exists' : 'attribute_already_exists',
        restricted: tables ? 'row_delete_restricted' : 'document_delete_restricted',
        createDatabase: (databaseId) => s.create({ databaseId, name: databaseId }),
        createCollection: (databaseId, id) =>
            tables
                ? s.createTable({ databaseId, tableId: id, name: id, permissions: [] })
                : s.createCollection({ databaseId, collectionId: id, name: id, permissions: [] }),
        createString: (databaseId, id, key) =>
            tables
                ? s.createVarcharColumn({ databaseId, tableId: id, key, size: 64, required: false })
                : s.createStringAttribute({ databaseId, collectionId: id, key, size: 64, required: false }),
        createRelationship: (databaseId, id, related, o) =>
            tables
                ? s.createRelationshipColumn({ databaseId, tableId: id, relatedTableId: related, ...o })
                : s.createRelationshipAttribute({ databaseId, collectionId: id, relatedCollectionId: related, ...o }),
        updateRelationship: (databaseId, id, key, o) =>
            tables
                ? s.updateRelationshipColumn({ databaseId, tableId: id, key, ...o })
                : s.updateRelationshipAttribute({ databaseId, collectionId: id, key, ...o }),
        listAttributes: async (databaseId, id) =>
            tables
                ? (await s.listColumns({ databaseId, tableId: id })).columns
                : (await s.listAttributes({ databaseId, collectionId: id })).attributes,
        deleteCollection: (databaseId, id) =>
            tables ? s.deleteTable({ databaseId, tableId: id }) : s.deleteCollection({ databaseId, collectionId: id }),
        deleteAttribute: (databaseId, id, key) =>
            tables ? s.deleteColumn({ databaseId, tableId: id, key }) : s.deleteAttribute({ databaseId, collectionId: id, key }),
        create: (databaseId, id, docId, data) =>
            tables ? s.createRow({ databaseId, tableId: id, rowId: docId, data }) : s.createDocument({ databaseId, collectionId: id, documentId: docId, data }),
        get: (databaseId, id, docId, queries) =>
            tables ? s.getRow({ databaseId, tableId: id, rowId: docId, queries }) : s.getDocument({ databaseId, collectionId: id, documentId: docId, queries }),
        list: async (databaseId, id, queries) =>
            tables ? (await s.listRows({ databaseId, tableId: id, queries })).rows : (await s.listDocuments({ databaseId, collectionId: id, queries })).documents,
        update: (databaseId, id, docId, data) =>
            tables ? s.updateRow({ databaseId, tableId: id, rowId: docId, data }) : s.updateDocument({ databaseId, collectionId: id, documentId: docId, data }),
        remove: (databaseId, id, docId) =>
            tables ? s.deleteRow({ databaseId, tableId: id, rowId: docId }) : s.deleteDocument({ databaseId, collectionId: id, documentId: docId }),
        [c]: c,
        [d]: d,
    };
}

async function setup(v, db, collections) {
    await v.createDatabase(db);
    for (const [id, field] of collections) {
        await v.createCollection(db, id);
        await v.createString(db, id, field);
    }
}

// A document/row: the model's meta fields in order, then its attributes.
function assertDocument(value, name) {
    const meta = modelFields(name);
    assert.deepEqual(Object.keys(value).slice(0, meta.length), meta, `${name}: meta fields in order`);
}

const keysOf = async (v, db, id) => (await v.listAttributes(db, id)).map((a) => a.key).sort();
const ids = (items) => items.map((x) => x.$id).sort();

for (const tables of [false, true]) {
    const name = tables ? 'TablesDB' : 'Databases';

    test(`${name}: oneToOne two-way — model, nested create, raw ids, select loading, relinking`, async () => {
        const v = vocabulary(tables);
        const db = `o2o${tables ? 't' : 'd'}`;
        await setup(v, db, [['person', 'name'], ['library', 'libraryName']]);
        const attr = await v.createRelationship(db, 'person', 'library', { type: 'oneToOne', twoWay: true });
        assertModel(plain(attr), v.attributeModel);
        assert.deepEqual(
            { key: attr.key, type: attr.type, related: attr[v.related], relationType: attr.relationType, twoWay: attr.twoWay,
              twoWayKey: attr.twoWayKey, onDelete: attr.onDelete, side: attr.side, required: attr.required },
            { key: 'library', type: 'relationship', related: 'library', relationType: 'oneToOne', twoWay: true,
              twoWayKey: 'person', onDelete: 'restrict', side: 'parent', required: false });
        const child = (await v.listAttributes(db, 'library')).find((a) => a.key === 'person');
        assertModel(plain(child), v.attributeModel);
        assert.equal(child.side, 'child');
        assert.equal(child[v.related], 'person');
        assert.equal(child.twoWayKey, 'library');

        const created = await v.create(db, 'person', 'p1', { name: 'Ann', library: { $id: 'l1', libraryName: 'Central' } });
        assertDocument(plain(created), v.documentModel);
        assertDocument(plain(created.library), v.documentModel);
        assert.equal(created.library.libraryName, 'Central');
        assert.equal(created.library.$id, 'l1');
        assert.equal(created.library[v.meta], 'library');
        assert.equal(created.library.$databaseId, db);
        assert.equal(typeof created.library.$sequence, 'string');
        assert.equal(created.library.person, undefined, 'no way back to the parent in a nested document');

        assert.equal((await v.get(db, 'person', 'p1')).library, 'l1', 'unselected: the raw id');
        assert.equal((await v.get(db, 'library', 'l1')).person, 'p1', 'the two-way child holds the id too');
        assert.equal((await v.get(db, 'person', 'p1', [Query.select(['name'])])).library, undefined);
        const loaded = await v.get(db, 'person', 'p1', [Query.select(['*', 'library.*'])]);
        assert.equal(loaded.library.libraryName, 'Central');
        const some = await v.get(db, 'person', 'p1', [Query.select(['name', 'library.libraryName'])]);
        assert.deepEqual(Object.keys(some.library).filter((k) => !k.startsWith('$')), ['libraryName']);

        // Linking l2 (by id) to p1 releases l1; linking l2 to p2 releases p1.
        await v.create(db, 'library', 'l2', { libraryName: 'East' });
        const relinked = await v.update(db, 'person', 'p1', { library: 'l2' });
        assert.equal(relinked.library.$id, 'l2');
        assert.equal((await v.get(db, 'library', 'l1')).person, null);
        await v.create(db, 'person', 'p2', { name: 'Bob', library: 'l2' });
        assert.equal((await v.get(db, 'person', 'p1')).library, null);
        assert.equal((await v.get(db, 'library', 'l2')).person, 'p2');
        // From the child side.
        await v.update(db, 'library', 'l1', { person: 'p1' });
        assert.equal((await v.get(db, 'person', 'p1')).library, 'l1');

        // Filter on a related attribute.
        const found = await v.list(db, 'person', [Query.equal('library.libraryName', ['East'])]);
        assert.deepEqual(ids(found), ['p2']);
        assert.deepEqual(ids(await v.list(db, 'person', [Query.equal('library', ['l1'])])), ['p1']);
    });

    test(`${name}: oneToMany and manyToOne, one-way and two-way`, async () => {
        const v = vocabulary(tables);
        const db = `o2m${tables ? 't' : 'd'}`;
        await setup(v, db, [['author', 'name'], ['book', 'title'], ['shelf', 'label']]);
        await v.createRelationship(db, 'author', 'book', { type: 'oneToMany', twoWay: true, key: 'books', twoWayKey: 'author' });
        const made = await v.create(db, 'author', 'a1', { name: 'Ann', books: [{ $id: 'b1', title: 'One' }, { $id: 'b2', title: 'Two' }] });
        assert.deepEqual(ids(made.books), ['b1', 'b2']);
        assert.equal((await v.get(db, 'book', 'b1')).author, 'a1');
        assert.equal((await v.get(db, 'author', 'a1')).books, undefined, 'a virtual side is absent unselected');
        assert.deepEqual(ids((await v.get(db, 'author', 'a1', [Query.select(['*', 'books.*'])])).books), ['b1', 'b2']);
        const listed = await v.list(db, 'book', [Query.select(['*', 'author.*'])]);
        assert.deepEqual(listed.map((b) => b.author.$id), ['a1', 'a1']);
        await assert.rejects(v.list(db, 'author', [Query.equal('books', ['b1'])]),
            (e) => e.code === 400 && /Cannot query on virtual relationship attribute/.test(e.message));
        assert.deepEqual(ids(await v.list(db, 'author', [Query.equal('books.title', ['Two'])])), ['a1']);

        // Two-way update from either side.
        await v.update(db, 'author', 'a1', { books: ['b2'] });
        assert.equal((await v.get(db, 'book', 'b1')).author, null);
        await v.create(db, 'author', 'a2', { name: 'Bob' });
        await v.update(db, 'book', 'b1', { author: 'a2' });
        assert.deepEqual(ids((await v.get(db, 'author', 'a2', [Query.select(['*', 'books.*'])])).books), ['b1']);

        // manyToOne one-way: only the parent shows it.
        await v.createRelationship(db, 'book', 'shelf', { type: 'manyToOne', key: 'shelf' });
        assert.deepEqual(await keysOf(v, db, 'shelf'), ['label']);
        await v.update(db, 'book', 'b1', { shelf: { $id: 's1', label: 'Top' } });
        await v.update(db, 'book', 'b2', { shelf: 's1' });
        assert.equal((await v.get(db, 'book', 'b2')).shelf, 's1');
        const shelf = await v.get(db, 'shelf', 's1', [Query.select(['*'])]);
        assert.equal(shelf.book, undefined);
        // Deleting the shelf (restrict by default) is refused while books point at it.
        await rejectsWith(v.remove(db, 'shelf', 's1'), 403, v.restricted);
        assert.equal((await v.get(db, 'shelf', 's1')).$id, 's1');

        // oneToMany one-way: the hidden column never shows on the child.
        await v.createRelationship(db, 'shelf', 'author', { type: 'oneToMany', key: 'authors' });
        await v.update(db, 'shelf', 's1', { authors: ['a1'] });
        assert.deepEqual(ids((await v.get(db, 'shelf', 's1', [Query.select(['*', 'authors.*'])])).authors), ['a1']);
        assert.equal('shelf' in (await v.get(db, 'author', 'a1')), false);
        assert.deepEqual(await keysOf(v, db, 'author'), ['books', 'name']);
    });

    test(`${name}: manyToMany two-way, nested create, updates from both sides`, async () => {
        const v = vocabulary(tables);
        const db = `m2m${tables ? 't' : 'd'}`;
        await setup(v, db, [['student', 'name'], ['course', 'title']]);
        await v.createRelationship(db, 'student', 'course', { type: 'manyToMany', twoWay: true, key: 'courses', twoWayKey: 'students' });
        const s1 = await v.create(db, 'student', 's1', { name: 'Ann', courses: [{ $id: 'c1', title: 'Math' }, { $id: 'c2', title: 'Art' }] });
        assert.deepEqual(ids(s1.courses), ['c1', 'c2']);
        await v.create(db, 'student', 's2', { name: 'Bob', courses: ['c1'] });
        const c1 = await v.get(db, 'course', 'c1', [Query.select(['*', 'students.*'])]);
        assert.deepEqual(ids(c1.students), ['s1', 's2']);
        await v.update(db, 'course', 'c1', { students: ['s2'] });
        assert.deepEqual(ids((await v.get(db, 'student', 's1', [Query.select(['*', 'courses.*'])])).courses), ['c2']);
        assert.equal((await v.get(db, 'student', 's1')).courses, undefined);
        // A second manyToMany between the same two is refused.
        await rejectsWith(v.createRelationship(db, 'course', 'student', { type: 'manyToMany', key: 'again', twoWayKey: 'againBack' }), 409, v.exists);
        // Deleting the attribute removes both sides and their links.
        await v.deleteAttribute(db, 'course', 'students');
        assert.deepEqual(await keysOf(v, db, 'student'), ['name']);
        assert.deepEqual(await keysOf(v, db, 'course'), ['title']);
        assert.equal('courses' in (await v.get(db, 'student', 's1', [Query.select(['*'])])), false);

        // Deleting a collection removes the relationships that point at it.
        await v.createRelationship(db, 'student', 'course', { type: 'oneToOne', twoWay: true, key: 'major', twoWayKey: 'majors' });
        await v.createRelationship(db, 'course', 'student', { type: 'manyToOne', key: 'best', twoWayKey: 'bestIn' });
        await v.update(db, 'student', 's1', { major: 'c2' });
        await v.deleteCollection(db, 'course');
        assert.deepEqual(await keysOf(v, db, 'student'), ['name']);
        assert.equal('major' in (await v.get(db, 'student', 's1')), false);
        await v.remove(db, 'student', 's1');
    });

    test(`${name}: write responses load relations three levels deep, never back the same way`, async () => {
        const v = vocabulary(tables);
        const db = `deep${tables ? 't' : 'd'}`;
        await setup(v, db, [['l0', 'name'], ['l1', 'name'], ['l2', 'name'], ['l3', 'name'], ['l4', 'name']]);
        for (const [from, to] of [['l0', 'l1'], ['l1', 'l2'], ['l2', 'l3'], ['l3', 'l4']]) {
            await v.createRelationship(db, from, to, { type: 'manyToOne', twoWay: true, key: 'next', twoWayKey: 'previous' });
        }
        const made = await v.create(db, 'l0', 'x0', {
            name: '0', next: { $id: 'x1', name: '1', next: { $id: 'x2', name: '2', next: { $id: 'x3', name: '3', next: { $id: 'x4', name: '4' } } } },
        });
        assert.equal(made.next.next.next.$id, 'x3');
        assert.equal(made.next.next.next.next, undefined, 'depth 3 at most');
        assert.equal(made.next.previous, undefined, 'not back along the same relationship');
        assert.equal((await v.get(db, 'l3', 'x3')).next, 'x4');
        const selected = await v.get(db, 'l0', 'x0', [Query.select(['name', 'next.name', 'next.next.*'])]);
        assert.equal(selected.next.name, '1');
        assert.equal(selected.next.next.$id, 'x2');
        assert.equal(selected.next.next.next, undefined, 'relations below what was selected are not returned');
    });

    test(`${name}: onDelete cascade, restrict, setNull; update onDelete and key`, async () => {
        const v = vocabulary(tables);
        const db = `del${tables ? 't' : 'd'}`;
        await setup(v, db, [['album', 'name'], ['track', 'title'], ['label', 'name'], ['fan', 'name']]);
        await v.createRelationship(db, 'album', 'track', { type: 'oneToMany', twoWay: true, key: 'tracks', twoWayKey: 'album', onDelete: 'cascade' });
        await v.createRelationship(db, 'label', 'album', { type: 'oneToMany', twoWay: true, key: 'albums', twoWayKey: 'label', onDelete: 'setNull' });
        await v.createRelationship(db, 'fan', 'album', { type: 'manyToOne', twoWay: true, key: 'favourite', twoWayKey: 'fans' });
        await v.create(db, 'album', 'al1', { name: 'First', tracks: [{ $id: 't1', title: 'a' }, { $id: 't2', title: 'b' }] });
        await v.create(db, 'label', 'lb1', { name: 'Indie', albums: ['al1'] });
        await v.create(db, 'fan', 'f1', { name: 'Eve', favourite: 'al1' });

        // restrict: the album is some fan's favourite (manyToOne, the album is the "one").
        await rejectsWith(v.remove(db, 'album', 'al1'), 403, v.restricted);
        assert.equal((await v.list(db, 'track', [])).length, 2, 'nothing deleted');
        // setNull on the label: the album stays, unlinked.
        await v.remove(db, 'label', 'lb1');
        assert.equal((await v.get(db, 'album', 'al1')).label, null);
        // Changing onDelete and the key; the twin follows. The column is renamed in place: the
        // fan document is not rewritten.
        const before = await v.get(db, 'fan', 'f1');
        const changed = await v.updateRelationship(db, 'fan', 'favourite', { onDelete: 'setNull', newKey: 'fav' });
        assertModel(plain(changed), v.attributeModel);
        assert.equal(changed.key, 'fav');
        assert.equal(changed.onDelete, 'setNull');
        const twin = (await v.listAttributes(db, 'album')).find((a) => a.key === 'fans');
        assert.equal(twin.twoWayKey, 'fav');
        assert.equal(twin.onDelete, 'setNull');
        const after = await v.get(db, 'fan', 'f1');
        assert.equal(after.fav, 'al1');
        assert.equal(after.$updatedAt, before.$updatedAt);
        // cascade: the album's tracks go with it; the fan is unlinked.
        await v.remove(db, 'album', 'al1');
        assert.equal((await v.list(db, 'track', [])).length, 0);
        assert.equal((await v.get(db, 'fan', 'f1')).fav, null);
    });

    test(`${name}: bad input is refused and leaves nothing behind`, async () => {
        const v = vocabulary(tables);
        const db = `bad${tables ? 't' : 'd'}`;
        await setup(v, db, [['a', 'name'], ['b', 'name']]);
        await rejectsWith(v.createRelationship(db, 'a', 'nope', { type: 'oneToOne' }), 404, v.notFound);
        await rejectsWith(v.createRelationship(db, 'a', 'b', { type: 'oneToAll' }), 400, 'general_argument_invalid');
        await rejectsWith(v.createRelationship(db, 'a', 'b', { type: 'oneToOne', onDelete: 'explode' }), 400, 'general_argument_invalid');
        await rejectsWith(v.createRelationship(db, 'a', 'b', { type: 'oneToOne', key: '_bad' }), 400, 'general_argument_invalid');
        await v.createRelationship(db, 'a', 'b', { type: 'oneToOne', key: 'b1', twoWayKey: 'back' });
        await rejectsWith(v.createRelationship(db, 'a', 'b', { type: 'manyToOne', key: 'b2', twoWayKey: 'back' }), 409, v.exists);
        await rejectsWith(v.createRelationship(db, 'a', 'b', { type: 'manyToOne', key: 'b1' }), 409, v.exists);
        await rejectsWith(v.createRelationship(db, 'a', 'b', { type: 'oneToMany', key: 'x', twoWayKey: 'name' }), 409, v.exists);
        assert.deepEqual(await keysOf(v, db, 'a'), ['b1', 'name']);
        assert.deepEqual(await keysOf(v, db, 'b'), ['name']);
        await rejectsWith(v.updateRelationship(db, 'a', 'name', { onDelete: 'cascade' }), 400, tables ? 'column_type_invalid' : 'attribute_type_invalid');

        // A nested document that does not fit: neither it nor the parent is written.
        await rejectsWith(v.create(db, 'a', 'a1', { name: 'x', b1: { $id: 'n1', name: 'ok', unknown: 1 } }), 400,
            tables ? 'row_invalid_structure' : 'document_invalid_structure');
        await rejectsWith(v.create(db, 'a', 'a1', { name: 'x', b1: 'missing' }), 404, tables ? 'row_not_found' : 'document_not_found');
        await rejectsWith(v.create(db, 'a', 'a1', { name: 'x', b1: ['n1'] }), 400, 'relationship_value_invalid');
        assert.equal((await v.list(db, 'a', [])).length, 0);
        assert.equal((await v.list(db, 'b', [])).length, 0);
    });
}
