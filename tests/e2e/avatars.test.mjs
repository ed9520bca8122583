// Avatars service through node-appwrite (bytes) and the web SDK (URLs it builds).
//
// Appwrite 1.9.6 behaviour (src/Appwrite/Platform/Modules/Avatars/Http/*/Get.php,
// app/config/avatars/*.php, app/config/errors.php at tag 1.9.6):
// - browsers/credit-cards/flags: `code` is a WhiteList (any case) -> unknown code is
//   400 general_argument_invalid (avatar_not_found cannot be reached through the route);
//   width/height 0..2000 (default 100), quality -1..100 (default -1); the icon is cropped
//   to width x height (scaled to cover, centre crop; a 0 side follows the aspect ratio);
//   image/png, Cache-Control "private, max-age=2592000".
// - image: url http(s) only, width/height 0..2000 (default 400), PNG, 30 days. The host
//   must be a known public domain or a public IP (else 404 avatar_remote_url_failed); a
//   fetch failure is avatar_remote_url_failed, a status other than 200 (redirects are not
//   followed) avatar_image_not_found, a body that is no image 500 general_server_error.
// - favicon: the page's <link rel="icon"|"shortcut icon">: SVG first, else the largest
//   `sizes` (ico/png/jpg/jpeg), else /favicon.ico; png/jpg -> 56x56 PNG; ico is passed
//   through as image/x-icon (empty or HTML -> avatar_icon_not_found); an icon answering
//   non-200 -> avatar_icon_not_found. (Basalt renders SVG favicons to a 56x56 PNG.)
// - initials: name <= 128 chars (default: the user's name or email), width/height 0..2000
//   (default 500), background = 3 or 6 hex digits without '#'; PNG, Cache-Control 45 days.
// - qr: text 1..512 chars, size 1..1000 (default 400), margin 0..10 (default 1), download
//   -> Content-Disposition: attachment; filename="qr.png"; PNG, 45 days.
// Basalt's own limits (not in Appwrite): remote files larger than --avatar-fetch-limit or
// slower than --avatar-fetch-timeout fail with avatar_remote_url_failed; loopback targets
// need --allow-private-hosts (set below for the loopback test server, off for `strict`).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import * as sdk from 'node-appwrite';
import { Client as WebClient, Avatars as WebAvatars } from 'appwrite';
import pngjs from 'pngjs';
import jsQR from 'jsqr';
import { startServer } from './harness.mjs';
import { assertError, rejectsWith } from './spec.mjs';

const { PNG } = pngjs;

// --- the loopback site the server fetches from ---------------------------------------------

function pngOf(width, height, rgb = [200, 30, 60]) {
    const png = new PNG({ width, height });
    for (let i = 0; i < width * height; i++) {
        png.data.set([...rgb, 255], i * 4);
    }
    return PNG.sync.write(png);
}

// A one-image .ico whose image is a PNG (allowed since Windows Vista).
function icoOf(pngBytes, size) {
    const header = Buffer.alloc(22);
    header.writeUInt16LE(0, 0);
    header.writeUInt16LE(1, 2); // icon
    header.writeUInt16LE(1, 4); // one image
    header.writeUInt8(size, 6);
    header.writeUInt8(size, 7);
    header.writeUInt16LE(1, 10); // planes
    header.writeUInt16LE(32, 12); // bits per pixel
    header.writeUInt32LE(pngBytes.length, 14);
    header.writeUInt32LE(22, 18);
    return Buffer.concat([header, pngBytes]);
}

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="12" fill="#08f"/></svg>';
const ICO = icoOf(pngOf(16, 16), 16);

const routes = {
    '/photo.png': (res) => send(res, 200, 'image/png', pngOf(64, 48)),
    '/text.txt': (res) => send(res, 200, 'text/plain', 'not an image at all'),
    '/big.png': (res) => send(res, 200, 'image/png', Buffer.alloc(300_000, 7)),
    '/slow.png': (res) => setTimeout(() => send(res, 200, 'image/png', pngOf(8, 8)), 4000),
    '/moved.png': (res) => {
        res.writeHead(302, { location: '/photo.png' });
        res.end();
    },
    '/site/': (res) => send(res, 200, 'text/html', `<!DOCTYPE html><html><head><title>x</title>
        <link rel="stylesheet" href="/style.css">
        <link rel="icon" href="/icons/small.png" sizes="16x16">
        <link rel="shortcut icon" href="icons/large.png" sizes="96x96">
        <link rel="apple-touch-icon" href="/icons/apple.png" sizes="180x180">
        </head><body><p>hello</body></html>`),
    '/site/icons/large.png': (res) => send(res, 200, 'image/png', pngOf(96, 96, [10, 200, 10])),
    '/icons/small.png': (res) => send(res, 200, 'image/png', pngOf(16, 16)),
    '/svgsite/': (res) => send(res, 200, 'text/html', `<html><head>
        <link rel=icon href=/icons/small.png sizes=512x512><LINK REL="Icon" HREF="/logo.svg"></head></html>`),
    '/logo.svg': (res) => send(res, 200, 'image/svg+xml', SVG),
    '/plain/': (res) => send(res, 200, 'text/html', '<html><body>no icon links</body></html>'),
    '/favicon.ico': (res) => send(res, 200, 'image/x-icon', ICO),
    '/broken/': (res) => send(res, 200, 'text/html', '<link rel="icon" href="/missing.png">'),
    '/soft404/': (res) => send(res, 200, 'text/html', '<link rel="icon" href="/soft.ico">'),
    '/soft.ico': (res) => send(res, 200, 'text/html', '<!DOCTYPE html><html>Not found</html>'),
};

function send(res, status, type, body) {
    res.writeHead(status, { 'content-type': type });
    res.end(body);
}

let site;
let siteUrl;
let server; // loopback allowed
let strict; // default settings: loopback refused
let avatars;

before(async () => {
    site = http.createServer((req, res) => {
        const route = routes[new URL(req.url, 'http://x').pathname];
        if (route) route(res);
        else send(res, 404, 'text/html', '<html>404</html>');
    });
    await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://127.0.0.1:${site.address().port}`;
    server = await startServer({
        serveArgs: ['--allow-private-hosts', 'true', '--avatar-fetch-limit', '100000', '--avatar-fetch-timeout', '1500'],
    });
    strict = await startServer();
    avatars = new sdk.Avatars(server.client());
});
after(async () => {
    if (server) await server.stop();
    if (strict) await strict.stop();
    if (site) {
        site.closeAllConnections();
        await new Promise((resolve) => site.close(resolve));
    }
});

// --- image checks ----------------------------------------------------------------------------

function decodePng(bytes) {
    const buf = Buffer.from(bytes);
    assert.deepEqual([...buf.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'PNG signature');
    return PNG.sync.read(buf);
}

function assertPng(bytes, width, height) {
    const png = decodePng(bytes);
    assert.equal(png.width, width, 'PNG width');
    assert.equal(png.height, height, 'PNG height');
    return png;
}

function pixel(png, x, y) {
    const i = (y * png.width + x) * 4;
    return [...png.data.subarray(i, i + 4)];
}

async function raw(path, target = server, query = {}) {
    const params = new URLSearchParams({ project: target.projectId, ...query });
    const res = await fetch(`${target.endpoint}${path}?${params}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    let body;
    try {
        body = JSON.parse(bytes.toString('utf8'));
    } catch {
        body = undefined;
    }
    return { status: res.status, headers: res.headers, bytes, body, text: bytes.toString('utf8', 0, 300) };
}

// --- icons -----------------------------------------------------------------------------------

describe('icons', () => {
    test('flags: default 100x100, asked sizes, a 0 side follows the 4:3 flag', async () => {
        assertPng(await avatars.getFlag({ code: sdk.Flag.UnitedStates }), 100, 100);
        assertPng(await avatars.getFlag({ code: 'fr', width: 300, height: 120, quality: 30 }), 300, 120);
        assertPng(await avatars.getFlag({ code: 'de', width: 200, height: 0 }), 200, 150);
        const res = await raw('/avatars/flags/US');
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('content-type'), 'image/png');
        assert.equal(res.headers.get('cache-control'), 'private, max-age=2592000');
        // The US flag's top-left corner is the blue canton.
        const [r, g, b, a] = pixel(decodePng(res.bytes), 2, 2);
        assert.ok(b > r && b > g && a === 255, `canton colour ${[r, g, b, a]}`);
    });

    test('browsers and credit cards: every code of the spec renders', async () => {
        for (const code of Object.values(sdk.Browser)) {
            assertPng(await avatars.getBrowser({ code, width: 40, height: 30 }), 40, 30);
        }
        for (const code of Object.values(sdk.CreditCard)) {
            assertPng(await avatars.getCreditCard({ code, width: 64, height: 40 }), 64, 40);
        }
        assertPng(await avatars.getBrowser({ code: sdk.Browser.GoogleChrome }), 100, 100);
        assertPng(await avatars.getCreditCard({ code: sdk.CreditCard.Visa, width: 2000, height: 1 }), 2000, 1);
    });

    test('bad codes and sizes: general_argument_invalid', async () => {
        await rejectsWith(avatars.getBrowser({ code: 'xx' }), 400, 'general_argument_invalid');
        await rejectsWith(avatars.getCreditCard({ code: 'bitcoin' }), 400, 'general_argument_invalid');
        await rejectsWith(avatars.getFlag({ code: 'zz' }), 400, 'general_argument_invalid');
        await rejectsWith(avatars.getFlag({ code: 'us', width: 3000 }), 400, 'general_argument_invalid');
        await rejectsWith(avatars.getFlag({ code: 'us', height: -1 }), 400, 'general_argument_invalid');
        await rejectsWith(avatars.getBrowser({ code: 'ch', quality: 101 }), 400, 'general_argument_invalid');
        const res = await raw('/avatars/browsers/unknown', server, { width: 300 });
        assertError(res, 400, 'general_argument_invalid');
        assert.match(res.body.message, /^Invalid `code` param: Value must be one of \(aa, an, ch/);
    });
});

// --- initials ----------------------------------------------------------------------------------

describe('initials', () => {
    test('default 500x500, the theme colour is stable for a name, text is punched out', async () => {
        const png = assertPng(await avatars.getInitials({ name: 'Jane Doe' }), 500, 500);
        const again = assertPng(await avatars.getInitials({ name: 'Jane Doe' }), 500, 500);
        assert.deepEqual(pixel(png, 5, 5), pixel(again, 5, 5));
        // "JD": J(74) + D(68) = 142 -> theme 2, Appwrite's purple #7C67FE.
        assert.deepEqual(pixel(png, 5, 5), [0x7c, 0x67, 0xfe, 255]);
        // Somewhere inside the letters the image is transparent.
        let transparent = 0;
        for (let x = 0; x < 500; x++) if (pixel(png, x, 250)[3] === 0) transparent++;
        assert.ok(transparent > 10, `transparent pixels on the middle row: ${transparent}`);
        const res = await raw('/avatars/initials', server, { name: 'ab' });
        assert.equal(res.headers.get('content-type'), 'image/png');
        assert.equal(res.headers.get('cache-control'), 'private, max-age=3888000');
    });

    test('background and sizes', async () => {
        const png = assertPng(await avatars.getInitials({ name: 'x', width: 64, height: 32, background: '0f0' }), 64, 32);
        assert.deepEqual(pixel(png, 0, 0), [0, 255, 0, 255]);
        const six = assertPng(await avatars.getInitials({ name: 'x', width: 10, height: 10, background: '123456' }), 10, 10);
        assert.deepEqual(pixel(six, 0, 0), [0x12, 0x34, 0x56, 255]);
        await rejectsWith(avatars.getInitials({ name: 'x', background: '#00ff00' }), 400, 'general_argument_invalid');
        await rejectsWith(avatars.getInitials({ name: 'x', background: 'ggg' }), 400, 'general_argument_invalid');
        await rejectsWith(avatars.getInitials({ width: 2001 }), 400, 'general_argument_invalid');
        await rejectsWith(avatars.getInitials({ name: 'n'.repeat(129) }), 400, 'general_argument_invalid');
    });
});

// --- QR ------------------------------------------------------------------------------------

function decodeQr(bytes) {
    const png = decodePng(bytes);
    const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    return { png, text: code?.data };
}

describe('qr', () => {
    test('decodes to the text, at the asked size, with the margin', async () => {
        const text = 'https://example.com/?q=basalt avatars ✓';
        const { png, text: decoded } = decodeQr(await avatars.getQR({ text, size: 300, margin: 4 }));
        assert.equal(png.width, 300);
        assert.equal(png.height, 300);
        assert.equal(decoded, text);
        // Margin 4: the corner is light, the finder pattern starts dark further in.
        assert.equal(pixel(png, 2, 2)[0], 255);
        const noMargin = decodePng(await avatars.getQR({ text: 'x', size: 210, margin: 0 }));
        assert.equal(pixel(noMargin, 1, 1)[0], 0, 'margin 0: the finder pattern touches the corner');
        const dflt = decodeQr(await avatars.getQR({ text: 'default size' }));
        assert.equal(dflt.png.width, 400);
        assert.equal(dflt.text, 'default size');
    });

    test('download adds Content-Disposition; bad params', async () => {
        const res = await raw('/avatars/qr', server, { text: 'hi', download: 'true' });
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('content-disposition'), 'attachment; filename="qr.png"');
        assert.equal(res.headers.get('cache-control'), 'private, max-age=3888000');
        const plain = await raw('/avatars/qr', server, { text: 'hi' });
        assert.equal(plain.headers.get('content-disposition'), null);
        await rejectsWith(avatars.getQR({ text: 'x', size: 0 }), 400, 'general_argument_invalid');
        await rejectsWith(avatars.getQR({ text: 'x', size: 1001 }), 400, 'general_argument_invalid');
        await rejectsWith(avatars.getQR({ text: 'x', margin: 11 }), 400, 'general_argument_invalid');
        await rejectsWith(avatars.getQR({ text: 'x'.repeat(513) }), 400, 'general_argument_invalid');
        assertError(await raw('/avatars/qr'), 400, 'general_argument_invalid');
    });
});

// --- remote images ---------------------------------------------------------------------------

describe('image', () => {
    test('fetched, cropped and returned as PNG', async () => {
        assertPng(await avatars.getImage({ url: `${siteUrl}/photo.png` }), 400, 400);
        assertPng(await avatars.getImage({ url: `${siteUrl}/photo.png`, width: 32, height: 0 }), 32, 24);
        const res = await raw('/avatars/image', server, { url: `${siteUrl}/photo.png`, width: 10, height: 20 });
        assert.equal(res.headers.get('content-type'), 'image/png');
        assert.equal(res.headers.get('cache-control'), 'private, max-age=2592000');
        assertPng(res.bytes, 10, 20);
    });

    test('remote failures', async () => {
        await rejectsWith(avatars.getImage({ url: `${siteUrl}/nothing.png` }), 404, 'avatar_image_not_found');
        await rejectsWith(avatars.getImage({ url: `${siteUrl}/moved.png` }), 404, 'avatar_image_not_found');
        await rejectsWith(avatars.getImage({ url: `${siteUrl}/big.png` }), 404, 'avatar_remote_url_failed');
        await rejectsWith(avatars.getImage({ url: `${siteUrl}/slow.png` }), 404, 'avatar_remote_url_failed');
        await rejectsWith(avatars.getImage({ url: `${siteUrl}/text.txt` }), 500, 'general_server_error');
        await rejectsWith(avatars.getImage({ url: 'http://127.0.0.1:1/x.png' }), 404, 'avatar_remote_url_failed');
    });

    test('bad URLs and sizes', async () => {
        await rejectsWith(avatars.getImage({ url: 'invalid://appwrite.io/image.png' }), 400, 'general_argument_invalid');
        await rejectsWith(avatars.getImage({ url: 'not a url' }), 400, 'general_argument_invalid');
        await rejectsWith(avatars.getImage({ url: `${siteUrl}/photo.png`, width: 2001 }), 400, 'general_argument_invalid');
    });

    test('without --allow-private-hosts, loopback and unknown domains are refused', async () => {
        const guarded = new sdk.Avatars(strict.client());
        await rejectsWith(guarded.getImage({ url: `${siteUrl}/photo.png` }), 404, 'avatar_remote_url_failed');
        await rejectsWith(guarded.getImage({ url: 'http://localhost/x.png' }), 404, 'avatar_remote_url_failed');
        await rejectsWith(guarded.getImage({ url: 'http://10.1.2.3/x.png' }), 404, 'avatar_remote_url_failed');
        await rejectsWith(guarded.getImage({ url: 'http://[::1]/x.png' }), 404, 'avatar_remote_url_failed');
        await rejectsWith(guarded.getImage({ url: 'http://unknown-address.test/x.png' }), 404, 'avatar_remote_url_failed');
        await rejectsWith(guarded.getFavicon({ url: `${siteUrl}/site/` }), 404, 'avatar_remote_url_failed');
        const res = await raw('/avatars/image', strict, { url: `${siteUrl}/photo.png` });
        assertError(res, 404, 'avatar_remote_url_failed');
    });
});

// --- favicons --------------------------------------------------------------------------------

describe('favicon', () => {
    test('the largest declared PNG icon, as a 56x56 PNG', async () => {
        const png = assertPng(await avatars.getFavicon({ url: `${siteUrl}/site/` }), 56, 56);
        // large.png (96x96, green) wins over small.png (16x16) and the apple-touch-icon.
        const [r, g] = pixel(png, 28, 28);
        assert.ok(g > 150 && r < 50, `picked the green icon: ${pixel(png, 28, 28)}`);
    });

    test('an SVG icon wins and is rendered to PNG', async () => {
        const png = assertPng(await avatars.getFavicon({ url: `${siteUrl}/svgsite/` }), 56, 56);
        const [r, g, b] = pixel(png, 28, 20);
        assert.ok(b > 200 && r < 50 && g > 100, `SVG colour ${[r, g, b]}`);
    });

    test('no link: /favicon.ico passed through as image/x-icon', async () => {
        const res = await raw('/avatars/favicon', server, { url: `${siteUrl}/plain/` });
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('content-type'), 'image/x-icon');
        assert.equal(res.headers.get('cache-control'), 'private, max-age=2592000');
        assert.deepEqual(res.bytes, ICO);
    });

    test('missing icons and unreachable pages', async () => {
        await rejectsWith(avatars.getFavicon({ url: `${siteUrl}/broken/` }), 404, 'avatar_icon_not_found');
        await rejectsWith(avatars.getFavicon({ url: `${siteUrl}/soft404/` }), 404, 'avatar_icon_not_found');
        await rejectsWith(avatars.getFavicon({ url: 'http://127.0.0.1:1/' }), 404, 'avatar_remote_url_failed');
        await rejectsWith(avatars.getFavicon({ url: 'unknown-address' }), 400, 'general_argument_invalid');
        await rejectsWith(avatars.getFavicon({ url: 'ftp://example.com/' }), 400, 'general_argument_invalid');
    });
});

// --- the web SDK builds URLs -------------------------------------------------------------------

describe('web SDK', () => {
    test('URLs built by the web SDK load as images', async () => {
        const web = new WebAvatars(new WebClient().setEndpoint(server.endpoint).setProject(server.projectId));
        const urls = [
            [web.getInitials({ name: 'Web User', width: 80, height: 60 }), 80, 60],
            [web.getFlag({ code: 'jp', width: 120, height: 90 }), 120, 90],
            [web.getBrowser({ code: 'ff' }), 100, 100],
            [web.getCreditCard({ code: 'mastercard', width: 50, height: 30 }), 50, 30],
            [web.getQR({ text: 'web', size: 200, margin: 2, download: true }), 200, 200],
            [web.getImage({ url: `${siteUrl}/photo.png`, width: 64, height: 64 }), 64, 64],
            [web.getFavicon({ url: `${siteUrl}/site/` }), 56, 56],
        ];
        for (const [url, width, height] of urls) {
            assert.equal(typeof url, 'string');
            assert.ok(url.includes(`project=${server.projectId}`), url);
            const res = await fetch(url);
            assert.equal(res.status, 200, `${url}: ${res.status}`);
            assertPng(await res.arrayBuffer(), width, height);
        }
    });

    test('initials without a name use the signed-in user name', async () => {
        const users = new sdk.Users(server.client());
        await users.create({ userId: 'zed', email: 'zed.q@example.com', password: 'password1234', name: 'Zed Quinn' });
        const session = await users.createSession({ userId: 'zed' });
        const mine = new sdk.Avatars(server.client({ key: null }).setSession(session.secret));
        const png = assertPng(await mine.getInitials({ width: 20, height: 20 }), 20, 20);
        // "ZQ": 90 + 81 = 171 -> theme 1, Appwrite's orange #FE9567.
        assert.deepEqual(pixel(png, 0, 0), [0xfe, 0x95, 0x67, 255]);
    });
});
