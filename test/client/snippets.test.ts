import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { workspace } from '../helpers.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

interface Snippet {
    prefix: string;
    description: string;
    body: string[];
}

const snippets = JSON.parse(readFileSync(`${root}client/snippets/sysd.json`, 'utf8')) as Record<string, Snippet>;

/**
 * Expands a snippet the way accepting every default would: `${n:default}` gives its default,
 * `${n|a,b|}` its first choice, and `$n` / `${n}` the text its tab stop got elsewhere in the body.
 */
export function expandSnippet(body: string): string {
    const values = new Map<string, string>();
    // Defaults may nest (`${3:${1}Db}`): resolve innermost placeholders first, then mirrors.
    let text = body;
    for (let pass = 0; pass < 10; pass++) {
        const next = text
            .replace(/\$\{(\d+):((?:[^${}]|\$\d+)*)\}/g, (_all, index: string, value: string) => {
                const resolved = value.replace(/\$(\d+)/g, (_m, i: string) => values.get(i) ?? `$${i}`);
                if (!values.has(index)) values.set(index, resolved);
                return resolved;
            })
            .replace(/\$\{(\d+)\|([^|]*)\|\}/g, (_all, index: string, choices: string) => {
                const first = choices.split(',')[0];
                if (!values.has(index)) values.set(index, first);
                return first;
            });
        const mirrored = next.replace(/\$\{(\d+)\}|\$(\d+)/g, (all, a: string | undefined, b: string | undefined) => {
            const index = a ?? b!;
            if (index === '0') return '';
            return values.get(index) ?? all;
        });
        if (mirrored === text) break;
        text = mirrored;
    }
    if (/\$\{?\d/.test(text)) throw new Error(`Unexpanded tab stop in:\n${text}`);
    return text;
}

/** Names the snippets refer to without declaring them. */
const context = `
client Web : browser
gateway Api
service Orders { owns OrdersDb }
service Billing
service Stock
service Payments
service Frontend
service Balances
database OrdersDb : postgres
database CatalogDb : postgres
database ReportsDb : postgres
database AccountsDb : postgres
database LedgerDb : postgres
database LedgerEvents : postgres
database ReplicaDb : postgres
search CatalogSearch : elasticsearch
broker Events : kafka {
    topic orderEvents
    topic orderEventsDlq
}
region zonesHome { zones a, b, c }
`;

/** Snippets that are members of a component go inside one. */
function wrap(prefix: string, text: string): string {
    if (prefix === 'topic') return `broker Holder : kafka {\n${text}\n}`;
    if (['calls', 'publishes', 'consumes', 'replicates'].includes(prefix)) return `service Holder {\n${text}\n}`;
    return text;
}

describe('snippets', () => {
    const entries = Object.entries(snippets);

    it('cover every component kind, every block and the common relations', () => {
        const prefixes = new Set(entries.map(([, snippet]) => snippet.prefix));
        for (const expected of [
            'service', 'database', 'cache', 'broker', 'gateway', 'loadbalancer', 'cdn', 'function', 'client',
            'coordinator', 'objectstore', 'search', 'system', 'region', 'saga-orchestrated', 'saga-choreographed',
            'cqrs', 'view', 'event-sourcing', 'transaction', 'slo', 'flow', 'calls', 'publishes', 'consumes'
        ]) {
            expect(prefixes, expected).toContain(expected);
        }
        for (const [name, snippet] of entries) {
            expect(snippet.description.length, name).toBeGreaterThan(10);
            expect(Array.isArray(snippet.body), name).toBe(true);
        }
    });

    it('expands placeholders, choices and mirrors', () => {
        expect(expandSnippet('service ${1:Orders} { owns ${2:${1}Db}; writes ${2} }$0')).toBe('service Orders { owns OrdersDb; writes OrdersDb }');
        expect(expandSnippet('replication ${1|single-leader,multi-leader|}')).toBe('replication single-leader');
    });

    it.each(entries)('%s parses and links once expanded', async (_name, snippet) => {
        const text = wrap(snippet.prefix, expandSnippet(snippet.body.join('\n')));
        const { documents } = await workspace({ 'context.sysd': context, 'snippet.sysd': text });
        const document = documents[1];
        const { lexerErrors, parserErrors } = document.parseResult;
        expect(lexerErrors.map(e => e.message), text).toEqual([]);
        expect(parserErrors.map(e => e.message), text).toEqual([]);
        const linking = (document.diagnostics ?? []).filter(d => (d.data as { code?: string } | undefined)?.code === 'linking-error');
        expect(linking.map(d => d.message), text).toEqual([]);
        // The context document itself must be clean too, or the check above proves little.
        expect(documents[0].parseResult.parserErrors).toEqual([]);
    });
});
