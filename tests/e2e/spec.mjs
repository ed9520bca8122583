// Checks response bodies against the response models of Appwrite's server
// OpenAPI spec (../shared/appwrite-api/open-api3-latest-server.json beside the
// repository; BASALT_APPWRITE_SPEC overrides the path).
//
// assertModel(value, 'key') checks that value has exactly the model's fields in
// the spec's order, each with the spec's JSON type (recursing into arrays and
// nested models), enum values, and ISO-8601 date-times where the spec says so.
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './harness.mjs';

function specPath() {
    const candidates = [
        process.env.BASALT_APPWRITE_SPEC,
        path.join(repoRoot, '..', 'shared', 'appwrite-api', 'open-api3-latest-server.json'),
        path.join(repoRoot, 'shared', 'appwrite-api', 'open-api3-latest-server.json'),
    ].filter(Boolean);
    const found = candidates.find((p) => existsSync(p));
    if (!found) throw new Error(`Appwrite server spec not found; tried ${candidates.join(', ')}`);
    return found;
}

export const spec = JSON.parse(readFileSync(specPath(), 'utf8'));
const schemas = spec.components.schemas;

// Appwrite's date-time format: 2020-10-15T06:38:00.000+00:00
export const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/;

/**
 * The field names of a model in spec order. A few 1.9.3 models list a field in
 * `required` that is missing from `properties` (platformWeb: `key`); the
 * server (1.9.6 source) emits those after the listed properties.
 */
export function modelFields(name) {
    const schema = schemas[name];
    assert.ok(schema, `model ${name} is not in the spec`);
    const fields = Object.keys(schema.properties ?? {});
    for (const r of schema.required ?? []) if (!fields.includes(r)) fields.push(r);
    return fields;
}

function refName(ref) {
    return ref.replace('#/components/schemas/', '');
}

function isDateTime(prop) {
    // attributeDatetime.format is described as "ISO 8601 format." but holds the word "datetime".
    const example = prop['x-example'];
    if (typeof example === 'string' && example !== '' && !/\d/.test(example)) return false;
    return /ISO 8601/i.test(prop.description ?? '') || prop.format === 'datetime';
}

function checkValue(value, prop, where) {
    if (value === null) {
        assert.ok(prop.nullable || prop['x-nullable'], `${where} is null but the spec does not allow null`);
        return;
    }
    if (prop.$ref) {
        assertModel(value, refName(prop.$ref), where);
        return;
    }
    let alternatives = prop.anyOf ?? prop.oneOf;
    if (alternatives) {
        const disc = prop.discriminator;
        if (disc && value && typeof value === 'object' && disc.mapping?.[value[disc.propertyName]]) {
            // The mapping is by `type` alone, but attribute models share type "string" and differ
            // by `format` (email, enum, ip, url): then any alternative of that type may match.
            const mapped = refName(disc.mapping[value[disc.propertyName]]);
            const sameType = alternatives.filter((alt) => alt.$ref && refName(alt.$ref) !== mapped &&
                schemas[refName(alt.$ref)]?.properties?.format && 'format' in value);
            if (sameType.length === 0 || !('format' in value)) {
                assertModel(value, mapped, where);
                return;
            }
            alternatives = sameType;
        }
        const errors = [];
        for (const alt of alternatives) {
            try {
                checkValue(value, alt, where);
                return;
            } catch (err) {
                errors.push(err.message);
            }
        }
        assert.fail(`${where} matches none of the alternatives: ${errors.join(' | ')}`);
    }
    switch (prop.type) {
        case 'string':
            assert.equal(typeof value, 'string', `${where} should be a string, got ${JSON.stringify(value)}`);
            if (prop.enum && !(value === '' && !prop.required)) {
                assert.ok(prop.enum.includes(value), `${where}=${JSON.stringify(value)} not in ${prop.enum}`);
            }
            if (isDateTime(prop) && value !== '') {
                assert.match(value, ISO_DATETIME, `${where} should be an ISO-8601 date-time`);
            }
            break;
        case 'integer':
            assert.ok(Number.isInteger(value), `${where} should be an integer, got ${JSON.stringify(value)}`);
            break;
        case 'number':
            assert.equal(typeof value, 'number', `${where} should be a number, got ${JSON.stringify(value)}`);
            break;
        case 'boolean':
            assert.equal(typeof value, 'boolean', `${where} should be a boolean, got ${JSON.stringify(value)}`);
            break;
        case 'array':
            assert.ok(Array.isArray(value), `${where} should be an array, got ${JSON.stringify(value)}`);
            value.forEach((item, i) => checkValue(item, prop.items ?? {}, `${where}[${i}]`));
            break;
        case 'object':
            assert.ok(value && typeof value === 'object' && !Array.isArray(value), `${where} should be an object`);
            break;
        default:
            // untyped in the spec: anything goes
            break;
    }
}

// Array fields whose items Appwrite 1.9.6 sends as null where the 1.9.3 spec types them as
// non-null: index lengths are padded with null, one per attribute.
const NULLABLE_ITEMS = new Set(['index.lengths', 'columnIndex.lengths']);

/**
 * Asserts that value is exactly an instance of the spec model `name`. `omit` names optional
 * fields the server leaves out in this case (e.g. the password hash of `user` outside the
 * Users API); naming a required field fails.
 */
export function assertModel(value, name, where = name, { omit = [] } = {}) {
    assert.ok(value && typeof value === 'object' && !Array.isArray(value), `${where} should be an object`);
    const schema = schemas[name];
    assert.ok(schema, `model ${name} is not in the spec`);
    for (const field of omit) {
        assert.ok(!(schema.required ?? []).includes(field), `${name}.${field} is required and cannot be omitted`);
    }
    const fields = modelFields(name).filter((field) => !omit.includes(field));
    assert.deepEqual(Object.keys(value), fields, `${where}: fields (in order) differ from the spec model ${name}`);
    for (const field of fields) {
        let prop = schema.properties?.[field] ?? { type: 'string' };
        if (NULLABLE_ITEMS.has(`${name}.${field}`)) prop = { ...prop, items: { ...prop.items, nullable: true } };
        checkValue(value[field], prop, `${where}.${field}`);
    }
}

/** The spec's operation for METHOD path (path without /v1). */
export function operation(method, apiPath) {
    const op = spec.paths[apiPath]?.[method.toLowerCase()];
    assert.ok(op, `${method} ${apiPath} is not in the spec`);
    return op;
}

/** The model name of an operation's success response. */
export function responseModel(method, apiPath) {
    const op = operation(method, apiPath);
    for (const [code, res] of Object.entries(op.responses ?? {})) {
        if (!code.startsWith('2')) continue;
        const schema = res.content?.['application/json']?.schema;
        if (schema?.$ref) return { status: Number(code), model: refName(schema.$ref) };
        return { status: Number(code), model: null };
    }
    assert.fail(`${method} ${apiPath}: no 2xx response in the spec`);
}

/** Asserts Appwrite's error body {message, code, type, version} with the given status and type. */
export function assertError(res, status, type) {
    const detail = `${res.status} ${res.text?.slice(0, 300)}`;
    assert.equal(res.status, status, `status: ${detail}`);
    assert.ok(res.body && typeof res.body === 'object', `error body should be JSON: ${detail}`);
    assert.deepEqual(Object.keys(res.body), ['message', 'code', 'type', 'version'], `error fields: ${detail}`);
    assert.equal(typeof res.body.message, 'string');
    assert.equal(res.body.code, status, `body.code should be the integer status: ${detail}`);
    assert.equal(res.body.type, type, `error type: ${detail}`);
    assert.equal(typeof res.body.version, 'string');
}

/** node-appwrite parses JSON into null-prototype objects; this makes them comparable with literals. */
export function plain(value) {
    return JSON.parse(JSON.stringify(value));
}

/**
 * Awaits an SDK call that must fail with Appwrite's error `type` and HTTP `code`, thrown as the
 * SDK's AppwriteException (node-appwrite or appwrite).
 */
export async function rejectsWith(promise, code, type) {
    await assert.rejects(promise, (err) => {
        assert.equal(err?.constructor?.name, 'AppwriteException', `expected an AppwriteException, got ${err}`);
        assert.equal(err.code, code, `code (${err.type}: ${err.message})`);
        assert.equal(err.type, type, `type (${err.message})`);
        return true;
    });
}
