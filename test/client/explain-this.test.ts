// "Explain This" reads what to explain from sysd's hover at the cursor (its links to the explain
// command) and the diagnostics there: checked against the real hover of the language services.
import { EmptyFileSystem } from 'langium';
import type { MarkupContent } from 'vscode-languageserver';
import { describe, expect, it } from 'vitest';
import { COMMAND_EXPLAIN, explainLinks, explainTarget } from '../../client/src/explain/explain-target.js';
import { resolveExplain } from '../../language/src/knowledge/explain.js';
import type { SysdHoverProvider } from '../../language/src/lsp/hover.js';
import { createSysdServices } from '../../language/src/sysd-module.js';
import { workspace } from '../helpers.js';

const TEXT = [
    'system Shop {',
    '    service Orders { replicas 2; writes OrdersDb; publishes Events.orders; calls Billing }',
    '    service Billing { replicas 2 }',
    '    database OrdersDb : cassandra { replication leaderless { n 3; w 1; r 1 } }',
    '    broker Events : kafka { replicas 3; topic orders }',
    '}'
].join('\n');

/** sysd's hover at the first `needle` (+delta), with hover links to the explain command as in VS Code. */
async function hoverAt(needle: string, delta = 1): Promise<string> {
    const services = createSysdServices(EmptyFileSystem, { docsUrl: id => `file:///ext/docs/rules/${id}.md` }).Sysd;
    (services.lsp.HoverProvider as SysdHoverProvider).initialize({ explainCommand: COMMAND_EXPLAIN });
    const ws = await workspace({ 'shop.sysd': TEXT }, services);
    const document = ws.documents[0];
    const hover = await services.lsp.HoverProvider!.getHoverContent(document, {
        textDocument: { uri: document.uri.toString() },
        position: document.textDocument.positionAt(TEXT.indexOf(needle) + delta)
    });
    return (hover?.contents as MarkupContent | undefined)?.value ?? '';
}

describe('Explain This', () => {
    it('explains the pattern of a keyword, even inside a flagged element', async () => {
        const hover = await hoverAt('w 1', 0);
        expect(hover).toContain('quorum-no-overlap'); // the finding is there too
        expect(explainTarget([hover], [], 'sysd')).toBe('topic:quorums');
        expect(explainTarget([await hoverAt('leaderless')], [], 'sysd')).toBe('topic:leaderless-replication');
    });

    it('explains the rule of the finding under the cursor where the word has no pattern', async () => {
        const hover = await hoverAt('Billing }', 0);
        const lint = { source: 'sysd', code: { value: 'sync-call-without-timeout', target: 'file:///ext/docs/rules/sync-call-without-timeout.md' } };
        expect(explainTarget([hover], [lint], 'sysd')).toBe('rule:sync-call-without-timeout');
        // Syntax and reference errors have no page; other extensions' diagnostics are not ours.
        expect(explainTarget([], [{ source: 'sysd', code: 'linking-error' }, { source: 'eslint', code: { value: 'no-undef', target: 'x' } }], 'sysd')).toBeUndefined();
    });

    it('explains the first finding a component\'s hover links, and nothing where nothing is', async () => {
        const hover = await hoverAt('OrdersDb :', 0);
        const target = explainTarget([hover], [], 'sysd');
        expect(target).toMatch(/^rule:/);
        expect(hover).toContain(target!.slice('rule:'.length));
        expect(explainTarget(['**service** `Shop.Billing`'], [], 'sysd')).toBeUndefined();
    });

    it('reads only the explain command\'s links, each naming a page the command opens', async () => {
        const hover = await hoverAt('w 1', 0);
        const links = explainLinks(hover);
        expect(links.length).toBeGreaterThanOrEqual(2);
        for (const link of links) expect(resolveExplain(link), link).toBeDefined();
        expect(explainLinks('[x](command:other.command?%5B%22topic%3Aquorums%22%5D) [y](command:sysd.explain?not-json) [z](command:sysd.explain?%5B%22topic%3A..%2Fx%22%5D)')).toEqual([]);
    });
});
