// Assembles an animated PNG (APNG) from PNG screenshots of the same size and format, without
// decoding them: the first frame's image data stays the default image (what a viewer without APNG
// support shows), and every frame's compressed IDAT data is carried as is, in fdAT chunks for the
// later frames. Used by the e2e walkthrough scenario to write the README's animation.
//
//   node scripts/apng.mjs out.png frame1.png frame2.png ... [--delay 2000]
//
// Spec: https://wiki.mozilla.org/APNG_Specification (acTL, fcTL, fdAT with one sequence number
// across fcTL and fdAT chunks).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The chunks of a PNG file, `{ type, data }`, checked for their signature and CRCs. */
export function readChunks(bytes, name = 'PNG') {
    if (bytes.length < 8 || !bytes.subarray(0, 8).equals(SIGNATURE)) throw new Error(`${name} is not a PNG file`);
    const chunks = [];
    let at = 8;
    while (at < bytes.length) {
        if (at + 12 > bytes.length) throw new Error(`${name}: truncated chunk at byte ${at}`);
        const length = bytes.readUInt32BE(at);
        const type = bytes.toString('latin1', at + 4, at + 8);
        const end = at + 12 + length;
        if (end > bytes.length) throw new Error(`${name}: chunk ${type} runs past the end of the file`);
        const data = bytes.subarray(at + 8, at + 8 + length);
        if (crc32(bytes.subarray(at + 4, at + 8 + length)) !== bytes.readUInt32BE(at + 8 + length)) throw new Error(`${name}: bad CRC in chunk ${type}`);
        chunks.push({ type, data });
        at = end;
        if (type === 'IEND') break;
    }
    return chunks;
}

function chunk(type, data) {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const tail = Buffer.alloc(4);
    tail.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, tail]);
}

function u32(...values) {
    const buffer = Buffer.alloc(values.length * 4);
    values.forEach((value, i) => buffer.writeUInt32BE(value, i * 4));
    return buffer;
}

/**
 * The APNG of `frames` (PNG bytes), each shown `delayMs`, looping forever. All frames must share the
 * IHDR (size, bit depth, colour type, interlacing) and have no palette of their own.
 */
export function apngBytes(frames, { delayMs = 1500 } = {}) {
    if (frames.length === 0) throw new Error('an animation needs at least one frame');
    const parsed = frames.map((bytes, i) => readChunks(bytes, `frame ${i + 1}`));
    const ihdr = parsed[0].find(c => c.type === 'IHDR')?.data;
    if (!ihdr) throw new Error('frame 1 has no IHDR');
    for (const [i, chunks] of parsed.entries()) {
        const own = chunks.find(c => c.type === 'IHDR')?.data;
        if (!own?.equals(ihdr)) throw new Error(`frame ${i + 1} differs from frame 1 in size or pixel format`);
        if (chunks.some(c => c.type === 'PLTE') || chunks.some(c => c.type === 'acTL')) throw new Error(`frame ${i + 1} has a palette or is animated itself`);
    }
    const width = ihdr.readUInt32BE(0);
    const height = ihdr.readUInt32BE(4);
    const delay = Math.max(1, Math.min(65_535, Math.round(delayMs)));
    // Ancillary chunks of the first frame that precede the image data (colour space, gamma...).
    const before = parsed[0].filter(c => !['IHDR', 'IDAT', 'IEND'].includes(c.type) && parsed[0].indexOf(c) < parsed[0].findIndex(d => d.type === 'IDAT'));
    const out = [SIGNATURE, chunk('IHDR', ihdr), chunk('acTL', u32(frames.length, 0)), ...before.map(c => chunk(c.type, c.data))];
    let sequence = 0;
    for (const [i, chunks] of parsed.entries()) {
        // fcTL: sequence, width, height, x, y, delay numerator/denominator (u16 each), dispose and blend ops.
        const control = Buffer.concat([u32(sequence++, width, height, 0, 0), Buffer.from([delay >> 8, delay & 0xff, 0x03, 0xe8, 0, 0])]);
        out.push(chunk('fcTL', control));
        for (const data of chunks.filter(c => c.type === 'IDAT').map(c => c.data)) {
            out.push(i === 0 ? chunk('IDAT', data) : chunk('fdAT', Buffer.concat([u32(sequence++), data])));
        }
    }
    out.push(chunk('IEND', Buffer.alloc(0)));
    return Buffer.concat(out);
}

/** Writes the APNG of the PNG files `framePaths` to `outPath`; returns its size in bytes. */
export function assembleApng(framePaths, outPath, options = {}) {
    const bytes = apngBytes(framePaths.map(path => readFileSync(path)), options);
    writeFileSync(outPath, bytes);
    return bytes.length;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    const args = process.argv.slice(2);
    const at = args.indexOf('--delay');
    const delayMs = at >= 0 ? Number(args.splice(at, 2)[1]) : undefined;
    const [outPath, ...framePaths] = args;
    if (!outPath || framePaths.length === 0) {
        console.error('usage: node scripts/apng.mjs out.png frame1.png frame2.png ... [--delay ms]');
        process.exit(2);
    }
    console.log(`${outPath}: ${framePaths.length} frames, ${assembleApng(framePaths, outPath, { delayMs })} bytes`);
}
