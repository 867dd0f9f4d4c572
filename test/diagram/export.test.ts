import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runExport } from '../../cli/src/export-command.js';
import type { ElkNode } from '../../diagram/src/layout.js';
import { checkWellFormed, EXAMPLES } from './diagram-helpers.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sysd-export-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function exportCli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const code = await runExport(argv, { stdout: t => void (stdout += t), stderr: t => void (stderr += t), cwd: EXAMPLES });
    return { code, stdout, stderr };
}

describe('sysd export', () => {
    test('svg goes to standard output and names every component', async () => {
        const { code, stdout, stderr } = await exportCli(['online-store.sysd', '--format', 'svg']);
        expect(stderr).toBe('');
        expect(code).toBe(0);
        expect(stdout.startsWith('<?xml')).toBe(true);
        expect(checkWellFormed(stdout.trim())).toBeUndefined();
        for (const name of ['Shopper', 'Api', 'Catalog', 'Cart', 'Orders', 'Payments', 'Projector', 'OrdersDb', 'CatalogIndex', 'CartCache', 'Bus', 'orders']) {
            expect(stdout).toContain(`>${name}</text>`);
        }
        expect(stdout).toContain('sysd-finding-badge');
    });

    test('a folder with imports becomes one diagram; --system and --theme apply', async () => {
        const { code, stdout } = await exportCli(['ticket-reservation', '--system', 'Payments', '--theme', 'dark']);
        expect(code).toBe(0);
        expect(stdout).toContain('sysd-theme-dark');
        expect(stdout).toContain('data-kind="system"');
        const all = await exportCli(['ticket-reservation']);
        expect(all.stdout.length).toBeGreaterThan(stdout.length);
    });

    test('png is written to a file and starts with the PNG signature', async () => {
        const file = path.join(tmp, 'store.png');
        const { code, stderr } = await exportCli(['online-store.sysd', '--format', 'png', '-o', file]);
        expect(stderr).toBe('');
        expect(code).toBe(0);
        const bytes = fs.readFileSync(file);
        expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
        // Twice the SVG's size.
        const svg = (await exportCli(['online-store.sysd'])).stdout;
        const width = Number(svg.match(/<svg[^>]* width="(\d+)"/)![1]);
        expect(bytes.readUInt32BE(16)).toBe(width * 2);
    });

    test('elk-json parses and holds the nested graph with its layout options', async () => {
        const file = path.join(tmp, 'chat.json');
        const { code } = await exportCli(['chat.sysd', '--format', 'elk-json', '-o', file]);
        expect(code).toBe(0);
        const graph = JSON.parse(fs.readFileSync(file, 'utf8')) as ElkNode;
        expect(graph.children?.length).toBeGreaterThan(0);
        expect(graph.children?.[0].children?.length).toBeGreaterThan(0);
        expect(graph.layoutOptions?.['elk.algorithm']).toBe('layered');
        const stdout = (await exportCli(['chat.sysd', '--format', 'elk-json'])).stdout;
        expect(JSON.parse(stdout)).toEqual(graph);
    });

    test('svg carries the legend unless --no-legend', async () => {
        const { code, stdout } = await exportCli(['online-store.sysd']);
        expect(code).toBe(0);
        expect(stdout).toContain('class="sysd-legend"');
        expect(stdout).toContain('>Legend</text>');
        const bare = await exportCli(['online-store.sysd', '--no-legend']);
        expect(bare.code).toBe(0);
        expect(bare.stdout).not.toContain('class="sysd-legend"');
    });

    test('elk-json --laid-out holds the routes and label boxes the svg draws', async () => {
        const laid = await exportCli(['ride-sharing', '--format', 'elk-json', '--laid-out']);
        expect(laid.code).toBe(0);
        const root = JSON.parse(laid.stdout) as ElkNode;
        const edges: NonNullable<ElkNode['edges']> = [];
        const walk = (n: ElkNode) => {
            edges.push(...(n.edges ?? []));
            for (const c of n.children ?? []) walk(c);
        };
        walk(root);
        const svg = (await exportCli(['ride-sharing', '--no-legend'])).stdout;
        expect(edges.length).toBeGreaterThan(5);
        for (const e of edges) {
            const points = (e.sections ?? []).flatMap(s => [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]);
            expect(points.length, e.id).toBeGreaterThanOrEqual(2);
            // The svg path of the same edge starts where the ELK route starts (both in the picture's coordinates).
            const round = (v: number) => String(Math.round(v * 10) / 10);
            expect(svg).toContain(`M${round(points[0].x)},${round(points[0].y)}`);
            for (const label of e.labels ?? []) expect(label.x).toEqual(expect.any(Number));
        }
    });

    test('usage and I/O errors exit with 2', async () => {
        expect((await exportCli(['online-store.sysd', '--format', 'png'])).code).toBe(2);
        expect((await exportCli(['online-store.sysd', '--format', 'gif'])).stderr).toContain("Unknown format 'gif'");
        expect((await exportCli(['online-store.sysd', '--theme', 'neon'])).code).toBe(2);
        expect((await exportCli([])).code).toBe(2);
        const missing = await exportCli(['nope.sysd']);
        expect(missing.code).toBe(2);
        expect(missing.stderr).toContain('nope.sysd does not exist');
        const system = await exportCli(['online-store.sysd', '--system', 'Nope']);
        expect(system.code).toBe(2);
        expect(system.stderr).toContain("no system named 'Nope' (systems: Store)");
        const unwritable = await exportCli(['online-store.sysd', '-o', path.join(tmp, 'missing-dir', 'x.svg')]);
        expect(unwritable.code).toBe(2);
        expect(unwritable.stderr).toContain('cannot write');
        const help = await exportCli(['--help']);
        expect(help.code).toBe(0);
        expect(help.stdout).toContain('--format svg|png|elk-json');
    });
});
