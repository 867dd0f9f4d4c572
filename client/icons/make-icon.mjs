// Draws client/icons/icon.png (128x128, the Marketplace icon) without any image library:
// three connected nodes on a rounded square, rasterized with 4x4 supersampling, written as a PNG.
// Run: node client/icons/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4;
const background = [30, 58, 95];
const edge = [224, 232, 240];
const nodes = [
    { x: 64, y: 36, r: 15, color: [79, 195, 247] },
    { x: 34, y: 90, r: 15, color: [255, 183, 77] },
    { x: 94, y: 90, r: 15, color: [129, 199, 132] }
];
const edges = [[0, 1], [0, 2], [1, 2]];

function insideRoundedSquare(x, y) {
    const radius = 26;
    const cx = Math.min(Math.max(x, radius), SIZE - radius);
    const cy = Math.min(Math.max(y, radius), SIZE - radius);
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

function distanceToSegment(px, py, ax, ay, bx, by) {
    const dx = bx - ax, dy = by - ay;
    const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
    return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** The colour at one sample point, or undefined outside the icon. */
function sample(x, y) {
    if (!insideRoundedSquare(x, y)) return undefined;
    for (const node of nodes) {
        const d = Math.hypot(x - node.x, y - node.y);
        if (d <= node.r - 3) return node.color;
        if (d <= node.r) return [255, 255, 255];
    }
    for (const [a, b] of edges) {
        if (distanceToSegment(x, y, nodes[a].x, nodes[a].y, nodes[b].x, nodes[b].y) <= 3) return edge;
    }
    return background;
}

const rows = [];
for (let y = 0; y < SIZE; y++) {
    const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0, then RGBA
    for (let x = 0; x < SIZE; x++) {
        let r = 0, g = 0, b = 0, a = 0;
        for (let sy = 0; sy < SAMPLES; sy++) {
            for (let sx = 0; sx < SAMPLES; sx++) {
                const color = sample(x + (sx + 0.5) / SAMPLES, y + (sy + 0.5) / SAMPLES);
                if (!color) continue;
                r += color[0]; g += color[1]; b += color[2]; a++;
            }
        }
        const offset = 1 + x * 4;
        if (a > 0) {
            row[offset] = Math.round(r / a);
            row[offset + 1] = Math.round(g / a);
            row[offset + 2] = Math.round(b / a);
        }
        row[offset + 3] = Math.round((a / (SAMPLES * SAMPLES)) * 255);
    }
    rows.push(row);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
});
function crc32(buffer) {
    let c = 0xffffffff;
    for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0))
]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
console.log(`icon.png: ${png.length} bytes`);
