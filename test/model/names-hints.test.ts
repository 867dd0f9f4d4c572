// Names that do not resolve say what would (the qualified name of an element declared elsewhere, or
// the closest visible spelling) and offer it as a quick fix; a relation of the wrong kind names the
// right one. Checked through the facade (what the CLI prints) and the published diagnostics (what the
// editor shows).
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import type { LangiumDocument } from 'langium';
import { SysdAnalysis } from '../../language/src/host/analysis.js';
import { MAX_HINTED_PER_DOCUMENT } from '../../language/src/scope.js';
import type { DocumentProblem } from '../../language/src/host/problems.js';
import type { FixModel } from '../../language/src/lint/types.js';
import { diagnosticText, workspace } from '../helpers.js';

async function check(files: Record<string, string>, name = Object.keys(files)[0]) {
    const ws = await workspace(files);
    const index = Object.keys(files).indexOf(name);
    const document = ws.documents[index];
    const problems = new SysdAnalysis(ws.services).problems(document);
    return { ...ws, document, problems, shown: ws.diagnostics(name) };
}

function references(problems: DocumentProblem[]): DocumentProblem[] {
    return problems.filter(p => p.source === 'reference');
}

function only(problems: DocumentProblem[], predicate: (p: DocumentProblem) => boolean): DocumentProblem {
    const found = problems.filter(predicate);
    expect(found, problems.map(p => p.message).join('\n')).toHaveLength(1);
    return found[0];
}

function applyFix(document: LangiumDocument, fix: FixModel): string {
    return TextDocument.applyEdits(document.textDocument, fix.edits.map(edit => ({ range: edit.range, newText: edit.newText })));
}

const DATA = [
    'system Data {',
    '    database ProfilesDb : postgres',
    '    cache SessionCache : redis',
    '}',
    'region euWest { zones a, b, c }',
    ''
].join('\n');

const SHOP = [
    'system Shop {',
    '    service Orders {',
    '        calls Payments',
    '        reads ProfilesDb',
    '    }',
    '    service Payments',
    '}',
    ''
].join('\n');

describe('unresolved names', () => {
    it('names the system of a component declared in a sibling system, with a preferred fix that resolves it', async () => {
        const { document, problems, shown } = await check({ 'shop.sysd': SHOP, 'data.sysd': DATA });
        const problem = only(references(problems), () => true);
        expect(problem.message).toBe("Could not resolve 'ProfilesDb': it is declared in system 'Data'; write 'Data.ProfilesDb'.");
        expect(problem.fixes).toEqual([expect.objectContaining({ title: "Replace with 'Data.ProfilesDb'", preferred: true })]);
        // The editor shows the same message and carries the fix.
        const diagnostic = shown.find(d => d.code === 'linking-error')!;
        expect(diagnosticText(diagnostic)).toBe(problem.message);
        expect((diagnostic.data as { fixes: FixModel[] }).fixes).toEqual(problem.fixes);

        const fixed = applyFix(document, problem.fixes[0]);
        expect(fixed).toContain('reads Data.ProfilesDb');
        const again = await check({ 'shop.sysd': fixed, 'data.sysd': DATA });
        expect(references(again.problems)).toEqual([]);
    });

    it('writes the shortest name that resolves from the place of the reference', async () => {
        const text = [
            'system Shop {',
            '    system Stores { database OrdersDb }',
            '    system Api {',
            '        service Orders { writes OrdersDb }',
            '    }',
            '}',
            ''
        ].join('\n');
        const { problems } = await check({ 'shop.sysd': text });
        const problem = only(references(problems), () => true);
        expect(problem.message).toBe("Could not resolve 'OrdersDb': it is declared in system 'Shop.Stores'; write 'Stores.OrdersDb'.");
        expect(problem.fixes.map(f => f.edits[0].newText)).toEqual(['Stores.OrdersDb']);
    });

    it('lists each place when the name is declared in several, and prefers none', async () => {
        const files = {
            'web.sysd': 'system Web {\n    service Frontend { calls Api }\n}\n',
            'billing.sysd': 'system Billing {\n    service Api\n}\n',
            'search.sysd': 'system Search {\n    service Api\n}\n'
        };
        const { problems } = await check(files);
        const problem = only(references(problems), () => true);
        expect(problem.message).toBe("Could not resolve 'Api': it is declared in system 'Billing' and system 'Search'; write 'Billing.Api' or 'Search.Api'.");
        expect(problem.fixes.map(f => [f.edits[0].newText, f.preferred ?? false])).toEqual([['Billing.Api', false], ['Search.Api', false]]);
    });

    it('lists at most three places and counts the others', async () => {
        const files: Record<string, string> = { 'web.sysd': 'system Web {\n    service Frontend { calls Api }\n}\n' };
        for (const name of ['A', 'B', 'C', 'D', 'E']) files[`${name}.sysd`] = `system ${name} {\n    service Api\n}\n`;
        const { problems } = await check(files);
        const problem = only(references(problems), () => true);
        expect(problem.message).toBe("Could not resolve 'Api': it is declared in system 'A', system 'B', system 'C' and 2 more places; write 'A.Api', 'B.Api' or 'C.Api'.");
        expect(problem.fixes).toHaveLength(3);
        expect(problem.fixes.some(f => f.preferred)).toBe(false);
    });

    it('names a topic by its broker', async () => {
        const text = [
            'system Shop {',
            '    broker Events : kafka { topic orders }',
            '    service Orders { publishes orders }',
            '}',
            ''
        ].join('\n');
        const { problems } = await check({ 'shop.sysd': text });
        const problem = only(references(problems), () => true);
        expect(problem.message).toBe("Could not resolve 'orders': it is declared in broker 'Shop.Events'; write 'Events.orders'.");
        expect(problem.fixes[0]).toMatchObject({ preferred: true, edits: [expect.objectContaining({ newText: 'Events.orders' })] });
    });

    it('suggests the closest visible name for a misspelling, preferred when it is the only one an edit away', async () => {
        const text = [
            'system Shop {',
            '    service Orders { calls Paymnts }',
            '    service Payments',
            '    service Shipping',
            '}',
            ''
        ].join('\n');
        const { document, problems } = await check({ 'shop.sysd': text });
        const problem = only(references(problems), () => true);
        expect(problem.message).toBe("Could not resolve 'Paymnts'; did you mean 'Payments'?");
        expect(problem.fixes).toEqual([expect.objectContaining({ title: "Replace with 'Payments'", preferred: true })]);
        expect(applyFix(document, problem.fixes[0])).toContain('calls Payments }');
    });

    it('prefers no spelling when two are as close', async () => {
        const text = [
            'system Shop {',
            '    service Client { calls Order }',
            '    service Orders',
            '    service Ordem',
            '}',
            ''
        ].join('\n');
        const { problems } = await check({ 'shop.sysd': text });
        const problem = only(references(problems), () => true);
        expect(problem.message).toBe("Could not resolve 'Order'; did you mean 'Orders' or 'Ordem'?");
        expect(problem.fixes.map(f => f.preferred ?? false)).toEqual([false, false]);
    });

    it('suggests a misspelled name declared in another system by the name that resolves', async () => {
        const { problems } = await check({ 'shop.sysd': SHOP.replace('reads ProfilesDb', 'reads ProfileDb'), 'data.sysd': DATA });
        const problem = only(references(problems), () => true);
        expect(problem.message).toBe("Could not resolve 'ProfileDb'; did you mean 'Data.ProfilesDb'?");
        expect(problem.fixes).toEqual([expect.objectContaining({ preferred: true, edits: [expect.objectContaining({ newText: 'Data.ProfilesDb' })] })]);
    });

    it('says so when nothing is close, and offers no fix', async () => {
        const { problems } = await check({ 'shop.sysd': SHOP.replace('calls Payments', 'calls Warehouse'), 'data.sysd': DATA });
        const problem = only(references(problems), p => p.message.includes('Warehouse'));
        expect(problem.message).toBe("Could not resolve 'Warehouse': no component in the workspace is named 'Warehouse'.");
        expect(problem.fixes).toEqual([]);
    });

    it('suggests regions and zones for a placement, never components', async () => {
        const text = [
            'region euWest { zones a, b, c }',
            'region usEast { zones x, y }',
            'system Shop {',
            '    service euWst',
            '    service Orders { replicas 2 across a, bb; in euWst }',
            '}',
            ''
        ].join('\n');
        const { problems } = await check({ 'shop.sysd': text });
        const zone = only(references(problems), p => p.message.includes("'bb'"));
        expect(zone.message).toBe("Could not resolve the region or zone 'bb'; did you mean 'b'?");
        expect(zone.fixes).toEqual([expect.objectContaining({ preferred: true, edits: [expect.objectContaining({ newText: 'b' })] })]);
        const region = only(references(problems), p => p.message.includes("'euWst'"));
        // The service named `euWst` is a component: it does not count as a region.
        expect(region.message).toBe("Could not resolve the region or zone 'euWst'; did you mean 'euWest'?");
    });

    it('names the region of a zone declared in a region of another system', async () => {
        const files = {
            'shop.sysd': 'system Shop {\n    service Orders { replicas 2 across a, b }\n}\n',
            'rides.sysd': 'system Rides {\n    region usWest { zones a, b }\n}\n'
        };
        const { problems } = await check(files);
        const a = only(references(problems), p => p.message.includes("'a'"));
        expect(a.message).toBe("Could not resolve the region or zone 'a': it is declared in region 'Rides.usWest'; write 'Rides.a'.");
        expect(a.fixes.map(f => f.edits[0].newText)).toEqual(['Rides.a']);
    });

    it('offers only simple names in a saga step, whose service is named without its system', async () => {
        const text = [
            'system Shop {',
            '    service Orders',
            '    service Billing',
            '    saga Checkout orchestrated by Orders {',
            '        step Biling.charge compensate Billing.refund',
            '    }',
            '}',
            ''
        ].join('\n');
        const { problems } = await check({ 'shop.sysd': text });
        const problem = only(references(problems), () => true);
        expect(problem.message).toBe("Could not resolve 'Biling'; did you mean 'Billing'?");
        expect(problem.fixes.map(f => f.edits[0].newText)).toEqual(['Billing']);
    });

    it('offers each qualified name of an ambiguous imported name, none preferred', async () => {
        const files = {
            'main.sysd': 'import "billing"\nimport "search"\nsystem Web {\n    service Frontend { calls Api }\n}\n',
            'billing.sysd': 'system Billing {\n    service Api\n}\n',
            'search.sysd': 'system Search {\n    service Api\n}\n'
        };
        const { problems } = await check(files);
        const problem = only(references(problems), () => true);
        expect(problem.message).toContain('Ambiguous reference');
        expect(problem.fixes.map(f => [f.edits[0].newText, f.preferred ?? false])).toEqual([['Billing.Api', false], ['Search.Api', false]]);
    });
});

describe('unresolved names: limits', () => {
    it('finds a transposed or case-changed spelling among many names', async () => {
        const many = Array.from({ length: 300 }, (_, i) => `    service Svc${i}`).join('\n');
        const text = `system Shop {\n${many}\n    service Payments\n    service Client { calls Paymetns; calls payments }\n}\n`;
        const { problems } = await check({ 'shop.sysd': text });
        expect(references(problems).map(p => [p.message, p.fixes[0]?.preferred])).toEqual([
            ["Could not resolve 'Paymetns'; did you mean 'Payments'?", true],
            ["Could not resolve 'payments'; did you mean 'Payments'?", true]
        ]);
    });

    it(`hints the first ${MAX_HINTED_PER_DOCUMENT} unresolved names of a document and reports the rest plainly`, async () => {
        const calls = Array.from({ length: MAX_HINTED_PER_DOCUMENT + 5 }, (_, i) => `calls Missing${i}`).join('; ');
        const { problems } = await check({ 'shop.sysd': `system Shop {\n    service Orders { ${calls} }\n}\n` });
        const messages = references(problems).map(p => p.message);
        expect(messages).toHaveLength(MAX_HINTED_PER_DOCUMENT + 5);
        expect(messages.filter(m => m.includes('no component in the workspace'))).toHaveLength(MAX_HINTED_PER_DOCUMENT);
        expect(messages[messages.length - 1]).toBe(`Could not resolve 'Missing${MAX_HINTED_PER_DOCUMENT + 4}'.`);
    });
});

describe('unresolved names in a statement with a syntax error', () => {
    it('reports the syntax error alone when the statement holding the name is broken', async () => {
        const text = [
            'system Shop {',
            '    service Orders',
            '    service Api {',
            '        calls Orde { timeout }',
            '    }',
            '}',
            ''
        ].join('\n');
        const { problems, shown } = await check({ 'shop.sysd': text });
        expect(problems.filter(p => p.source === 'syntax')).toHaveLength(1);
        expect(references(problems)).toEqual([]);
        expect(shown.filter(d => d.code === 'linking-error' || (d.data as { code?: string } | undefined)?.code === 'linking-error')).toEqual([]);
    });

    it('reports the syntax error alone when the statement stops right after the name', async () => {
        const text = 'system Shop {\n    service Orders\n    service Api {\n        calls Orde over\n    }\n}\n';
        const { problems } = await check({ 'shop.sysd': text });
        expect(problems.filter(p => p.source === 'syntax').length).toBeGreaterThan(0);
        expect(references(problems)).toEqual([]);
    });

    it('reports the syntax error alone for a half-typed top-level relation, source and target', async () => {
        const text = 'system Shop {\n    service Orders\n}\nShop.Ordrs calls Shop.Orde over\n';
        const { problems } = await check({ 'shop.sysd': text });
        expect(problems.filter(p => p.source === 'syntax').length).toBeGreaterThan(0);
        expect(references(problems)).toEqual([]);
    });

    it('still reports an unresolved name in another statement of the same component', async () => {
        const text = 'system Shop {\n    service Orders { calls Missing; replicas }\n}\n';
        const { problems, shown } = await check({ 'shop.sysd': text });
        expect(problems.filter(p => p.source === 'syntax')).toHaveLength(1);
        expect(references(problems).map(p => p.message)).toEqual(["Could not resolve 'Missing': no component in the workspace is named 'Missing'."]);
        expect(shown.filter(d => diagnosticText(d).startsWith('Could not resolve'))).toHaveLength(1);
    });
});

describe('relations of the wrong kind', () => {
    const COMPONENTS = [
        '    coordinator Zk : zookeeper',
        '    service Billing',
        '    gateway Edge',
        '    loadbalancer Lb',
        '    database Db : postgres',
        '    cache Sessions : redis',
        '    broker Bus : kafka { topic orders; queue jobs }',
        ''
    ].join('\n');

    /** The model problems of `member` written inside `service Orders`, with the text after each fix. */
    async function wrong(member: string) {
        const text = `system Shop {\n${COMPONENTS}    service Orders {\n        ${member}\n    }\n}\n`;
        const { document, problems } = await check({ 'shop.sysd': text });
        const found = problems.filter(p => p.source === 'model' && (p.code === 'invalid-target' || p.code === 'invalid-source'));
        expect(found, `${member}: ${problems.map(p => p.message).join('\n')}`).toHaveLength(1);
        const problem = found[0];
        const line = (fix: FixModel) => applyFix(document, fix).split('\n').find(l => l.startsWith('        '))!.trim();
        return { problem, fixed: problem.fixes.map(fix => ({ line: line(fix), preferred: fix.preferred ?? false })) };
    }

    it.each([
        ['reads Zk', "'reads' expects a data store (database, cache, objectstore, search), but 'Zk' is a coordinator: use 'calls' to send it requests.", 'calls Zk'],
        ['writes Billing', "'writes' expects a data store (database, cache, objectstore, search), but 'Billing' is a service: use 'calls' to send it requests.", 'calls Billing'],
        ['reads Edge', "'reads' expects a data store (database, cache, objectstore, search), but 'Edge' is a gateway: use 'calls' to send it requests.", 'calls Edge'],
        ['writes Lb', "'writes' expects a data store (database, cache, objectstore, search), but 'Lb' is a loadbalancer: use 'calls' to send it requests.", 'calls Lb'],
        ['reads Bus.orders', "'reads' expects a data store (database, cache, objectstore, search), but 'Bus.orders' is a topic: use 'consumes' to receive its messages.", 'consumes Bus.orders'],
        ['writes Bus.jobs', "'writes' expects a data store (database, cache, objectstore, search), but 'Bus.jobs' is a queue: use 'publishes' to send it messages.", 'publishes Bus.jobs'],
        ['writes Bus', "'writes' expects a data store (database, cache, objectstore, search), but 'Bus' is a broker: use 'publishes' to send it messages.", 'publishes Bus'],
        ['calls Bus.orders', "'calls' is for request/response between components; 'Bus.orders' is a topic: use 'publishes' to send it messages.", 'publishes Bus.orders'],
        ['calls Bus', "'calls' is for request/response between components; 'Bus' is a broker: use 'publishes' to send it messages.", 'publishes Bus'],
        ['publishes Db', "'publishes' expects a topic, queue or broker, but 'Db' is a database: use 'writes' for a data store.", 'writes Db'],
        ['consumes Sessions', "'consumes' expects a topic, queue or broker, but 'Sessions' is a cache: use 'reads' for a data store.", 'reads Sessions'],
        ['routes Billing', "'routes' is for load balancers, gateways and CDNs; a service calls its targets: use 'calls'.", 'calls Billing']
    ])('%s names the right relation, with a preferred fix', async (member, message, after) => {
        const { problem, fixed } = await wrong(member);
        expect(problem.message).toBe(message);
        expect(fixed).toEqual([{ line: after, preferred: true }]);
    });

    it('calls on a data store offers reads and writes, neither preferred', async () => {
        const { problem, fixed } = await wrong('calls Db');
        expect(problem.message).toBe("'calls' is for request/response between components; 'Db' is a database: use 'reads' or 'writes' for a data store.");
        expect(fixed).toEqual([{ line: 'reads Db', preferred: false }, { line: 'writes Db', preferred: false }]);
    });

    it('publishes or consumes on a component that is called offers a call, not preferred', async () => {
        const publish = await wrong('publishes Billing');
        expect(publish.problem.message).toBe("'publishes' expects a topic, queue or broker, but 'Billing' is a service: use 'calls Billing async' for a one-way request.");
        expect(publish.fixed).toEqual([{ line: 'calls Billing async', preferred: false }]);
        const consume = await wrong('consumes Zk');
        expect(consume.problem.message).toBe("'consumes' expects a topic, queue or broker, but 'Zk' is a coordinator: use 'calls' for a request to it.");
        expect(consume.fixed).toEqual([{ line: 'calls Zk', preferred: false }]);
    });

    it('offers no fix when the relation has settings the right one cannot take', async () => {
        for (const member of ['reads Zk { read from followers }', 'calls Db over grpc', 'calls Bus.orders { timeout 1s }', 'publishes Db via outbox', 'routes Billing, Edge']) {
            const { problem, fixed } = await wrong(member);
            expect(problem.message, member).toMatch(/use '/);
            expect(fixed, member).toEqual([]);
        }
    });

    it('rewrites an arrow from a topic as a consumer', async () => {
        const text = `system Shop {\n${COMPONENTS}}\nShop.Bus.orders -> Shop.Billing\n`;
        const { document, problems } = await check({ 'shop.sysd': text });
        const problem = only(problems, p => p.code === 'invalid-source');
        expect(problem.message).toBe("Messages flow from a topic to its consumers: write 'Shop.Billing consumes Shop.Bus.orders'.");
        expect(problem.fixes).toHaveLength(1);
        expect(problem.fixes[0].preferred).toBe(true);
        expect(applyFix(document, problem.fixes[0])).toContain('\nShop.Billing consumes Shop.Bus.orders\n');
    });

    it('works on top-level relations too', async () => {
        const text = `system Shop {\n${COMPONENTS}    service Orders\n}\nShop.Orders reads Shop.Zk\n`;
        const { document, problems } = await check({ 'shop.sysd': text });
        const problem = only(problems, p => p.code === 'invalid-target');
        expect(problem.fixes).toHaveLength(1);
        expect(applyFix(document, problem.fixes[0])).toContain('\nShop.Orders calls Shop.Zk\n');
    });
});
