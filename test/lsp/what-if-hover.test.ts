import { describe, expect, it } from 'vitest';
import { exampleWorkspaces, workspace } from '../helpers.js';

function example(name: string): Record<string, string> {
    const found = exampleWorkspaces().find(w => w.name === name);
    if (!found) throw new Error(`no example ${name}`);
    return found.files;
}

/** The hover text at the first occurrence of `anchor` in `file`, `offset` characters into it. */
async function hoverAt(files: Record<string, string> | string, anchor: string, offset: number, file?: string): Promise<string> {
    const ws = await workspace(files);
    const document = file ? ws.documents.find(d => d.uri.path.endsWith(`/${file}`))! : ws.documents[0];
    const text = document.textDocument.getText();
    const at = text.indexOf(anchor);
    if (at < 0) throw new Error(`'${anchor}' not found`);
    const hover = await ws.services.lsp.HoverProvider!.getHoverContent(document, {
        textDocument: { uri: document.uri.toString() },
        position: document.textDocument.positionAt(at + offset)
    });
    const contents = hover?.contents;
    return contents && typeof contents === 'object' && 'value' in contents ? contents.value : '';
}

describe('what-if hover on flow and SLO names', () => {
    it('shows the SLO arithmetic and its findings (ticket-reservation)', async () => {
        const text = await hoverAt(example('ticket-reservation'), 'slo Checkout', 6, 'tickets.sysd');
        expect(text.startsWith('**slo Checkout**: availability 98.99% ⚠ 99.95% · p99 budget 6300 / 300 ms · retries ×12')).toBe(true);
        expect(text).toContain('- path: `Web → Api → Orders → Billing`');
        // Each factor of the product with its working and the source of its figure.
        expect(text).toContain('- availability 98.99% = Π over 7 components: 0.999975 × 0.999999875 × 0.995 ×');
        expect(text).toContain('  - Api = 1 − (1 − 0.995)^2 = 0.999975 (instances euWest.a: 1, euWest.b: 1;');
        expect(text).toContain('  - SeatsDb (reads and writes) = P(at least 2 of 3 copies up) = 0.99992525');
        expect(text).toContain('\\[default\\]');
        expect(text).toContain('- objective 99.95%: at-risk');
        expect(text).toContain('- objective p99 300 ms: exceeded');
        expect(text).toContain('3 attempts × timeout 2,000 ms + backoff 100 + 200 ms (exponential, default base 100 ms) = 6,300 ms');
        expect(text).toContain('- retries: 1 × 3 × 4 = 12 attempts at Billing per request');
        // The finding of the rule on the same declaration.
        expect(text).toContain('**Findings here**\n- ⚠️ `latency-budget-exceeded` SLO \'Checkout\' targets p99 300 ms');
    });

    it('shows the flow arithmetic (ride-sharing)', async () => {
        const text = await hoverAt(example('ride-sharing'), 'flow RequestRide', 7, 'platform.sysd');
        expect(text.startsWith('**flow RequestRide**: availability 99.997438% · worst case 300 ms')).toBe(true);
        expect(text).toContain('- path: `RiderApp → Mobile → Trips → Matching`');
        expect(text).toMatch(/1 − \(1 − 0\.995\)\^3/);
    });

    it('keeps the other hovers: a path step is still its component', async () => {
        const text = await hoverAt(example('ride-sharing'), 'path RiderApp -> Mobile', 'path RiderApp -> '.length, 'platform.sysd');
        expect(text).toContain('`Rides.Mobile`');
        expect(text).not.toContain('availability 99.997438%');
    });

    it('says what a half-typed SLO reaches', async () => {
        const text = await hoverAt('service Api\nslo Typing {\n    path Api -> Nowhere\n    availability 100%\n}', 'Typing', 2);
        expect(text.startsWith('**slo Typing**: availability 99.5% ⚠ 100%')).toBe(true);
        expect(text).toContain('- path: `Api`');
    });
});
