// Storage previews (GET .../files/{fileId}/preview) with node-appwrite@27.1.0 and the web SDK
// appwrite@27.0.0: real JPEG/PNG uploads (made here with jpeg-js and pngjs), previews decoded
// back to check their size, format and pixels (crop with gravity, rotation, border, rounded
// corners, background, opacity, quality, every output format, the frames of an animated GIF made
// here), the cache of rendered previews (identical bytes, X-Appwrite-Cache, no read of the
// original on a hit, forgotten when the file goes), parallel renders, icons for files that are
// not images, and bad input with Appwrite's errors: out-of-range and unknown parameters, a
// corrupt image, an image of too many pixels, bytes missing on the device, a bucket without
// transformations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import * as sdk from 'node-appwrite';
import { InputFile } from 'node-appwrite/file';
import * as web from 'appwrite';
import { Browser, closeBrowsers } from './browser.mjs';
import { startServer } from './harness.mjs';
import { rejectsWith } from './spec.mjs';

const { ID, Permission, Role } = sdk;

let server;
let storage;

before(async () => {
    server = await startServer({ serveArgs: ['--storage-limit', String(100_000_000)] });
    storage = new sdk.Storage(server.client());
});

after(async () => {
    closeBrowsers();
    if (server) await server.stop();
});

// ---- images made and read here -------------------------------------------------------------

const RED = [255, 0, 0];
const GREEN = [0, 255, 0];
const BLUE = [0, 0, 255];
const WHITE = [255, 255, 255];

/** RGBA pixels of a width x height image, colour(x, y) -> [r, g, b(, a)]. */
function pixels(width, height, colour) {
    const data = Buffer.alloc(width * height * 4);
    for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
            const [r, g, b, a = 255] = colour(x, y);
            data.set([r, g, b, a], (y * width + x) * 4);
        }
    }
    return data;
}

function makeJpeg(width, height, colour, quality = 95) {
    return Buffer.from(jpeg.encode({ width, height, data: pixels(width, height, colour) }, quality).data);
}

function makePng(width, height, colour) {
    const png = new PNG({ width, height });
    pixels(width, height, colour).copy(png.data);
    return PNG.sync.write(png);
}

/** Quadrants: red top-left, green top-right, blue bottom-left, white bottom-right. */
const quadrants = (w, h) => (x, y) => (y < h / 2 ? (x < w / 2 ? RED : GREEN) : x < w / 2 ? BLUE : WHITE);

/** The format and size of encoded image bytes (and pixels for JPEG/PNG). */
function inspect(buf) {
    if (buf[0] === 0xff && buf[1] === 0xd8) {
        const img = jpeg.decode(buf, { useTArray: true });
        return { format: 'jpeg', width: img.width, height: img.height, at: pixelAt(img, 4) };
    }
    if (buf.subarray(1, 4).toString() === 'PNG') {
        const img = PNG.sync.read(buf);
        return { format: 'png', width: img.width, height: img.height, at: pixelAt(img, 4) };
    }
    if (buf.subarray(0, 4).toString() === 'GIF8') {
        return { format: 'gif', width: buf.readUInt16LE(6), height: buf.readUInt16LE(8) };
    }
    if (buf.subarray(0, 4).toString() === 'RIFF' && buf.subarray(8, 12).toString() === 'WEBP') {
        const chunk = buf.subarray(12, 16).toString();
        if (chunk === 'VP8 ') return { format: 'webp', width: buf.readUInt16LE(26) & 0x3fff, height: buf.readUInt16LE(28) & 0x3fff };
        if (chunk === 'VP8L') {
            const bits = buf.readUInt32LE(21);
            return { format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
        }
        return { format: 'webp', width: buf.readUIntLE(24, 3) + 1, height: buf.readUIntLE(27, 3) + 1 };
    }
    if (buf.subarray(4, 8).toString() === 'ftyp') {
        const brand = buf.subarray(8, 12).toString();
        const ispe = buf.indexOf('ispe');
        return { format: brand === 'avif' ? 'avif' : 'heic', brand, width: buf.readUInt32BE(ispe + 8), height: buf.readUInt32BE(ispe + 12) };
    }
    return { format: 'unknown' };
}

function pixelAt(img, channels) {
    return (x, y) => Array.from(img.data.subarray((y * img.width + x) * channels, (y * img.width + x) * channels + channels));
}

/** Whether two colours are within `tolerance` per channel (JPEG is lossy). */
function near(actual, expected, tolerance = 40) {
    return expected.every((v, i) => Math.abs(actual[i] - v) <= tolerance);
}

function assertColour(actual, expected, what) {
    assert.ok(near(actual, expected), `${what}: ${actual} is not near ${expected}`);
}

/** A PNG whose header claims width x height (valid CRCs) and whose pixel data is junk. */
function pngClaiming(width, height) {
    const crcTable = Array.from({ length: 256 }, (_, n) => {
        let c = n;
        for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        return c >>> 0;
    });
    const crc = (buf) => {
        let c = 0xffffffff;
        for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
        return (c ^ 0xffffffff) >>> 0;
    };
    const chunk = (type, data) => {
        const out = Buffer.alloc(12 + data.length);
        out.writeUInt32BE(data.length, 0);
        out.write(type, 4);
        data.copy(out, 8);
        out.writeUInt32BE(crc(out.subarray(4, 8 + data.length)), 8 + data.length);
        return out;
    };
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(width, 0);
    ihdr.writeUInt32BE(height, 4);
    ihdr.set([8, 2, 0, 0, 0], 8);
    return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
        chunk('IDAT', zlib.deflateSync(Buffer.alloc(1000))), chunk('IEND', Buffer.alloc(0))]);
}

/**
 * An animated GIF (GIF89a, looping, 100 ms a frame) of width x height frames, frame i all
 * colours[i] (at most 4). Its LZW data is written without compressing: a clear code before
 * every two pixels keeps every code at 3 bits.
 */
function makeGif(width, height, colours) {
    const palette = [...colours, ...Array(4 - colours.length).fill([0, 0, 0])].flat();
    const le16 = (n) => [n & 255, n >> 8];
    const bytes = [...Buffer.from('GIF89a'), ...le16(width), ...le16(height), 0xf1, 0, 0, ...palette,
        0x21, 0xff, 11, ...Buffer.from('NETSCAPE2.0'), 3, 1, 0, 0, 0];
    colours.forEach((_, index) => {
        bytes.push(0x21, 0xf9, 4, 0, 10, 0, 0, 0);
        bytes.push(0x2c, 0, 0, 0, 0, ...le16(width), ...le16(height), 0);
        const codes = [];
        for (let p = 0; p < width * height; p++) {
            if (p % 2 === 0) codes.push(4);
            codes.push(index);
        }
        codes.push(5);
        const data = [];
        let acc = 0;
        let bits = 0;
        for (const code of codes) {
            acc |= code << bits;
            bits += 3;
            for (; bits >= 8; bits -= 8, acc >>= 8) data.push(acc & 255);
        }
        if (bits > 0) data.push(acc & 255);
        bytes.push(2);
        for (let o = 0; o < data.length; o += 255) bytes.push(Math.min(255, data.length - o), ...data.slice(o, o + 255));
        bytes.push(0);
    });
    bytes.push(0x3b);
    return Buffer.from(bytes);
}

/** How many frames (image descriptors) a GIF holds, walking its blocks. */
function gifFrameCount(buf) {
    let o = 13;
    if (buf[10] & 0x80) o += 3 * (2 << (buf[10] & 7));
    const skipSubBlocks = () => {
        while (buf[o] !== 0) o += buf[o] + 1;
        o += 1;
    };
    let frames = 0;
    while (o < buf.length && buf[o] !== 0x3b) {
        if (buf[o] === 0x21) {
            o += 2;
            skipSubBlocks();
        } else if (buf[o] === 0x2c) {
            frames += 1;
            const flags = buf[o + 9];
            o += 10;
            if (flags & 0x80) o += 3 * (2 << (flags & 7));
            o += 1;
            skipSubBlocks();
        } else {
            throw new Error(`not a GIF block: ${buf[o]} at ${o}`);
        }
    }
    return frames;
}

/** How many frames (ANMF chunks) an animated WebP holds. */
function webpFrameCount(buf) {
    let frames = 0;
    for (let o = 12; o + 8 <= buf.length; o += 8 + buf.readUInt32LE(o + 4) + (buf.readUInt32LE(o + 4) & 1)) {
        if (buf.subarray(o, o + 4).toString() === 'ANMF') frames += 1;
    }
    return frames;
}

// ---- helpers ----------------------------------------------------------------------------------

async function bucket(options = {}) {
    return storage.createBucket({ bucketId: ID.unique(), name: 'previews', ...options });
}

async function upload(bucketId, bytes, name) {
    return storage.createFile({ bucketId, fileId: ID.unique(), file: InputFile.fromBuffer(bytes, name) });
}

/** The preview through node-appwrite, inspected. */
async function preview(bucketId, fileId, params = {}) {
    const bytes = Buffer.from(await storage.getFilePreview({ bucketId, fileId, ...params }));
    return { bytes, ...inspect(bytes) };
}

/** A raw GET of a preview with the key (headers visible). */
async function rawPreview(bucketId, fileId, query = '', headers = { 'x-appwrite-key': server.apiKey }) {
    const res = await fetch(`${server.endpoint}/storage/buckets/${bucketId}/files/${fileId}/preview${query}`, {
        headers: { 'x-appwrite-project': server.projectId, ...headers },
    });
    return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

/** Every cached preview file (relative paths under <data>/cache/previews). */
function cachedFiles(dir = path.join(server.dataDir, 'cache', 'previews')) {
    if (!existsSync(dir)) return [];
    const out = [];
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) out.push(...cachedFiles(full));
        else out.push(path.relative(path.join(server.dataDir, 'cache', 'previews'), full));
    }
    return out;
}

const cachedFor = (fileId) => cachedFiles().filter((p) => p.split(path.sep).includes(fileId));

// ---- tests ------------------------------------------------------------------------------------

test('resize and crop: one side keeps the aspect, both crop at the gravity', async () => {
    const { $id: bucketId } = await bucket();
    const photo = await upload(bucketId, makeJpeg(400, 300, quadrants(400, 300)), 'photo.jpg');
    assert.equal(photo.mimeType, 'image/jpeg');

    const original = await preview(bucketId, photo.$id);
    assert.deepEqual([original.format, original.width, original.height], ['jpeg', 400, 300]);
    const wide = await preview(bucketId, photo.$id, { width: 200 });
    assert.deepEqual([wide.format, wide.width, wide.height], ['jpeg', 200, 150]);
    assertColour(wide.at(20, 20), RED, 'top-left of the resized photo');
    assertColour(wide.at(180, 130), WHITE, 'bottom-right of the resized photo');
    const tall = await preview(bucketId, photo.$id, { height: 100 });
    assert.deepEqual([tall.width, tall.height], [133, 100]);
    const upscaled = await preview(bucketId, photo.$id, { width: 800 });
    assert.deepEqual([upscaled.width, upscaled.height], [800, 600]);

    // A 400x100 strip, red left half and blue right half: a 100x100 window shows the gravity.
    const strip = await upload(bucketId, makeJpeg(400, 100, (x) => (x < 200 ? RED : BLUE)), 'strip.jpg');
    const left = await preview(bucketId, strip.$id, { width: 100, height: 100, gravity: sdk.ImageGravity.Left });
    assertColour(left.at(90, 50), RED, 'gravity left');
    const right = await preview(bucketId, strip.$id, { width: 100, height: 100, gravity: sdk.ImageGravity.Right });
    assertColour(right.at(10, 50), BLUE, 'gravity right');
    const center = await preview(bucketId, strip.$id, { width: 100, height: 100 });
    assert.deepEqual([center.width, center.height], [100, 100]);
    assertColour(center.at(20, 50), RED, 'center crop, left side');
    assertColour(center.at(80, 50), BLUE, 'center crop, right side');
    const bottomRight = await preview(bucketId, photo.$id, { width: 50, height: 50, gravity: sdk.ImageGravity.Bottomright });
    assertColour(bottomRight.at(25, 40), WHITE, 'gravity bottom-right');
    const topLeft = await preview(bucketId, photo.$id, { width: 50, height: 50, gravity: sdk.ImageGravity.Topleft });
    assertColour(topLeft.at(25, 10), RED, 'gravity top-left');
});

// Appwrite (utopia-php/image) coalesces a GIF's frames and crops each, and writes them all when
// the output keeps frames; other outputs get the first frame.
test('an animated GIF keeps its frames in gif and webp previews, the first frame elsewhere', async () => {
    const { $id: bucketId } = await bucket();
    const source = makeGif(40, 20, [RED, GREEN, BLUE]);
    assert.equal(gifFrameCount(source), 3);
    const file = await upload(bucketId, source, 'moving.gif');
    assert.equal(file.mimeType, 'image/gif');

    const gif = await preview(bucketId, file.$id, { width: 20 });
    assert.deepEqual([gif.format, gif.width, gif.height], ['gif', 20, 10], 'a gif keeps being a gif');
    assert.equal(gifFrameCount(gif.bytes), 3);
    const bordered = await preview(bucketId, file.$id, { width: 20, height: 20, borderWidth: 2, output: sdk.ImageFormat.Gif });
    assert.deepEqual([bordered.width, bordered.height, gifFrameCount(bordered.bytes)], [24, 24, 3]);
    const webp = await preview(bucketId, file.$id, { width: 20, output: sdk.ImageFormat.Webp });
    assert.deepEqual([webp.format, webp.width, webp.height, webpFrameCount(webp.bytes)], ['webp', 20, 10, 3]);
    const still = await preview(bucketId, file.$id, { width: 20, output: sdk.ImageFormat.Png });
    assert.deepEqual([still.format, still.width, still.height], ['png', 20, 10]);
    assertColour(still.at(10, 5), RED, 'the first frame');
});

test('output formats, quality, Content-Type and the default format', async () => {
    const { $id: bucketId } = await bucket({ encryption: true, compression: sdk.Compression.Zstd });
    const photo = await upload(bucketId, makeJpeg(400, 300, quadrants(400, 300)), 'photo.jpg');
    const expected = { jpg: ['jpeg', 'image/jpeg'], jpeg: ['jpeg', 'image/jpeg'], png: ['png', 'image/png'], webp: ['webp', 'image/webp'],
        gif: ['gif', 'image/gif'], avif: ['avif', 'image/avif'], heic: ['heic', 'image/heic'] };
    for (const [output, [format, mime]] of Object.entries(expected)) {
        const res = await rawPreview(bucketId, photo.$id, `?width=120&output=${output}`);
        assert.equal(res.status, 200, `${output}: ${res.body}`);
        assert.equal(res.headers.get('content-type'), mime, output);
        const seen = inspect(res.body);
        assert.deepEqual([seen.format, seen.width, seen.height], [format, 120, 90], output);
    }
    // Every input format Appwrite previews (JPEG, PNG, WebP, GIF, HEIC), made by the previews
    // above and uploaded back; AVIF is not one of them: it gets the file icon.
    for (const [output, mime] of [['webp', 'image/webp'], ['gif', 'image/gif'], ['heic', 'image/heic'], ['png', 'image/png']]) {
        const made = await rawPreview(bucketId, photo.$id, `?width=100&output=${output}`);
        const input = await upload(bucketId, made.body, `made.${output}`);
        assert.equal(input.mimeType, mime, output);
        const back = await preview(bucketId, input.$id, { width: 50, output: sdk.ImageFormat.Png });
        assert.deepEqual([back.format, back.width, back.height], ['png', 50, 37], output);
        assertColour(back.at(5, 5), RED, `${output} decoded`);
    }
    const avif = await upload(bucketId, (await rawPreview(bucketId, photo.$id, '?width=100&output=avif')).body, 'made.avif');
    assert.equal(avif.mimeType, 'image/avif');
    const avifIcon = await preview(bucketId, avif.$id);
    assert.deepEqual([avifIcon.format, avifIcon.width], ['png', 256]);

    const blanks = await rawPreview(bucketId, photo.$id, '?width=40&gravity=&output=&background=');
    assert.equal(blanks.status, 200, 'empty values are the defaults');
    assert.deepEqual([inspect(blanks.body).format, inspect(blanks.body).width], ['jpeg', 40]);
    const low = await preview(bucketId, photo.$id, { width: 300, quality: 5 });
    const high = await preview(bucketId, photo.$id, { width: 300, quality: 100 });
    assert.ok(low.bytes.length < high.bytes.length / 2, `quality 5 (${low.bytes.length} B) is much smaller than 100 (${high.bytes.length} B)`);

    // Without `output`: the name's extension if it is an output format, jpg for another
    // extension, the MIME type's format without one.
    const png = makePng(60, 40, () => GREEN);
    assert.equal((await preview(bucketId, (await upload(bucketId, png, 'green.png')).$id)).format, 'png');
    assert.equal((await preview(bucketId, (await upload(bucketId, png, 'green.tiff')).$id)).format, 'jpeg');
    assert.equal((await preview(bucketId, (await upload(bucketId, png, 'green')).$id)).format, 'png');
    assert.equal((await preview(bucketId, (await upload(bucketId, makeJpeg(60, 40, () => RED), 'noext')).$id)).format, 'jpeg');
});

test('rotation, border, rounded corners, background and opacity', async () => {
    const { $id: bucketId } = await bucket();
    const photo = await upload(bucketId, makeJpeg(400, 300, quadrants(400, 300)), 'photo.jpg');
    const turned = await preview(bucketId, photo.$id, { rotation: 90 });
    assert.deepEqual([turned.width, turned.height], [300, 400]);
    assertColour(turned.at(280, 20), RED, 'red moves to the top-right when turned clockwise');
    const back = await preview(bucketId, photo.$id, { rotation: -90 });
    assertColour(back.at(20, 380), RED, 'red moves to the bottom-left when turned anticlockwise');
    const tilted = await preview(bucketId, photo.$id, { rotation: 45, output: sdk.ImageFormat.Png });
    assert.ok(tilted.width > 480 && tilted.width < 510, `45 degrees widens the canvas: ${tilted.width}`);
    assert.equal(tilted.at(0, 0)[3], 0, 'the corners of a tilted picture are transparent');

    const bordered = await preview(bucketId, photo.$id, { width: 100, height: 100, borderWidth: 10, borderColor: '0000ff' });
    assert.deepEqual([bordered.width, bordered.height], [120, 120]);
    assertColour(bordered.at(3, 60), BLUE, 'the border');
    assertColour(bordered.at(20, 20), RED, 'inside the border');

    const rounded = await preview(bucketId, photo.$id, { width: 100, height: 100, borderRadius: 30, output: sdk.ImageFormat.Png });
    assert.equal(rounded.at(1, 1)[3], 0, 'a rounded corner is transparent');
    assert.equal(rounded.at(50, 50)[3], 255, 'the middle is opaque');
    const roundedJpeg = await preview(bucketId, photo.$id, { width: 100, height: 100, borderRadius: 30 });
    assertColour(roundedJpeg.at(1, 1), WHITE, 'a JPEG has no transparency: the corner is white');

    const clear = await upload(bucketId, makePng(40, 40, (x) => (x < 20 ? [0, 0, 0, 0] : [255, 0, 0, 255])), 'clear.png');
    const flat = await preview(bucketId, clear.$id, { background: '00ff00' });
    assert.equal(flat.format, 'png');
    assertColour(flat.at(5, 5), GREEN, 'background shows through the transparent half');
    assertColour(flat.at(35, 5), RED, 'the opaque half');
    const faded = await preview(bucketId, clear.$id, { opacity: 0.5 });
    assert.ok(Math.abs(faded.at(35, 5)[3] - 128) <= 2, `half opacity: alpha ${faded.at(35, 5)[3]}`);
    assert.equal(faded.at(5, 5)[3], 0, 'transparent stays transparent');
});

test('the cache: identical bytes, X-Appwrite-Cache and Cache-Control, forgotten with the file', async () => {
    const { $id: bucketId } = await bucket();
    const photo = await upload(bucketId, makeJpeg(400, 300, quadrants(400, 300)), 'photo.jpg');
    const first = await rawPreview(bucketId, photo.$id, '?width=150&quality=70');
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('x-appwrite-cache'), 'miss');
    assert.equal(first.headers.get('cache-control'), 'private, max-age=2592000');
    assert.equal(cachedFor(photo.$id).length, 1);
    const second = await rawPreview(bucketId, photo.$id, '?width=150&quality=70');
    assert.equal(second.headers.get('x-appwrite-cache'), 'hit');
    assert.equal(second.headers.get('cache-control'), 'private, max-age=15552000');
    assert.equal(second.headers.get('content-type'), 'image/jpeg');
    assert.ok(second.body.equals(first.body), 'a cached preview is byte-identical');
    // Parameters spelled differently but equal share the entry; other values do not.
    const same = await rawPreview(bucketId, photo.$id, '?quality=70&width=150&gravity=center&rotation=0');
    assert.equal(same.headers.get('x-appwrite-cache'), 'hit');
    const other = await rawPreview(bucketId, photo.$id, '?width=150&quality=71');
    assert.equal(other.headers.get('x-appwrite-cache'), 'miss');
    assert.equal(cachedFor(photo.$id).length, 2);

    // A hit neither decodes nor reads the original: with its bytes gone from the device, the
    // cached preview is still served (as Appwrite's cache does), a new one is not.
    const object = server.device.list().find((key) => path.basename(key) === photo.$id);
    assert.ok(object, 'the original is on the device');
    server.device.remove(object);
    const afterLoss = await rawPreview(bucketId, photo.$id, '?width=150&quality=70');
    assert.equal(afterLoss.status, 200);
    assert.ok(afterLoss.body.equals(first.body));
    assert.equal((await rawPreview(bucketId, photo.$id, '?width=151')).status, 404);

    // A hit still checks the file: deleted, it is gone (and so is its cache).
    await storage.deleteFile({ bucketId, fileId: photo.$id });
    assert.deepEqual(cachedFor(photo.$id), []);
    const gone = await rawPreview(bucketId, photo.$id, '?width=150&quality=70');
    assert.equal(gone.status, 404);
    assert.equal(JSON.parse(gone.body).type, 'storage_file_not_found');

    // A bucket's delete forgets its previews too.
    const kept = await upload(bucketId, makeJpeg(80, 60, () => BLUE), 'blue.jpg');
    await preview(bucketId, kept.$id, { width: 40 });
    assert.equal(cachedFor(kept.$id).length, 1);
    await storage.deleteBucket({ bucketId });
    assert.deepEqual(cachedFor(kept.$id), []);
});

test('previews rendered in parallel each get their own size', async () => {
    const { $id: bucketId } = await bucket();
    const photo = await upload(bucketId, makeJpeg(640, 480, quadrants(640, 480)), 'photo.jpg');
    const widths = [40, 80, 120, 160, 200, 240, 280, 320, 360, 400, 440, 480];
    const outputs = ['jpg', 'png', 'webp', 'gif'];
    const seen = await Promise.all(widths.map((width, i) => preview(bucketId, photo.$id, { width, output: outputs[i % 4] })));
    seen.forEach((p, i) => assert.deepEqual([p.format, p.width, p.height], [outputs[i % 4] === 'jpg' ? 'jpeg' : outputs[i % 4], widths[i], widths[i] * 3 / 4]));
});

test('files that are not images get an icon', async () => {
    const { $id: bucketId } = await bucket();
    const text = await upload(bucketId, Buffer.from('just some text\n'), 'notes.txt');
    const icon = await rawPreview(bucketId, text.$id);
    assert.equal(icon.status, 200);
    assert.equal(icon.headers.get('content-type'), 'image/png');
    const seen = inspect(icon.body);
    assert.equal(seen.format, 'png');
    assertColour(seen.at(2, 2), [0xec, 0xef, 0xf1], 'the icon lies on Appwrite\'s grey');
    const small = await preview(bucketId, text.$id, { width: 64, output: sdk.ImageFormat.Webp });
    assert.deepEqual([small.format, small.width, small.height], ['webp', 64, 64]);

    const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(4), Buffer.from('mp42isom'), Buffer.alloc(64)]);
    const video = await upload(bucketId, mp4, 'clip.mp4');
    assert.equal(video.mimeType, 'video/mp4');
    const videoIcon = await preview(bucketId, video.$id);
    assert.equal(videoIcon.format, 'png');
    assert.ok(!videoIcon.bytes.equals(icon.body), 'videos have their own icon');
});

test('bad input: parameters, corrupt and oversized images, missing bytes, transformations off', async () => {
    const { $id: bucketId } = await bucket();
    const photo = await upload(bucketId, makeJpeg(100, 100, () => RED), 'photo.jpg');
    const bad = [
        [{ width: 5000 }, 'width'], [{ height: -1 }, 'height'], [{ quality: 101 }, 'quality'], [{ rotation: 361 }, 'rotation'],
        [{ borderWidth: 101 }, 'borderWidth'], [{ borderRadius: 4001 }, 'borderRadius'], [{ opacity: 1.5 }, 'opacity'],
        [{ gravity: 'middle' }, 'gravity'], [{ output: 'bmp' }, 'output'], [{ background: 'zzz' }, 'background'],
        [{ borderColor: '#ff0000' }, 'borderColor'],
    ];
    for (const [params, name] of bad) {
        let err;
        await assert.rejects(storage.getFilePreview({ bucketId, fileId: photo.$id, ...params }), (e) => { err = e; return true; });
        assert.deepEqual([err.code, err.type], [400, 'general_argument_invalid'], `${JSON.stringify(params)}: ${err.message}`);
        assert.match(err.message, new RegExp(`\`${name}\``), JSON.stringify(params));
    }
    await rejectsWith(storage.getFilePreview({ bucketId, fileId: 'missing' }), 404, 'storage_file_not_found');
    await rejectsWith(storage.getFilePreview({ bucketId: 'nobucket', fileId: photo.$id }), 404, 'storage_bucket_not_found');

    // Corrupt: a PNG's signature and header over junk, and a JPEG cut in half. Nothing is cached.
    const junk = Buffer.concat([makePng(50, 50, () => RED).subarray(0, 33), Buffer.alloc(200, 7)]);
    const corrupt = await upload(bucketId, junk, 'broken.png');
    assert.equal(corrupt.mimeType, 'image/png');
    await rejectsWith(storage.getFilePreview({ bucketId, fileId: corrupt.$id, width: 50 }), 400, 'storage_file_type_unsupported');
    const whole = makeJpeg(300, 300, quadrants(300, 300));
    const cut = await upload(bucketId, whole.subarray(0, whole.length / 2), 'cut.jpg');
    assert.equal(cut.mimeType, 'image/jpeg');
    await rejectsWith(storage.getFilePreview({ bucketId, fileId: cut.$id }), 400, 'storage_file_type_unsupported');
    await rejectsWith(storage.getFilePreview({ bucketId, fileId: cut.$id, width: 50 }), 400, 'storage_file_type_unsupported');
    assert.deepEqual([...cachedFor(corrupt.$id), ...cachedFor(cut.$id)], []);

    // Too many pixels (20000 x 20000 claimed by the header) is refused before decoding.
    const bomb = await upload(bucketId, pngClaiming(20000, 20000), 'bomb.png');
    await rejectsWith(storage.getFilePreview({ bucketId, fileId: bomb.$id, width: 10 }), 400, 'storage_image_resolution_exceeded');

    // Bytes missing on the device.
    const lost = await upload(bucketId, makeJpeg(50, 50, () => BLUE), 'lost.jpg');
    const object = server.device.list().find((key) => path.basename(key) === lost.$id);
    assert.ok(object, 'the original is on the device');
    server.device.remove(object);
    await rejectsWith(storage.getFilePreview({ bucketId, fileId: lost.$id }), 404, 'storage_file_not_found');

    // Transformations off: keys still get previews, users do not.
    const closed = await bucket({ transformations: false, permissions: [Permission.read(Role.any())] });
    const file = await upload(closed.$id, makeJpeg(50, 50, () => GREEN), 'g.jpg');
    assert.equal((await preview(closed.$id, file.$id, { width: 10 })).width, 10);
    const guest = await rawPreview(closed.$id, file.$id, '?width=10', {});
    assert.equal(guest.status, 403);
    assert.equal(JSON.parse(guest.body).type, 'storage_bucket_transformations_disabled');
});

test('images above the 20 MB preview limit get the image icon', async () => {
    const { $id: bucketId } = await bucket({ encryption: false });
    const big = Buffer.concat([makePng(10, 10, () => RED), Buffer.alloc(21_000_000, 1)]);
    const file = await upload(bucketId, big, 'huge.png');
    assert.equal(file.mimeType, 'image/png');
    const icon = await preview(bucketId, file.$id, { width: 32 });
    assert.deepEqual([icon.format, icon.width, icon.height], ['png', 32, 32]);
});

test('the web SDK: a preview URL through a session, with fileSecurity', async () => {
    const people = [];
    for (const name of ['Ann', 'Bob']) {
        const browser = new Browser().use();
        const client = new web.Client().setEndpoint(server.endpoint).setProject(server.projectId);
        const account = new web.Account(client);
        const email = `${name.toLowerCase()}-preview-${Date.now()}@example.com`;
        const user = await account.create({ userId: web.ID.unique(), email, password: 'sup3r secret', name });
        await account.createEmailPasswordSession({ email, password: 'sup3r secret' });
        people.push({ user, browser, storage: new web.Storage(client) });
    }
    const [ann, bob] = people;
    const secured = await bucket({ permissions: [Permission.create(Role.users())], fileSecurity: true });
    ann.browser.use();
    const file = await ann.storage.createFile({ bucketId: secured.$id, fileId: web.ID.unique(), file: new File([makeJpeg(200, 100, () => BLUE)], 'mine.jpg') });

    /** What a browser with this person's session cookie gets for the SDK's preview URL. */
    const load = async (person, params) => {
        person.browser.use();
        const url = person.storage.getFilePreview({ bucketId: secured.$id, fileId: file.$id, ...params });
        assert.ok(url.startsWith(`${server.endpoint}/storage/buckets/${secured.$id}/files/${file.$id}/preview?`), url);
        const cookie = Object.entries(person.browser.cookies()).map(([k, v]) => `${k}=${v}`).join('; ');
        const res = await fetch(url, { headers: { cookie } });
        return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
    };
    const mine = await load(ann, { width: 50, output: web.ImageFormat.Png });
    assert.equal(mine.status, 200);
    assert.deepEqual([inspect(mine.body).format, inspect(mine.body).width, inspect(mine.body).height], ['png', 50, 25]);
    const theirs = await load(bob, { width: 50, output: web.ImageFormat.Png });
    assert.equal(theirs.status, 404, 'a file Bob cannot read has no preview for him, even cached');
    assert.equal(JSON.parse(theirs.body).type, 'storage_file_not_found');
});
