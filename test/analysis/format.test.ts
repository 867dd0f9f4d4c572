// The renderers every host shares: the CodeLens line, the hover's Markdown and the table.
import { describe, expect, it } from 'vitest';
import { workspace } from '../helpers.js';
import { analyze, explainMarkdown, formatTable, summaryLine } from '../../language/src/analysis/index.js';

const TEXT = `system S {
    region us { zones a, b }
    service Api { availability 99.9%; calls Orders { timeout 200ms; retry 2 exponential } }
    service Orders { availability 99.9%; replicas 2 across a, b }
    slo Buy { path Api -> Orders; availability 99.95%; latency p99 300ms }
    flow Browse { path Api }
}
`;

describe('analysis renderers', () => {
    it('writes the CodeLens line of an SLO: availability against target, latency budget, retries', async () => {
        const { model } = await workspace(TEXT);
        const result = analyze(model);
        // 0.999 × 0.999 = 0.998001 < 99.95% on stated figures: unmet (✖); 3 × 200 + 100 + 200 = 900 ms
        expect(summaryLine(result.slos[0])).toBe('availability 99.8001% ✖ 99.95% · p99 budget 900 / 300 ms · retries ×3');
        // the flow needs Api and, through its call, Orders: the same product and wait, no objective
        expect(summaryLine(result.flows[0])).toBe('availability 99.8001% · worst case 900 ms');
        const down = analyze(model, { fail: { zones: ['S.us.a', 'S.us.b'] } });
        expect(summaryLine(down.slos[0])).toMatch(/^down · availability 0% ✖ 99.95%/);
    });

    it('explains one path in Markdown and the whole result as a table', async () => {
        const { model } = await workspace(TEXT);
        const result = analyze(model);
        const hover = explainMarkdown(result.slos[0]);
        expect(hover).toContain('**slo Buy**');
        expect(hover).toContain('- availability 99.8001% = Π over 2 components: 0.999 × 0.999 = 0.998001');
        expect(hover).toContain('objective 99.95%: unmet');
        const table = formatTable(result);
        expect(table).toMatch(/slo\s+Buy\s+up\s+99\.8001%\s+99\.95% unmet\s+900 ms/);
        expect(table).toContain('flow S.Browse: up');
    });
});
