import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import { describe, expect, test } from 'vitest';
import { toMarkdownPage } from '../../diagram/src/mermaid/markdown.js';
import { resolveView } from '../../diagram/src/views/resolve.js';
import type { ResolvedView } from '../../diagram/src/views/types.js';
import { runMermaidExport } from '../../cli/src/export-mermaid.js';
import { extendMarkdownIt, pluginHandle, type SnippetAnswer } from '../../client/src/mermaid/markdown-plugin.js';
import { workspace } from '../helpers.js';
import { EXAMPLES } from './fixtures.js';
import { parseFlowchart, parseSequence } from './mermaid-env.js';

function mermaidBlocks(markdown: string): string[] {
    return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)\n```$/gm)].map(m => m[1]);
}

describe('Markdown page', () => {
    test('an "Availability and failure analysis" section covers the flows and SLOs the page shows, with the arithmetic', async () => {
        const { model } = await workspace({
            'shop.sysd': `system Shop {
                region eu { zones a, b }
                service Api { replicas 2 across a, b; calls Orders { timeout 500ms; retry 3 exponential } }
                service Orders { replicas 2 across a, b; calls Stock { timeout 400ms; retry 2 exponential } }
                service Stock { replicas 2 across a, b }
                slo Checkout { path Api -> Orders -> Stock; availability 99.9%; latency p99 300ms }
            }
            system Mail {
                service Sender { replicas 2 }
            }`
        });
        const whole = toMarkdownPage(model, [], { title: 'Shop' });
        const section = whole.slice(whole.indexOf('## Availability and failure analysis'));
        expect(section.startsWith('## Availability and failure analysis')).toBe(true);
        // Before the findings, after the inventory.
        expect(whole.indexOf('## Availability and failure analysis')).toBeLessThan(whole.indexOf('## Lint findings'));
        expect(section).toMatch(/\| slo \| (Shop\.)?Checkout \| up \| 99\.9925% \|/);
        expect(section).toContain('### SLO Checkout');
        // The working: a product over the path's components, and the latency budget with its retries.
        expect(section).toMatch(/availability [\d.]+% = Π over 3 components/);
        // `retry 3` is three retries: four attempts.
        expect(section).toContain('4 attempts × timeout 500 ms');
        expect(section).toContain('### Retry amplification');
        // A page for a view that shows nothing on the SLO's path has no such section.
        const mail = toMarkdownPage(model, [], { title: 'Mail', view: resolveView(model, { kind: 'system', id: 'Mail' }) as ResolvedView });
        expect(mail).not.toContain('Availability and failure analysis');
        const shop = toMarkdownPage(model, [], { title: 'Shop', view: resolveView(model, { kind: 'system', id: 'Shop' }) as ResolvedView });
        expect(shop).toContain('### SLO Checkout');
    });

    test('title, flowchart, one section per saga and flow, findings table with escaped pipes and rule links', async () => {
        const { model, services } = await workspace({
            'shop.sysd': `system Shop {
                service Orders { calls Billing; writes Db }
                service Billing { writes Db }
                database Db
                saga Checkout orchestrated by Orders { step Billing.charge compensate Billing.refund
                    step Orders.confirm }
                flow Buy { path Orders -> Billing }
            }`
        });
        const findings = [...services.model.ModelService.allFindings().values()].flat();
        expect(findings.length).toBeGreaterThan(0);
        const withPipe = [...findings, { ...findings[0], message: 'a | b <script>' }];
        const page = toMarkdownPage(model, withPipe, { title: 'Shop | docs', ruleLink: id => `../rules/${id}.md` });
        expect(page).toContain(`[${findings[0].ruleId}](../rules/${findings[0].ruleId}.md)`);
        const unlinked = toMarkdownPage(model, findings, { title: 'Shop', ruleLink: () => undefined });
        expect(unlinked).toContain(`| \`${findings[0].ruleId}\` |`);
        expect(unlinked).not.toContain('](');
        const lines = page.split('\n');
        expect(lines[0]).toBe('# Shop \\| docs');
        expect(page).toContain('## Components');
        expect(page).toContain('## Saga Checkout');
        expect(page).toContain('## Flow Buy');
        expect(page).toContain('## Lint findings');
        expect(page.endsWith('\n')).toBe(true);
        const blocks = mermaidBlocks(page);
        expect(blocks).toHaveLength(3);
        // The flowchart: three components and the legend.
        const flowchart = await parseFlowchart(blocks[0]);
        expect(flowchart.vertices.filter(v => !v.id.startsWith('legend_'))).toHaveLength(3);
        expect(flowchart.subgraphs.some(s => s.id === 'legend')).toBe(true);
        await parseSequence(blocks[1]);
        await parseSequence(blocks[2]);
        // The inventory lists each component of the view.
        const inventory = lines.slice(lines.indexOf('## Inventory'), lines.indexOf('## Lint findings'));
        expect(inventory.filter(l => l.startsWith('| `')).map(l => l.split(' | ')[0])).toEqual(['| `Shop.Billing`', '| `Shop.Db`', '| `Shop.Orders`']);
        const rows = lines.slice(lines.indexOf('## Lint findings')).filter(l => l.startsWith('| ') && !l.startsWith('| Location') && !l.startsWith('| ---'));
        expect(rows).toHaveLength(withPipe.length);
        for (const row of rows) {
            // Four cells: the unescaped pipes are exactly the five borders.
            expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(6);
            expect(row).toMatch(/^\| shop\.sysd:\d+ \| (error|warning|info|hint) \| \[[a-z0-9\\-]+\]\(\.\.\/rules\/[a-z0-9-]+\.md\) \| /);
        }
        expect(page).toContain('a \\| b &lt;script&gt;');
        expect(page).not.toContain('<script>');
    });

    test('a page without findings says so', async () => {
        const { model } = await workspace('system A { service S }');
        const page = toMarkdownPage(model, [], { title: 'A' });
        expect(page).toContain('No findings.');
        expect(page).not.toContain('## Saga');
    });
});

describe('sysd export --format mermaid|markdown (runMermaidExport)', () => {
    const run = async (args: Parameters<typeof runMermaidExport>[0]) => {
        let stdout = '';
        let stderr = '';
        const code = await runMermaidExport(args, { stdout: t => { stdout += t; }, stderr: t => { stderr += t; }, cwd: path.resolve(EXAMPLES, '..') });
        return { code, stdout, stderr };
    };

    test('a folder to a folder: one page per top-level file and folder, each block parses', async () => {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sysd-mermaid-'));
        const result = await run({ paths: ['examples'], format: 'markdown', output: `${out}/` });
        expect(result.code).toBe(0);
        const expected = fs.readdirSync(EXAMPLES).filter(name => name.endsWith('.sysd') || fs.statSync(path.join(EXAMPLES, name)).isDirectory()).map(name => `${name.replace(/\.sysd$/, '')}.md`).sort();
        expect(fs.readdirSync(out).sort()).toEqual(expected);
        for (const file of expected) {
            const page = fs.readFileSync(path.join(out, file), 'utf8');
            expect(page.startsWith(`# Architecture: ${file.replace(/\.md$/, '').replace(/-/g, '-')}\n`)).toBe(true);
            const blocks = mermaidBlocks(page);
            expect(blocks.length).toBeGreaterThan(0);
            await parseFlowchart(blocks[0]);
            for (const block of blocks.slice(1)) await parseSequence(block);
        }
        // The ticket example has its own configuration: the page lists what `sysd check` reports there (the
        // failure analysis' findings), and not the long synchronous chain its configuration allows.
        const tickets = fs.readFileSync(path.join(out, 'ticket-reservation.md'), 'utf8');
        expect(tickets).toContain('[retry-amplification](https://github.com/sysd-dev/sysd/blob/main/docs/rules/retry-amplification.md)');
        expect(tickets).not.toContain('long-sync-call-chain');
        // Written outside the package, where its rule pages cannot be reached by a relative path: the rule links
        // to its page on the web (the package's repository), never to a path of this machine.
        const store = fs.readFileSync(path.join(out, 'online-store.md'), 'utf8');
        expect(store).toMatch(/\| examples\/online-store\.sysd:\d+ \| warning \| \[shared-database\]\(https:\/\/github\.com\/sysd-dev\/sysd\/blob\/main\/docs\/rules\/shared-database\.md\) \|/);
        expect(store).not.toContain('file://');

        // Written inside the package's tree: a relative link to the rule's page, which exists.
        const inside = path.resolve(EXAMPLES, '..', 'out', 'test-mermaid-pages');
        fs.rmSync(inside, { recursive: true, force: true });
        expect((await run({ paths: ['examples/online-store.sysd'], format: 'markdown', output: 'out/test-mermaid-pages/' })).code).toBe(0);
        const linked = /\| warning \| \[shared-database\]\(([^)]+)\) \|/.exec(fs.readFileSync(path.join(inside, 'online-store.md'), 'utf8'));
        expect(linked?.[1]).toBe('../../docs/rules/shared-database.md');
        expect(fs.existsSync(path.resolve(inside, linked![1]))).toBe(true);
        fs.rmSync(inside, { recursive: true, force: true });
    });

    test('mermaid to stdout with options, a view, and usage errors', async () => {
        const flow = await run({ paths: ['examples/online-store.sysd'], format: 'mermaid', direction: 'TB', mermaidLayout: 'elk', exclude: ['topic,broker'] });
        expect(flow.code).toBe(0);
        expect(flow.stdout.startsWith('---\nconfig:\n  layout: elk\n---\nflowchart TB\n')).toBe(true);
        expect(flow.stdout).not.toContain('kind_topic');
        await parseFlowchart(flow.stdout);
        // A saga's sequence diagram is asked for with --sequence; --view draws the saga's view as a flowchart.
        const sequence = await run({ paths: ['examples/ticket-reservation'], format: 'mermaid', sequence: 'Booking' });
        expect(sequence.code).toBe(0);
        expect(sequence.stdout.startsWith('sequenceDiagram\n')).toBe(true);
        await parseSequence(sequence.stdout);
        const view = await run({ paths: ['examples/ticket-reservation'], format: 'mermaid', view: 'Booking' });
        expect(view.code).toBe(0);
        expect(view.stdout.startsWith('flowchart LR\n')).toBe(true);
        expect(view.stdout).toMatch(/^\s*class \S+ focus$/m);
        await parseFlowchart(view.stdout);
        expect((await run({ paths: ['examples/online-store.sysd'], format: 'mermaid', view: 'Nope' })).code).toBe(2);
        expect((await run({ paths: ['examples/online-store.sysd'], format: 'mermaid', system: 'Nope' })).stderr).toMatch(/no system (named )?'Nope'/);
        expect((await run({ paths: ['examples/online-store.sysd'], format: 'mermaid', include: ['server'] })).code).toBe(2);
        expect((await run({ paths: ['missing.sysd'], format: 'mermaid' })).code).toBe(2);
    });

    test('to one file', async () => {
        const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sysd-mermaid-')), 'store.mmd');
        const result = await run({ paths: ['examples/online-store.sysd'], format: 'mermaid', output: out });
        expect(result.code).toBe(0);
        expect(result.stdout).toBe('');
        expect((await parseFlowchart(fs.readFileSync(out, 'utf8'))).vertices.length).toBeGreaterThan(5);
    });
});

describe('Markdown preview plugin', () => {
    function setup(answer: (text: string) => Promise<SnippetAnswer>) {
        const requests: string[] = [];
        let refreshes = 0;
        const md = extendMarkdownIt(new MarkdownIt(), {
            request: text => { requests.push(text); return answer(text); },
            refresh: () => { refreshes++; },
            refreshDelayMs: 0
        });
        return { md, requests, refreshes: () => refreshes };
    }
    const doc = 'Intro\n\n```sysd\nsystem A { service S }\n```\n\n```js\nlet x = 1;\n```\n';

    test('a miss shows a placeholder and asks the server; the refresh then shows the diagram', async () => {
        const { md, requests, refreshes } = setup(() => Promise.resolve({ text: 'flowchart LR\n    n_A__S["S <b>"]\n' }));
        const first = md.render(doc);
        expect(first).toContain('class="sysd-mermaid-placeholder"');
        expect(first).not.toContain('class="sysd-mermaid"');
        // The block's text stays, above the drawing.
        expect(first).toContain('<code class="language-sysd">system A { service S }');
        expect(first).toContain('<code class="language-js">');
        expect(requests).toEqual(['system A { service S }\n']);
        md.render(doc); // still pending: no second request
        expect(requests).toHaveLength(1);
        await new Promise(resolve => setTimeout(resolve, 10));
        expect(refreshes()).toBe(1);
        expect(pluginHandle(md)?.pending()).toBe(0);
        const second = md.render(doc);
        expect(second).toContain('<pre class="sysd-mermaid">flowchart LR\n    n_A__S[&quot;S &lt;b&gt;&quot;]\n</pre>');
        expect(second.indexOf('<code class="language-sysd">')).toBeLessThan(second.indexOf('<pre class="sysd-mermaid">'));
        expect(requests).toHaveLength(1);
    });

    test('errors are shown with the source; ```mermaid blocks are drawn as they are', async () => {
        const { md } = setup(() => Promise.reject(new Error('server <down>')));
        md.render(doc);
        await new Promise(resolve => setTimeout(resolve, 10));
        const html = md.render(doc);
        expect(html).toContain('SysD diagram not available: server &lt;down&gt;');
        expect(html).toContain('<code class="language-sysd">');
        expect(md.render('```mermaid\ngraph LR\n  a-->b\n```\n')).toContain('<pre class="sysd-mermaid">graph LR\n  a--&gt;b\n</pre>');
    });
});
