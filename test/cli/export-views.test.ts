// `sysd export --view`, `--list-views`, `--sequence` and `--format elk-json --laid-out`, run through the
// CLI's entry point on the examples as a user types them: every format draws the same view, one file
// defaults to its own systems, several files or a folder to the whole workspace.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ElkEdge, ElkNode } from '../../diagram/src/layout.js';
import { cli, fixture } from './cli-helpers.js';

const EXAMPLES = path.resolve(__dirname, '../../examples');
/** The eight systems the example files declare (ride-sharing's Rides is split over three files). */
const EXAMPLE_SYSTEMS = ['Ads', 'Chat', 'Learn', 'Payments', 'Rides', 'Shortener', 'Store', 'Tickets'];

/** Every node of an ELK graph (the root excluded) and every edge, wherever ELK keeps it. */
function elkContents(root: ElkNode): { nodes: ElkNode[]; edges: ElkEdge[] } {
    const nodes: ElkNode[] = [];
    const edges: ElkEdge[] = [...(root.edges ?? [])];
    const walk = (list: ElkNode[] | undefined) => {
        for (const node of list ?? []) {
            nodes.push(node);
            edges.push(...(node.edges ?? []));
            walk(node.children);
        }
    };
    walk(root.children);
    return { nodes, edges };
}

/** The control characters (line breaks aside) and bidi overrides a text holds as they are. */
function rawControls(text: string): number[] {
    return [...text].map(c => c.charCodeAt(0)).filter(code => (code < 0x20 && code !== 0x0a) || code === 0x202e);
}

async function elkJson(args: string[]): Promise<ElkNode> {
    const result = await cli(EXAMPLES, ['export', ...args, '--format', 'elk-json']);
    expect(result.stderr).not.toContain('sysd: error');
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout) as ElkNode;
}

describe('sysd export: which view', () => {
    it('draws one file as its own systems: trips.sysd shows Rides as trips.sysd declares it, nothing else', async () => {
        const ids = elkContents(await elkJson(['ride-sharing/trips.sysd'])).nodes.map(n => n.id);
        expect(ids).toEqual(expect.arrayContaining(['system:Rides', 'Rides.Trips', 'Rides.TripRelay', 'Rides.Matching', 'Rides.Pricing', 'Rides.TripsDb']));
        expect(ids.filter(id => id !== 'system:Rides' && !id.startsWith('Rides.'))).toEqual([]);
        // The parts of Rides declared in the other two files are not loaded, so not drawn (the
        // references to them are errors of this file alone, reported as a warning).
        expect(ids).not.toContain('Rides.LocationIngest');
    });

    it('shows what the file talks to in another file as a stand-in, and nothing else of that file', async () => {
        const ids = elkContents(await elkJson(['ticket-reservation/tickets.sysd'])).nodes.map(n => n.id);
        expect(ids).toContain('Tickets.Orders');
        // tickets.sysd imports payments.sysd and calls Payments.Billing: a stand-in, without its database or its PSP.
        expect(ids).toContain('Payments.Billing');
        expect(ids).not.toContain('Payments.BillingDb');
        expect(ids).not.toContain('Payments.Psp');
        // The same file with --view all: the whole workspace (the import included).
        const all = elkContents(await elkJson(['ticket-reservation/tickets.sysd', '--view', 'all'])).nodes.map(n => n.id);
        expect(all).toEqual(expect.arrayContaining(['Payments.BillingDb', 'Payments.Psp']));
    });

    it('draws a folder as the whole workspace, and --view all draws every system of it', async () => {
        // System groups are the ELK nodes `system:<id>`.
        const systems = (graph: ElkNode) => elkContents(graph).nodes.map(n => n.id).filter(id => id.startsWith('system:')).sort();
        const folder = await elkJson(['.']);
        expect(systems(folder)).toEqual(EXAMPLE_SYSTEMS.map(s => `system:${s}`));
        expect(await elkJson(['.', '--view', 'all'])).toEqual(folder);
        // Several files: all of them too.
        expect(systems(await elkJson(['chat.sysd', 'url-shortener.sysd']))).toEqual(['system:Chat', 'system:Shortener']);
    });

    it('--view system:Rides and --system Rides draw the same graph: Rides from all three files, no other system', async () => {
        const byView = await elkJson(['ride-sharing', '--view', 'system:Rides']);
        const bySystem = await elkJson(['ride-sharing', '--system', 'Rides']);
        expect(bySystem).toEqual(byView);
        const ids = elkContents(byView).nodes.map(n => n.id);
        expect(ids).toEqual(expect.arrayContaining(['Rides.Trips', 'Rides.LocationIngest', 'Rides.Mobile']));
        const wide = elkContents(await elkJson(['.', '--view', 'Rides'])).nodes.map(n => n.id);
        expect(wide.filter(id => /^(Store|Chat|Tickets|Ads)\b/.test(id))).toEqual([]);
    });

    it('draws a declared view by key, by name and by title', async () => {
        const byKey = await elkJson(['ride-sharing', '--view', 'view:Rides.Booking']);
        const ids = elkContents(byKey).nodes.map(n => n.id);
        expect(ids).toEqual(expect.arrayContaining(['Rides.RiderApp', 'Rides.Mobile', 'Rides.Trips', 'Rides.Pricing']));
        expect(ids.length).toBeLessThan(elkContents(await elkJson(['ride-sharing'])).nodes.length);
        expect(await elkJson(['ride-sharing', '--view', 'Booking'])).toEqual(byKey);
        expect(await elkJson(['ride-sharing', '--view', 'Booking a ride'])).toEqual(byKey);
        // `exclude TripRelay`, and the driver side the view leaves out: only stand-ins, for what the
        // shown components talk to.
        const mermaid = await cli(EXAMPLES, ['export', 'ride-sharing', '--format', 'mermaid', '--view', 'Booking']);
        const stubs = /^\s*class ([^\s]+) stub$/m.exec(mermaid.stdout)?.[1].split(',') ?? [];
        expect(stubs).toEqual(expect.arrayContaining(['n_Rides__TripRelay', 'n_Rides__DriverApp']));
        expect(stubs).not.toContain('n_Rides__Trips');
    });

    it('accepts a file view by path, relative to the working folder', async () => {
        const ids = elkContents(await elkJson(['ticket-reservation', '--view', 'file:ticket-reservation/payments.sysd'])).nodes.map(n => n.id);
        expect(ids).toContain('Payments.Psp');
        expect(ids).not.toContain('Tickets.Api');
        const wrong = await cli(EXAMPLES, ['export', 'ticket-reservation', '--view', 'file:chat.sysd', '--format', 'elk-json']);
        expect(wrong.code).toBe(2);
        expect(wrong.stderr).toContain("'chat.sysd' is not one of the files drawn");
    });

    it('draws the view in svg', async () => {
        const result = await cli(EXAMPLES, ['export', 'ride-sharing', '--view', 'neighbourhood:Rides.Pricing']);
        expect(result.code).toBe(0);
        expect(result.stdout).toContain('data-id="Rides.Pricing"');
        expect(result.stdout).toContain('data-id="Rides.Matching"');
        // Two relations away from Pricing: not in its neighbourhood.
        expect(result.stdout).not.toContain('data-id="Rides.LocationIngest"');
    });

    it('draws the view in Mermaid: one file its systems, a folder everything, --view one system', async () => {
        const file = await cli(EXAMPLES, ['export', 'ticket-reservation/tickets.sysd', '--format', 'mermaid']);
        expect(file.code).toBe(0);
        expect(file.stdout).toMatch(/^flowchart/m);
        expect(file.stdout).toContain('Orders');
        expect(file.stdout).not.toContain('BillingDb');
        const folder = await cli(EXAMPLES, ['export', '.', '--format', 'mermaid']);
        expect(folder.stdout).toContain('BillingDb');
        expect(folder.stdout).toContain('LocationIngest');
        const rides = await cli(EXAMPLES, ['export', '.', '--format', 'mermaid', '--view', 'system:Rides']);
        expect(rides.code).toBe(0);
        expect(rides.stdout).toContain('LocationIngest');
        expect(rides.stdout).not.toContain('BillingDb');
    });

    it('refuses a view that names nothing with exit 2 and the closest names', async () => {
        const result = await cli(EXAMPLES, ['export', 'ride-sharing', '--view', 'Ridez', '--format', 'elk-json']);
        expect(result.code).toBe(2);
        expect(result.stdout).toBe('');
        expect(result.stderr).toContain("did you mean 'Rides'");
        for (const format of ['svg', 'mermaid', 'markdown']) {
            const other = await cli(EXAMPLES, ['export', 'ride-sharing', '--view', 'system:Ridez', '--format', format]);
            expect(other.code, format).toBe(2);
            expect(other.stderr, format).toContain("did you mean 'Rides'");
        }
        const both = await cli(EXAMPLES, ['export', 'ride-sharing', '--view', 'all', '--system', 'Rides']);
        expect(both.code).toBe(2);
        expect(both.stderr).toContain('give one of them');
    });
});

describe('sysd export --list-views', () => {
    it('prints one view a line (key, title, detail), the file view first for one file', async () => {
        const result = await cli(EXAMPLES, ['export', 'ticket-reservation/tickets.sysd', '--list-views']);
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        const lines = result.stdout.trimEnd().split('\n');
        expect(lines[0]).toMatch(/^file:file:\/\/\S+\/tickets\.sysd +Tickets +tickets\.sysd · \d+ components$/);
        const keys = lines.map(line => line.split(/ +/)[0]);
        expect(keys).toEqual(expect.arrayContaining(['system:Tickets', 'system:Payments', 'all', 'deployment', 'saga:Tickets.Booking']));
        expect(lines.find(line => line.startsWith('system:Payments'))).toMatch(/system · 3 components$/);
    });

    it('prints JSON with --format json, marking the default', async () => {
        const result = await cli(EXAMPLES, ['export', 'ride-sharing', '--list-views', '--format', 'json']);
        expect(result.code).toBe(0);
        const views = JSON.parse(result.stdout) as { key: string; kind: string; title: string; components: number; file?: string; line?: number; default: boolean }[];
        expect(views.filter(v => v.default).map(v => v.key)).toEqual(['all']);
        const rides = views.find(v => v.key === 'system:Rides')!;
        expect(rides).toMatchObject({ kind: 'system', title: 'Rides' });
        expect(rides.components).toBeGreaterThan(10);
        const flow = views.find(v => v.key === 'flow:Rides.RequestRide')!;
        expect(flow).toMatchObject({ kind: 'flow', file: path.join('ride-sharing', 'platform.sysd'), line: 35 });
        // Every listed key is accepted by --view.
        for (const view of views.slice(0, 4)) {
            expect((await cli(EXAMPLES, ['export', 'ride-sharing', '--view', view.key, '--format', 'elk-json'])).code, view.key).toBe(0);
        }
    });

    it('shows the control characters of a view\'s title and description instead of sending them to the terminal', async () => {
        const root = fixture({ 'odd.sysd': 'system Shop {\n  service Orders\n  view Odd {\n    title "Odd\u001b]0;pwned\u0007"\n    description "right\u202eleft"\n    include Orders\n  }\n}\n' });
        const text = await cli(root, ['export', 'odd.sysd', '--list-views']);
        expect(text.code).toBe(0);
        expect(text.stdout).toMatch(/^view:Shop\.Odd +\S+ +right\\u202eleft · 1 component$/m);
        expect(rawControls(text.stdout)).toEqual([]);
        const json = await cli(root, ['export', 'odd.sysd', '--list-views', '--format', 'json']);
        expect(rawControls(json.stdout)).toEqual([]);
        // Escaped in the JSON text, the same characters once parsed.
        expect((JSON.parse(json.stdout) as { detail?: string }[]).map(v => v.detail)).toContain('right\u202eleft · 1 component');
    });

    it('refuses other formats and -o', async () => {
        expect((await cli(EXAMPLES, ['export', 'chat.sysd', '--list-views', '--format', 'svg'])).code).toBe(2);
        const output = await cli(EXAMPLES, ['export', 'chat.sysd', '--list-views', '-o', 'views.txt']);
        expect(output.code).toBe(2);
        expect(output.stderr).toContain('--list-views prints to standard output');
    });
});

describe('sysd export --format elk-json --laid-out', () => {
    it('writes the graph after layout: node positions, edge sections with bend points, label boxes', async () => {
        const plain = await elkJson(['ride-sharing']);
        const laidOut = await elkJson(['ride-sharing', '--laid-out']);
        const before = elkContents(plain);
        const after = elkContents(laidOut);
        expect(before.nodes.every(n => n.x === undefined && n.y === undefined)).toBe(true);
        expect(before.edges.every(e => e.sections === undefined)).toBe(true);

        expect(after.nodes.map(n => n.id).sort()).toEqual(before.nodes.map(n => n.id).sort());
        for (const node of after.nodes) {
            expect(typeof node.x, node.id).toBe('number');
            expect(typeof node.y, node.id).toBe('number');
            expect(node.width, node.id).toBeGreaterThan(0);
        }
        expect(after.edges.length).toBe(before.edges.length);
        const routed = after.edges.filter(e => (e.sections ?? []).length > 0);
        expect(routed.length).toBe(after.edges.length);
        for (const edge of routed) {
            const section = edge.sections![0];
            expect(typeof section.startPoint.x, edge.id).toBe('number');
            expect(typeof section.endPoint.y, edge.id).toBe('number');
        }
        // Orthogonal routing bends somewhere in a picture of this size.
        expect(routed.some(e => (e.sections![0].bendPoints ?? []).length > 0)).toBe(true);
        const labels = after.edges.flatMap(e => e.labels ?? []);
        expect(labels.length).toBeGreaterThan(0);
        for (const label of labels) expect([label.x, label.y, label.width, label.height].every(v => typeof v === 'number')).toBe(true);
    });

    it('routes every edge of a big workspace, those sysd draws itself included', async () => {
        // 3 systems of 50 services (more nodes than ELK lays out in one piece), calling across systems.
        const systems = ['A', 'B', 'C'].map((name, s) => `system ${name} {\n${Array.from({ length: 50 }, (_, i) =>
            `  service S${i} { calls ${['A', 'B', 'C'][(s + 1) % 3]}.S${(i * 7) % 50} { timeout 1s } }`).join('\n')}\n}\n`);
        const root = fixture({ 'big.sysd': systems.join('') });
        const result = await cli(root, ['export', 'big.sysd', '--format', 'elk-json', '--laid-out']);
        expect(result.code).toBe(0);
        expect(result.stdout).not.toContain('"$H"');
        const { nodes, edges } = elkContents(JSON.parse(result.stdout) as ElkNode);
        expect(nodes.filter(n => !n.id.startsWith('system:'))).toHaveLength(150);
        expect(edges).toHaveLength(150);
        for (const edge of edges) {
            expect(edge.sections?.length, edge.id).toBeGreaterThan(0);
            // The real ends, not the group boxes a separate layout routes between.
            expect(edge.sources[0], edge.id).toMatch(/^[ABC]\.S\d+$/);
            expect(edge.targets[0], edge.id).toMatch(/^[ABC]\.S\d+$/);
        }
    }, 60_000);

    it('applies to elk-json only', async () => {
        const result = await cli(EXAMPLES, ['export', 'chat.sysd', '--laid-out']);
        expect(result.code).toBe(2);
        expect(result.stderr).toContain('--laid-out applies to --format elk-json only');
    });
});

describe('sysd export --sequence', () => {
    it('writes a saga as a Mermaid sequence diagram, in Markdown too', async () => {
        const result = await cli(EXAMPLES, ['export', 'ticket-reservation', '--format', 'mermaid', '--sequence', 'Booking']);
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        expect(result.stdout).toMatch(/^sequenceDiagram/m);
        expect(result.stdout).not.toMatch(/^flowchart/m);
        const page = await cli(EXAMPLES, ['export', 'ticket-reservation', '--format', 'markdown', '--sequence', 'Tickets.Booking']);
        expect(page.code).toBe(0);
        expect(page.stdout).toMatch(/^sequenceDiagram/m);
    });

    it('names the sagas and flows for a name that is none, and applies to Mermaid and Markdown only', async () => {
        const unknown = await cli(EXAMPLES, ['export', 'ticket-reservation', '--format', 'mermaid', '--sequence', 'Bookin']);
        expect(unknown.code).toBe(2);
        expect(unknown.stderr).toContain('Booking');
        const svg = await cli(EXAMPLES, ['export', 'ticket-reservation', '--sequence', 'Booking']);
        expect(svg.code).toBe(2);
        expect(svg.stderr).toContain('--sequence applies to --format mermaid and markdown only');
    });
});

describe('sysd export --no-legend', () => {
    it('leaves the legend out of svg and Mermaid, which draw it by default', async () => {
        const svg = await cli(EXAMPLES, ['export', 'chat.sysd']);
        expect(svg.stdout).toContain('<g class="sysd-legend"');
        const bare = await cli(EXAMPLES, ['export', 'chat.sysd', '--no-legend']);
        expect(bare.code).toBe(0);
        expect(bare.stdout).not.toContain('<g class="sysd-legend"');
        expect(bare.stdout).toContain('data-id="Chat.');
        const mermaid = await cli(EXAMPLES, ['export', 'chat.sysd', '--format', 'mermaid']);
        expect(mermaid.stdout).toMatch(/^\s*subgraph legend\b/m);
        const plain = await cli(EXAMPLES, ['export', 'chat.sysd', '--format', 'mermaid', '--no-legend']);
        expect(plain.code).toBe(0);
        expect(plain.stdout).not.toMatch(/^\s*subgraph legend\b/m);
        const elk = await cli(EXAMPLES, ['export', 'chat.sysd', '--format', 'elk-json', '--no-legend']);
        expect(elk.code).toBe(2);
        expect(elk.stderr).toContain('--no-legend applies to --format svg, png, mermaid and markdown');
    });
});

describe('sysd export --format markdown', () => {
    it('draws the view and says which files the page was generated from', async () => {
        const page = await cli(EXAMPLES, ['export', 'ticket-reservation/tickets.sysd', '--format', 'markdown']);
        expect(page.code).toBe(0);
        const lines = page.stdout.split('\n');
        expect(lines[0]).toBe('# Architecture: tickets');
        expect(lines[2]).toBe(`Generated by \`sysd export --format markdown\` from \`${path.join('ticket-reservation', 'payments.sysd')}\`, \`${path.join('ticket-reservation', 'tickets.sysd')}\`.`);
        expect(page.stdout).toContain('Orders');
        // The view is the Tickets system: Payments' database is not drawn or listed. (The analysis
        // section may name it: the Checkout SLO's path runs through Payments.)
        const drawn = page.stdout.slice(0, page.stdout.indexOf('## Availability and failure analysis'));
        expect(drawn).toContain('## Components');
        expect(drawn).not.toContain('BillingDb');
        expect(page.stdout).toContain('### SLO Checkout');
    });

    it('gives every page of a folder export its own default view', async () => {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sysd-views-'));
        try {
            // One page per top-level entry of the examples: a folder draws everything in it, a file its systems.
            const result = await cli(EXAMPLES, ['export', '.', '--format', 'mermaid', '-o', `${out}/`]);
            expect(result.code).toBe(0);
            expect(fs.readFileSync(path.join(out, 'ticket-reservation.mmd'), 'utf8')).toContain('BillingDb');
            expect(fs.readFileSync(path.join(out, 'ride-sharing.mmd'), 'utf8')).toContain('LocationIngest');
            expect(fs.readFileSync(path.join(out, 'chat.mmd'), 'utf8')).toMatch(/^flowchart/m);
            const one = await cli(EXAMPLES, ['export', 'ticket-reservation/tickets.sysd', '--format', 'mermaid', '-o', path.join(out, 'pages/')]);
            expect(one.code).toBe(0);
            expect(fs.readFileSync(path.join(out, 'pages', 'tickets.mmd'), 'utf8')).not.toContain('BillingDb');
        } finally {
            fs.rmSync(out, { recursive: true, force: true });
        }
    });
});

describe('sysd export --help', () => {
    it('documents the view options', async () => {
        const help = (await cli(EXAMPLES, ['export', '--help'])).stdout;
        for (const option of ['--view <key|name>', '--list-views', '--system <name>', '--sequence <saga|flow>', '--laid-out', '--no-legend']) expect(help).toContain(option);
        expect((await cli(EXAMPLES, ['--help'])).stdout).toContain('--view <key|name>');
    });
});
