// The extension as the Marketplace and a new user see it: the README's links and pictures (shipped in
// the .vsix), the animated PNG of the walkthrough, the repository metadata, the editor context menu
// and the Get Started walkthrough's steps.
import { existsSync, readFileSync } from 'node:fs';
import { inflateSync, deflateSync, crc32 } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { apngBytes, readChunks } from '../../scripts/apng.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(`${root}${path}`, 'utf8');

interface Step { id: string; title: string; description: string; media: { image?: string; markdown?: string; altText?: string }; completionEvents: string[] }
interface Manifest {
    repository: { type: string; url: string };
    homepage: string;
    bugs: { url: string };
    contributes: {
        commands: { command: string; title: string }[];
        menus: Record<string, { command: string; when?: string; group?: string }[]>;
        walkthroughs: { id: string; title: string; steps: Step[] }[];
    };
}
const manifest = JSON.parse(read('package.json')) as Manifest;

/** Whether .vscodeignore lets `path` into the package (vsce's rules: the last matching line wins, `!` lets in). */
function shipped(path: string): boolean {
    let included = true;
    for (const raw of read('.vscodeignore').split('\n')) {
        const line = raw.trim();
        if (!line || line.startsWith('#')) continue;
        const negated = line.startsWith('!');
        const glob = negated ? line.slice(1) : line;
        const pattern = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&')
            .replace(/\*\*\//g, '§DIRS§').replace(/\*\*/g, '§ANY§').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')
            .replace(/§DIRS§/g, '(?:.*/)?').replace(/§ANY§/g, '.*');
        if (new RegExp(`^${pattern}$`).test(path)) included = negated;
    }
    return included;
}

/** The README's link and image targets that are files of the repository (no web addresses, no anchors only). */
function readmeTargets(): { image: boolean; target: string }[] {
    const text = read('README.md');
    return [...text.matchAll(/(!?)\[[^\]]*\]\(([^)\s]+)[^)]*\)/g)]
        .map(m => ({ image: m[1] === '!', target: m[2] }))
        .filter(link => !/^[a-z]+:/i.test(link.target) && !link.target.startsWith('#'));
}

describe('README as the extension page', () => {
    it('links only files that exist, and its pictures ship in the .vsix', () => {
        const targets = readmeTargets();
        expect(targets.filter(t => t.image).length).toBeGreaterThanOrEqual(3);
        for (const { image, target } of targets) {
            const path = target.split('#')[0];
            expect(existsSync(`${root}${path}`), target).toBe(true);
            if (image) expect(shipped(path), `${path} is left out of the .vsix by .vscodeignore`).toBe(true);
        }
    });

    it('links its own sections by anchors that exist', () => {
        const text = read('README.md');
        const anchors = new Set([...text.matchAll(/^#+ (.+)$/gm)].map(m => m[1].toLowerCase().replace(/[^\w\s-]/g, '').trim().replace(/\s+/g, '-')));
        for (const [, anchor] of text.matchAll(/\]\(#([^)]+)\)/g)) expect(anchors.has(anchor), `#${anchor}`).toBe(true);
    });

    it('opens with what sysd is, its pictures, then the two commands that set up and run the main job and the tests', () => {
        const text = read('README.md');
        const firstBlock = /```bash\n([\s\S]*?)```/.exec(text)![1].split('\n').filter(Boolean).map(line => line.replace(/\s+#.*$/, ''));
        expect(firstBlock.slice(0, 2)).toEqual(['npm ci && npm run examples', 'npm ci && npm test && npm run test:e2e']);
        const order = ['![', '```bash', '## Install', '## The first five minutes', '## CLI', '## Developing sysd'].map(marker => text.indexOf(marker));
        expect(order.every(at => at >= 0), 'every part is there').toBe(true);
        expect([...order].sort((a, b) => a - b)).toEqual(order);
        // Two sentences before the first picture.
        const intro = text.slice(text.indexOf('\n\n'), text.indexOf('![')).trim();
        expect(intro.split(/(?<=\.)\s+(?=[A-Z])/)).toHaveLength(2);
    });

    it('animates the walkthrough in an APNG of the e2e run\'s frames', () => {
        const bytes = readFileSync(`${root}docs/images/walkthrough.png`);
        const chunks = readChunks(bytes, 'walkthrough.png');
        const actl = chunks.find(c => c.type === 'acTL')!;
        expect(actl, 'an animation control chunk').toBeDefined();
        const frames = actl.data.readUInt32BE(0);
        expect(frames).toBeGreaterThanOrEqual(4);
        expect(chunks.filter(c => c.type === 'fcTL')).toHaveLength(frames);
        // The first frame is the PNG's default image: it follows its frame control, before any fdAT.
        const types = chunks.map(c => c.type);
        expect(types.indexOf('fcTL')).toBeLessThan(types.indexOf('IDAT'));
        expect(types.indexOf('IDAT')).toBeLessThan(types.indexOf('fdAT'));
    });
});

/** A w×h 8-bit RGB PNG filled with one colour. */
function solidPng(width: number, height: number, rgb: [number, number, number]): Buffer {
    const chunk = (type: string, data: Buffer) => {
        const head = Buffer.alloc(8);
        head.writeUInt32BE(data.length, 0);
        head.write(type, 4, 'latin1');
        const crc = Buffer.alloc(4);
        crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
        return Buffer.concat([head, data, crc]);
    };
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(width, 0);
    ihdr.writeUInt32BE(height, 4);
    ihdr.set([8, 2, 0, 0, 0], 8);
    const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
    const raw = Buffer.concat(Array.from({ length: height }, () => row));
    return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

describe('scripts/apng.mjs', () => {
    it('carries every frame\'s image data with one sequence across fcTL and fdAT, and the delay asked for', () => {
        const frames = [solidPng(4, 3, [255, 0, 0]), solidPng(4, 3, [0, 255, 0]), solidPng(4, 3, [0, 0, 255])];
        const chunks = readChunks(apngBytes(frames, { delayMs: 1200 }));
        expect(chunks.map(c => c.type)).toEqual(['IHDR', 'acTL', 'fcTL', 'IDAT', 'fcTL', 'fdAT', 'fcTL', 'fdAT', 'IEND']);
        expect(chunks[1].data.readUInt32BE(0)).toBe(3); // frames
        expect(chunks[1].data.readUInt32BE(4)).toBe(0); // loop forever
        const sequenced = chunks.filter(c => c.type === 'fcTL' || c.type === 'fdAT').map(c => c.data.readUInt32BE(0));
        expect(sequenced).toEqual([0, 1, 2, 3, 4]);
        const fctl = chunks[2].data;
        expect([fctl.readUInt32BE(4), fctl.readUInt32BE(8)]).toEqual([4, 3]);
        expect(fctl.readUInt16BE(20) / fctl.readUInt16BE(22)).toBe(1.2);
        // Each frame decodes to its own colour.
        const pixel = (data: Buffer) => [...inflateSync(data).subarray(1, 4)];
        expect(pixel(chunks[3].data)).toEqual([255, 0, 0]);
        expect(pixel(chunks[5].data.subarray(4))).toEqual([0, 255, 0]);
        expect(pixel(chunks[7].data.subarray(4))).toEqual([0, 0, 255]);
    });

    it('refuses frames of different sizes and files that are not PNG', () => {
        expect(() => apngBytes([solidPng(4, 3, [0, 0, 0]), solidPng(5, 3, [0, 0, 0])])).toThrow(/frame 2 differs/);
        expect(() => apngBytes([Buffer.from('GIF89a')])).toThrow(/not a PNG/);
        const broken = solidPng(2, 2, [1, 2, 3]);
        broken[broken.length - 20] ^= 0xff;
        expect(() => apngBytes([broken])).toThrow(/bad CRC/);
    });
});

describe('manifest for the Marketplace', () => {
    it('names the repository, its README as the homepage and its issues for bugs', () => {
        expect(manifest.repository).toEqual({ type: 'git', url: 'https://github.com/sysd-dev/sysd' });
        expect(manifest.homepage).toBe('https://github.com/sysd-dev/sysd#readme');
        expect(manifest.bugs).toEqual({ url: 'https://github.com/sysd-dev/sysd/issues' });
    });

    it('offers Show in Diagram and Explain This in the context menu of .sysd editors only', () => {
        const menu = manifest.contributes.menus['editor/context'];
        expect(menu.map(item => [item.command, item.when])).toEqual([
            ['sysd.showInDiagram', 'editorLangId == sysd'],
            ['sysd.explainThis', 'editorLangId == sysd']
        ]);
        const titles = new Map(manifest.contributes.commands.map(c => [c.command, c.title]));
        expect(titles.get('sysd.showInDiagram')).toBe('Show in Diagram');
        expect(titles.get('sysd.explainThis')).toBe('Explain This');
    });

    it('walks a new user through the example, a finding, a quick fix and the preview', () => {
        const [walkthrough] = manifest.contributes.walkthroughs;
        expect(walkthrough.title).toBe('Get Started with SysD');
        expect(walkthrough.steps.map(step => step.title)).toEqual(['Open an example architecture', 'See a finding', 'Apply a quick fix', 'Open the diagram']);
        const commands = new Set(manifest.contributes.commands.map(c => c.command));
        for (const step of walkthrough.steps) {
            // A button that runs one of the extension's commands, and an event that checks the step off.
            const buttons = [...step.description.matchAll(/\]\(command:([\w.]+)\)/g)].map(m => m[1]);
            expect(buttons, step.id).toHaveLength(1);
            expect(commands.has(buttons[0]), `${step.id}: ${buttons[0]} is contributed`).toBe(true);
            expect(step.completionEvents.length, step.id).toBeGreaterThan(0);
            // Its picture exists and ships.
            const media = step.media.image ?? step.media.markdown!;
            expect(existsSync(`${root}${media}`), media).toBe(true);
            expect(shipped(media), `${media} ships`).toBe(true);
            expect(step.media.altText ?? 'a markdown page describes itself', step.id).toMatch(/^.{20,}$/);
        }
        // The quick-fix step is done when a fix removed a finding, which the client tells by a context key it sets.
        expect(walkthrough.steps[2].completionEvents).toEqual(['onContext:sysd.walkthrough.fixApplied']);
        expect(read('client/src/walkthrough/walkthrough.ts')).toContain("'sysd.walkthrough.fixApplied'");
        // The example the first step opens ships with the extension.
        expect(shipped('client/walkthrough/shop.sysd')).toBe(true);
    });
});
