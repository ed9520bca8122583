// GET /v1/locale places the caller with a GeoIP database when one is configured.
//
// Appwrite reads the client address from X-Forwarded-For by default; Basalt trusts such a header
// only when told to (--client-ip-header), since any client can send it. The database here is
// written by the locale unit tests' script (libmaxmind-db-writer-perl): 8.8.8.0/24 is US/NA,
// 2.16.0.0/24 DE/EU, 81.2.69.0/24 GB/EU. Loopback and private addresses stay unknown ("--").
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as sdk from 'node-appwrite';
import { startServer } from './harness.mjs';
import { assertModel } from './spec.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const writer = path.join(here, '..', 'unit', 'platform', 'locale', 'make_test_geoip.pl');

describe('GeoIP', () => {
    let dir;
    let trusting;
    let direct;

    before(async () => {
        dir = mkdtempSync(path.join(tmpdir(), 'basalt-geoip-'));
        const db = path.join(dir, 'test.mmdb');
        execFileSync('perl', [writer, db], { stdio: 'ignore' });
        trusting = await startServer({ serveArgs: ['--geoip-db', db, '--client-ip-header', 'x-forwarded-for'] });
        direct = await startServer({ serveArgs: ['--geoip-db', db] });
    });

    after(async () => {
        await trusting?.stop();
        await direct?.stop();
        if (dir) rmSync(dir, { recursive: true, force: true });
    });

    const locale = (server, forwardedFor, lang) => {
        const client = server.client({ key: null });
        if (forwardedFor) client.addHeader('x-forwarded-for', forwardedFor);
        if (lang) client.setLocale(lang);
        return new sdk.Locale(client).get();
    };

    test('a US address is placed in the United States', async () => {
        const here = await locale(trusting, '8.8.8.8, 10.0.0.1');
        assertModel(here, 'locale');
        assert.deepEqual(
            { ip: here.ip, countryCode: here.countryCode, continentCode: here.continentCode, eu: here.eu, currency: here.currency },
            { ip: '8.8.8.8', countryCode: 'US', continentCode: 'NA', eu: false, currency: 'USD' },
        );
        assert.equal(here.country, 'United States');
        assert.equal(here.continent, 'North America');
    });

    test('a German address is in the EU, with names in the requested locale', async () => {
        const here = await locale(trusting, '2.16.0.1', 'de');
        assert.equal(here.countryCode, 'DE');
        assert.equal(here.country, 'Deutschland');
        assert.equal(here.continentCode, 'EU');
        assert.equal(here.continent, 'Europa');
        assert.equal(here.eu, true);
        assert.equal(here.currency, 'EUR');
    });

    test('addresses outside the database, private ones and garbage stay unknown', async () => {
        for (const forwarded of ['1.1.1.1', '10.1.2.3', 'not-an-ip']) {
            const here = await locale(trusting, forwarded);
            assert.equal(here.countryCode, '--', forwarded);
            assert.equal(here.continentCode, '--', forwarded);
            assert.equal(here.eu, false);
        }
        assert.equal((await locale(trusting, 'not-an-ip')).ip, '127.0.0.1');
    });

    test('without --client-ip-header the header is ignored', async () => {
        const here = await locale(direct, '8.8.8.8');
        assert.equal(here.ip, '127.0.0.1');
        assert.equal(here.countryCode, '--');
    });
});
