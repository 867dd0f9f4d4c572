// The zone-failure stories of examples/README.md ("What fails when a zone goes") are runs of
// `sysd analyze <example> --fail ...`; this test runs every row through the analysis and checks its
// outcome column, and that every example declares a flow or an SLO and has a story.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleWorkspaces, workspace } from './helpers.js';
import { analyze, failureSet, parseFailure, type FailureTarget } from '../language/src/analysis/index.js';

const README = path.join(__dirname, '..', 'examples', 'README.md');
const HEADING = '## What fails when a zone goes';

interface Story { example: string; fail: string[]; outcome: Record<string, string>; line: number }

function stories(): Story[] {
    const text = fs.readFileSync(README, 'utf8');
    const lines = text.split('\n');
    const start = lines.indexOf(HEADING);
    expect(start, `${HEADING} in examples/README.md`).toBeGreaterThanOrEqual(0);
    const result: Story[] = [];
    for (let i = start + 1; i < lines.length && !lines[i].startsWith('## '); i++) {
        const cells = lines[i].split(' | ');
        if (!lines[i].startsWith('| [') || cells.length < 4) continue;
        const example = /\]\(([^)]+)\)/.exec(cells[0])?.[1].replace(/\/$/, '') ?? '';
        const fail = [...cells[1].matchAll(/`([^`]+)`/g)].map(m => m[1]);
        const outcome: Record<string, string> = {};
        for (const m of cells[2].matchAll(/`([^`]+)` (up|degraded|down)/g)) outcome[m[1]] = m[2];
        result.push({ example, fail, outcome, line: i + 1 });
    }
    return result;
}

describe('examples/README.md: what fails when a zone goes', () => {
    const all = stories();
    const examples = exampleWorkspaces();

    it('tells a story for every example, and every example declares a flow or an SLO', async () => {
        expect(all.length).toBeGreaterThanOrEqual(examples.length);
        for (const example of examples) {
            expect(all.some(s => s.example === example.name), `a story for ${example.name}`).toBe(true);
            const { model } = await workspace(example.files);
            expect(model.flows.length + model.slos.length, `flows and SLOs in ${example.name}`).toBeGreaterThan(0);
        }
    });

    for (const story of all) {
        it(`line ${story.line}: ${story.example} --fail ${story.fail.join(' --fail ')}`, async () => {
            const example = examples.find(e => e.name === story.example);
            expect(example, `example ${story.example}`).toBeDefined();
            const { model } = await workspace(example!.files);
            const targets: FailureTarget[] = story.fail.map(text => {
                const parsed = parseFailure(model, text);
                if ('error' in parsed) throw new Error(`--fail ${text}: ${parsed.error}`);
                return parsed.target;
            });
            expect(targets.length).toBeGreaterThan(0);
            const result = analyze(model, { fail: failureSet(targets) });
            const status = Object.fromEntries([...result.flows, ...result.slos].map(p => [p.name, p.status]));
            expect(Object.keys(story.outcome).length, 'the outcome names at least one flow or SLO').toBeGreaterThan(0);
            const claimed = Object.fromEntries(Object.keys(story.outcome).map(name => [name, status[name]]));
            expect(claimed).toEqual(story.outcome);
            // The row names every flow and SLO of the example.
            expect(Object.keys(story.outcome).sort()).toEqual(Object.keys(status).sort());
        });
    }
});
