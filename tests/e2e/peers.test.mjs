// Health checks against real peers on loopback, and a graceful stop under load.
//
// - /health/time asks an NTP server (Appwrite: time.google.com; Basalt: BASALT_NTP_SERVER). Here a
//   real SNTP responder on 127.0.0.1 answers with a chosen clock offset: the model carries
//   remoteTime, localTime and diff = remoteTime - localTime (seconds, as Appwrite computes it);
//   a gap over 60 s is 500 general_server_error, as in Appwrite.
// - /health/certificate reads the certificate a TLS server presents. Appwrite only checks public
//   domains on port 443; `--allow-private-hosts true` lets Basalt check a loopback server with a
//   certificate made here with openssl.
// - SIGTERM: the server stops accepting, finishes the request in flight, then exits 0.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import net from 'node:net';
import tls from 'node:tls';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer } from './harness.mjs';
import { assertError, assertModel } from './spec.mjs';

const NTP_EPOCH_OFFSET = 2208988800;

/** An SNTP responder; `offset` (seconds) and `delay` (ms) can be changed while it runs. */
async function startNtp() {
    const socket = dgram.createSocket('udp4');
    const state = { offset: 0, delay: 0, requests: 0 };
    socket.on('message', (msg, rinfo) => {
        state.requests++;
        if (msg.length < 48) return;
        const reply = Buffer.alloc(48);
        reply[0] = 0x1c; // LI 0, version 3, mode 4 (server)
        reply[1] = 1; // stratum
        const seconds = Math.floor(Date.now() / 1000) + state.offset + NTP_EPOCH_OFFSET;
        reply.writeUInt32BE(seconds >>> 0, 40);
        setTimeout(() => socket.send(reply, rinfo.port, rinfo.address), state.delay);
    });
    await new Promise((resolve) => socket.bind(0, '127.0.0.1', resolve));
    state.address = `127.0.0.1:${socket.address().port}`;
    state.close = () => socket.close();
    return state;
}

describe('health against loopback peers', () => {
    let server;
    let ntp;
    let certDir;
    let tlsServer;
    let tlsPort;
    let plainServer;
    let plainPort;

    before(async () => {
        ntp = await startNtp();
        certDir = mkdtempSync(path.join(tmpdir(), 'basalt-cert-'));
        execFileSync('openssl', [
            'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '2',
            '-subj', '/O=Basalt Test CA/CN=localhost',
            '-keyout', path.join(certDir, 'key.pem'), '-out', path.join(certDir, 'cert.pem'),
        ], { stdio: 'ignore' });
        tlsServer = tls.createServer({
            key: readFileSync(path.join(certDir, 'key.pem')),
            cert: readFileSync(path.join(certDir, 'cert.pem')),
        }, (socket) => {
            socket.on('error', () => {}); // the probe drops the connection once it has the certificate
            socket.end();
        });
        tlsServer.on('tlsClientError', () => {});
        await new Promise((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
        tlsPort = tlsServer.address().port;
        plainServer = net.createServer((socket) => {
            socket.on('error', () => {});
            socket.end('not tls\n');
        });
        await new Promise((resolve) => plainServer.listen(0, '127.0.0.1', resolve));
        plainPort = plainServer.address().port;
        server = await startServer({
            serveArgs: ['--ntp-server', ntp.address, '--allow-private-hosts', 'true'],
        });
    });

    after(async () => {
        if (server) await server.stop();
        ntp?.close();
        tlsServer?.close();
        plainServer?.close();
        if (certDir) rmSync(certDir, { recursive: true, force: true });
    });

    test('/health/time reads the NTP server and reports the gap', async () => {
        ntp.offset = 7;
        const before = Math.floor(Date.now() / 1000);
        const res = await server.api('GET', '/health/time');
        const after = Math.floor(Date.now() / 1000);
        assert.equal(res.status, 200, res.text);
        assertModel(res.body, 'healthTime');
        assert.ok(ntp.requests >= 1, 'the NTP server was asked');
        assert.ok(res.body.localTime >= before && res.body.localTime <= after, JSON.stringify(res.body));
        assert.ok(res.body.remoteTime >= before + 7 && res.body.remoteTime <= after + 7, JSON.stringify(res.body));
        assert.equal(res.body.diff, res.body.remoteTime - res.body.localTime);
        assert.ok(res.body.diff >= 6 && res.body.diff <= 8, `diff ${res.body.diff}`);
    });

    test('/health/time: a clock gap over 60 s -> 500 general_server_error', async () => {
        ntp.offset = -600;
        assertError(await server.api('GET', '/health/time'), 500, 'general_server_error');
        ntp.offset = 0;
        assert.equal((await server.api('GET', '/health/time')).status, 200);
    });

    test('/health/certificate reads the certificate a TLS server presents', async () => {
        const res = await server.api('GET', `/health/certificate?domain=localhost:${tlsPort}`);
        assert.equal(res.status, 200, res.text);
        assertModel(res.body, 'healthCertificate');
        assert.equal(res.body.subjectSN, 'localhost');
        assert.equal(res.body.issuerOrganisation, 'Basalt Test CA');
        assert.match(res.body.name, /CN=localhost/);
        assert.equal(res.body.signatureTypeSN, 'RSA-SHA256');
        const now = Math.floor(Date.now() / 1000);
        const from = Number(res.body.validFrom);
        const to = Number(res.body.validTo);
        assert.ok(from <= now + 5 && from > now - 3600, `validFrom ${res.body.validFrom}`);
        assert.ok(to > now + 86400 && to < now + 3 * 86400, `validTo ${res.body.validTo}`);
        // A URL works too, as in Appwrite.
        const byUrl = await server.api('GET', `/health/certificate?domain=${encodeURIComponent(`https://localhost:${tlsPort}/path`)}`);
        assert.equal(byUrl.status, 200, byUrl.text);
        assert.equal(byUrl.body.subjectSN, 'localhost');
    });

    test('/health/certificate: a host that does not speak TLS -> 404 health_invalid_host', async () => {
        assertError(await server.api('GET', `/health/certificate?domain=localhost:${plainPort}`), 404, 'health_invalid_host');
    });
});

describe('graceful stop', () => {
    test('SIGTERM finishes the request in flight, refuses new connections, exits 0', async () => {
        const ntp = await startNtp();
        ntp.delay = 800; // the NTP answer keeps a request in flight
        const server = await startServer({ serveArgs: ['--ntp-server', ntp.address] });
        try {
            const inFlight = server.api('GET', '/health/time');
            await new Promise((resolve) => setTimeout(resolve, 200));
            assert.equal(ntp.requests, 1, 'the request reached the NTP server before the stop');
            const exited = server.stop();
            const res = await inFlight;
            assert.equal(res.status, 200, res.text);
            assertModel(res.body, 'healthTime');
            const exit = await exited;
            assert.deepEqual(exit, { code: 0, signal: null });
            await assert.rejects(fetch(`${server.endpoint}/health/version`));
        } finally {
            ntp.close();
        }
    });
});
