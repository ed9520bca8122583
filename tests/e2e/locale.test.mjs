// Locale service through node-appwrite's Locale class.
//
// Appwrite 1.9.6 behaviour (app/controllers/api/locale.php, app/config/locale/*,
// src/Appwrite/Locale/GeoRecord.php at tag cl-1.9.6-1):
// - Scope locale.read: guests have it (no key needed); an API key has it only
//   if granted (keys' implicit scopes are global, health.read, graphql).
// - Language: `locale` query param, else X-Appwrite-Locale header (the SDK's
//   setLocale); unknown codes silently fall back to English.
// - countries, countries/eu, continents: sorted by the localised name with a
//   byte-wise comparison (PHP strcmp). countries/phones: sorted by dialling
//   code (numeric ascending), code is "+<digits>". currencies, languages and
//   codes: in the data file's order (currencies start USD, EUR; languages and
//   codes are ordered by code).
// - EU list: the 27 member states.
// - GET /locale from 127.0.0.1 (no GeoIP record): ip "127.0.0.1", countryCode
//   "--", country "Unknown" (localised: de "Unbekannt"), continentCode "--",
//   continent "Unknown", eu false, currency "". (Basalt's data is CLDR's, see
//   docs/locale.md: "Unknown Region"; the checks below accept both.)
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as sdk from 'node-appwrite';
import { startServer } from './harness.mjs';
import { assertModel, assertError, plain } from './spec.mjs';

let server;
let en;
let de;
before(async () => {
    server = await startServer();
    en = new sdk.Locale(server.client());
    de = new sdk.Locale(server.client({ locale: 'de' }));
});
after(async () => {
    if (server) await server.stop();
});

const EU27 = ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT',
    'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE'];

// PHP strcmp order: compare UTF-8 bytes.
function assertSortedByBytes(names, what) {
    for (let i = 1; i < names.length; i++) {
        assert.ok(
            Buffer.compare(Buffer.from(names[i - 1]), Buffer.from(names[i])) <= 0,
            `${what} not sorted at ${i}: ${JSON.stringify(names[i - 1])} > ${JSON.stringify(names[i])}`,
        );
    }
}

function assertList(list, model, key) {
    assertModel(list, model);
    assert.ok(list.total > 0, `${model}: empty`);
    assert.equal(list.total, list[key].length, `${model}: total != ${key}.length`);
}

function byCode(items, field = 'code') {
    return new Map(items.map((x) => [x[field], x]));
}

describe('Locale.get', () => {
    test('loopback caller has no GeoIP record', async () => {
        const loc = await en.get();
        assertModel(loc, 'locale');
        assert.equal(loc.ip, '127.0.0.1');
        assert.equal(loc.countryCode, '--');
        assert.equal(loc.continentCode, '--');
        // Appwrite: "Unknown"; Basalt (docs/locale.md): CLDR's "Unknown Region".
        assert.match(loc.country, /^Unknown/);
        assert.equal(loc.continent, loc.country, 'continent uses the same "unknown" text');
        assert.equal(loc.eu, false);
        assert.equal(loc.currency, '');
    });

    test('"Unknown" is localised', async () => {
        const [enLoc, deLoc] = [await en.get(), await de.get()];
        assertModel(deLoc, 'locale');
        assert.ok(deLoc.country.length > 0);
        assert.notEqual(deLoc.country, enLoc.country);
        assert.match(deLoc.country, /^Unbekannt/);
        assert.equal(deLoc.continent, deLoc.country);
    });
});

describe('Locale lists', () => {
    test('listCodes', async () => {
        const list = await en.listCodes();
        assertList(list, 'localeCodeList', 'localeCodes');
        const codes = list.localeCodes.map((c) => c.code);
        assert.equal(new Set(codes).size, codes.length, 'duplicate locale codes');
        for (const c of list.localeCodes) {
            assert.match(c.code, /^[a-z]{2,3}(-[a-z0-9]{2,4})?$/i, `odd locale code ${c.code}`);
            assert.ok(c.name.length > 0);
        }
        assert.ok(codes.includes('en'), 'en missing');
        assert.ok(codes.includes('de'), 'de missing');
    });

    test('listContinents: the seven continents, sorted by name', async () => {
        const list = await en.listContinents();
        assertList(list, 'continentList', 'continents');
        assert.deepEqual(list.continents.map((c) => c.code).sort(), ['AF', 'AN', 'AS', 'EU', 'NA', 'OC', 'SA']);
        assert.equal(byCode(list.continents).get('EU').name, 'Europe');
        assert.equal(byCode(list.continents).get('NA').name, 'North America');
        assertSortedByBytes(list.continents.map((c) => c.name), 'continents');
    });

    test('listCountries: ISO codes, US and DE present, sorted by name', async () => {
        const list = await en.listCountries();
        assertList(list, 'countryList', 'countries');
        assert.ok(list.total >= 190, `only ${list.total} countries`);
        const codes = list.countries.map((c) => c.code);
        assert.equal(new Set(codes).size, codes.length, 'duplicate country codes');
        for (const c of list.countries) assert.match(c.code, /^[A-Z]{2}$/);
        assert.equal(byCode(list.countries).get('US')?.name, 'United States');
        assert.equal(byCode(list.countries).get('DE')?.name, 'Germany');
        assertSortedByBytes(list.countries.map((c) => c.name), 'countries');
    });

    test('listCountriesEU: the 27 member states, sorted by name', async () => {
        const list = await en.listCountriesEU();
        assertList(list, 'countryList', 'countries');
        assert.equal(list.total, 27);
        assert.deepEqual(list.countries.map((c) => c.code).sort(), [...EU27].sort());
        assert.ok(!list.countries.some((c) => c.code === 'GB'), 'GB is not in the EU');
        assertSortedByBytes(list.countries.map((c) => c.name), 'EU countries');
        // Same names as in the full list.
        const all = byCode((await en.listCountries()).countries);
        for (const c of list.countries) assert.equal(c.name, all.get(c.code)?.name);
    });

    test('listCountriesPhones: +codes, sorted by dialling code', async () => {
        const list = await en.listCountriesPhones();
        assertList(list, 'phoneList', 'phones');
        assert.ok(list.total >= 190, `only ${list.total} phone codes`);
        for (const p of list.phones) {
            assert.match(p.code, /^\+\d{1,4}$/, `bad dialling code ${p.code}`);
            assert.match(p.countryCode, /^[A-Z]{2}$/);
            assert.ok(p.countryName.length > 0);
        }
        const numbers = list.phones.map((p) => Number(p.code.slice(1)));
        for (let i = 1; i < numbers.length; i++) {
            assert.ok(numbers[i - 1] <= numbers[i], `phones not sorted by code at ${i}: ${numbers[i - 1]} > ${numbers[i]}`);
        }
        const us = byCode(list.phones, 'countryCode').get('US');
        assert.deepEqual(plain(us), { code: '+1', countryCode: 'US', countryName: 'United States' });
        assert.equal(byCode(list.phones, 'countryCode').get('DE')?.code, '+49');
    });

    test('listCurrencies: USD and EUR first, USD with its fields', async () => {
        const list = await en.listCurrencies();
        assertList(list, 'currencyList', 'currencies');
        assert.ok(list.total >= 100, `only ${list.total} currencies`);
        assert.deepEqual(list.currencies.slice(0, 2).map((c) => c.code), ['USD', 'EUR']);
        const usd = list.currencies[0];
        assert.equal(usd.symbol, '$');
        assert.equal(usd.symbolNative, '$');
        assert.equal(usd.name, 'US Dollar');
        assert.equal(usd.decimalDigits, 2);
        assert.equal(usd.rounding, 0);
        assert.match(usd.namePlural, /^US dollars$/i);
        for (const c of list.currencies) {
            assert.match(c.code, /^[A-Z]{3}$/);
            assert.ok(c.decimalDigits >= 0 && c.decimalDigits <= 4, `${c.code} decimalDigits ${c.decimalDigits}`);
        }
        const codes = list.currencies.map((c) => c.code);
        assert.equal(new Set(codes).size, codes.length, 'duplicate currency codes');
    });

    test('listLanguages: ISO 639-1, ordered by code', async () => {
        const list = await en.listLanguages();
        assertList(list, 'languageList', 'languages');
        assert.ok(list.total >= 150, `only ${list.total} languages`);
        const langs = byCode(list.languages);
        assert.deepEqual(plain(langs.get('en')), { name: 'English', code: 'en', nativeName: 'English' });
        assert.equal(langs.get('de')?.name, 'German');
        assert.equal(langs.get('de')?.nativeName, 'Deutsch');
        for (const l of list.languages) assert.match(l.code, /^[a-z]{2}$/);
        assertSortedByBytes(list.languages.map((l) => l.code), 'languages');
    });
});

describe('localisation', () => {
    test('setLocale("de") translates country and continent names and re-sorts', async () => {
        const [enList, deList] = [await en.listCountries(), await de.listCountries()];
        assertList(deList, 'countryList', 'countries');
        assert.equal(deList.total, enList.total);
        const deByCode = byCode(deList.countries);
        assert.equal(deByCode.get('DE').name, 'Deutschland');
        assert.equal(deByCode.get('US').name, 'Vereinigte Staaten');
        assert.notDeepEqual(deList.countries.map((c) => c.code), enList.countries.map((c) => c.code));
        assertSortedByBytes(deList.countries.map((c) => c.name), 'de countries');

        const continents = byCode((await de.listContinents()).continents);
        assert.equal(continents.get('EU').name, 'Europa');

        const eu = await de.listCountriesEU();
        assert.equal(eu.total, 27);
        assert.equal(byCode(eu.countries).get('DE').name, 'Deutschland');
        assertSortedByBytes(eu.countries.map((c) => c.name), 'de EU countries');

        const phones = byCode((await de.listCountriesPhones()).phones, 'countryCode');
        assert.equal(phones.get('DE').countryName, 'Deutschland');
    });

    test('the `locale` query parameter works like the header', async () => {
        const res = await server.api('GET', '/locale/continents?locale=de', { key: null });
        assert.equal(res.status, 200, res.text);
        assert.equal(byCode(res.body.continents).get('EU').name, 'Europa');
    });

    test('an unknown locale falls back to English', async () => {
        const xx = new sdk.Locale(server.client({ locale: 'xx-nope' }));
        const list = await xx.listCountries();
        assert.equal(byCode(list.countries).get('DE').name, 'Germany');
    });

    test('another language: fr', async () => {
        const fr = new sdk.Locale(server.client({ locale: 'fr' }));
        const list = await fr.listCountries();
        assert.equal(byCode(list.countries).get('DE').name, 'Allemagne');
    });
});

describe('locale access', () => {
    test('guests (no key) may read locale lists', async () => {
        const guest = new sdk.Locale(server.client({ key: null }));
        const list = await guest.listContinents();
        assert.equal(list.total, 7);
    });

    test('a key without locale.read -> 401 general_unauthorized_scope', async () => {
        const key = server.createKey({ name: 'no locale', scopes: ['users.read'] });
        const limited = new sdk.Locale(server.client({ key: key.apiKey }));
        await assert.rejects(limited.listCountries(), (err) => {
            assert.equal(err.code, 401);
            assert.equal(err.type, 'general_unauthorized_scope');
            return true;
        });
        const raw = await server.api('GET', '/locale', { key: key.apiKey });
        assertError(raw, 401, 'general_unauthorized_scope');
    });

    test('unknown project -> 404 project_not_found', async () => {
        assertError(await server.api('GET', '/locale/codes', { project: 'nope', key: null }), 404, 'project_not_found');
    });
});
