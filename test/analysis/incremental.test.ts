// The baseline analysis after an edit takes over from the model before it what the edit cannot
// change (language/src/analysis/carry.ts): a flow's or SLO's report is the same object when nothing
// its path reads changed, computed again when something did, and always equal to a fresh analysis.
import { URI } from 'langium';
import { describe, expect, it } from 'vitest';
import { analyze, type AnalysisResult, type FailureSet, type PathReport } from '../../language/src/analysis/index.js';
import type { ArchModel } from '../../language/src/model/workspace.js';
import { createSysdServices, type SysdServices } from '../../language/src/sysd-module.js';
import { MemoryFileSystem } from '../../scripts/bench/memory-fs.js';

/** Regions in one file, the two paths' components in two others, the flows and SLOs in a fourth. */
const FILES: Record<string, string> = {
    'regions.sysd': `system S {
    region eu { zones a, b }
    region us { zones c, d }
}
`,
    'shop.sysd': `system S {
    client Web : browser
    Web -> Api : https { timeout 2s }
    service Api { replicas 2 across a, b; calls Orders { timeout 200ms; retry 2 exponential } }
    service Orders { replicas 2 across a, b; writes OrdersDb; calls Payments { timeout 100ms } }
    database OrdersDb { replicas 2 across a, b }
    service Payments { replicas 2 across a, b }
    service Reporting { replicas 1; reads OrdersDb }
}
`,
    'search.sysd': `system S {
    service Search { replicas 2 across c, d; reads Index { timeout 50ms; retry 1 } }
    database Index { replicas 2 across c, d }
    service Indexer { replicas 1 }
}
`,
    'paths.sysd': `system S {
    flow Buy { path Web -> Api -> Orders }
    slo Find { path Search; availability 99.99%; latency p99 1s }
}
`
};

interface Session {
    services: SysdServices;
    fileSystem: MemoryFileSystem;
    uri: (name: string) => URI;
}

async function open(files: Record<string, string>): Promise<Session> {
    const fileSystem = new MemoryFileSystem();
    const { shared, Sysd } = createSysdServices({ fileSystemProvider: () => fileSystem });
    const uri = (name: string) => URI.parse(`file:///carry/${name}`);
    const documents = Object.entries(files).map(([name, text]) => {
        fileSystem.files.set(uri(name).toString(), text);
        const document = shared.workspace.LangiumDocumentFactory.fromString(text, uri(name));
        shared.workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    return { services: Sysd, fileSystem, uri };
}

/** Replaces `from` by `to` in one file, as the editor does (a new text, `DocumentBuilder.update`), and returns the new model. */
async function edit(session: Session, name: string, from: string, to: string): Promise<ArchModel> {
    const key = session.uri(name).toString();
    const before = session.fileSystem.files.get(key)!;
    expect(before).toContain(from);
    session.fileSystem.files.set(key, before.replace(from, to));
    await session.services.shared.workspace.DocumentBuilder.update([session.uri(name)], []);
    return session.services.model.ModelService.workspaceModel();
}

/** The analysis of the same texts in new services: nothing to take over from. */
async function fresh(session: Session, fail?: FailureSet): Promise<AnalysisResult> {
    const texts = Object.fromEntries(Object.keys(FILES).map(name => [name, session.fileSystem.files.get(session.uri(name).toString())!]));
    const other = await open(texts);
    return analyze(other.services.model.ModelService.workspaceModel(), { fail });
}

const flow = (result: AnalysisResult, id: string): PathReport => result.flows.find(f => f.id === id)!;
const slo = (result: AnalysisResult, id: string): PathReport => result.slos.find(s => s.id === id)!;

/** Compared as the hosts see a report (JSON): the lazily written factors included. */
const json = (result: AnalysisResult) => JSON.parse(JSON.stringify(result)) as unknown;

describe('incremental baseline analysis', () => {
    it('recomputes the report of a path whose component changed and reuses the other', async () => {
        const session = await open(FILES);
        const before = analyze(session.services.model.ModelService.workspaceModel());
        expect(flow(before, 'S.Buy').status).toBe('up');
        expect(slo(before, 'S.Find').objective?.availability?.verdict).toBe('met');

        // Search loses a zone: only the SLO's path reads it.
        const after = analyze(await edit(session, 'search.sysd', 'service Search { replicas 2 across c, d', 'service Search { replicas 1 across c'));
        expect(flow(after, 'S.Buy')).toBe(flow(before, 'S.Buy'));
        expect(slo(after, 'S.Find')).not.toBe(slo(before, 'S.Find'));
        expect(slo(after, 'S.Find').availability.value).toBeLessThan(slo(before, 'S.Find').availability.value);
        expect(slo(after, 'S.Find').objective?.availability?.verdict).not.toBe('met');
        expect(json(after)).toEqual(json(await fresh(session)));

        // A timeout on the flow's path: its latency changes, the SLO's report is kept.
        const again = analyze(await edit(session, 'shop.sysd', 'calls Orders { timeout 200ms', 'calls Orders { timeout 300ms'));
        expect(slo(again, 'S.Find')).toBe(slo(after, 'S.Find'));
        expect(flow(again, 'S.Buy')).not.toBe(flow(after, 'S.Buy'));
        const hop = (result: AnalysisResult) => flow(result, 'S.Buy').latency.hops.find(h => h.from === 'S.Api' && h.to === 'S.Orders')?.worstMs;
        expect([hop(after), hop(again)]).toEqual([900, 1200]);
        expect(json(again)).toEqual(json(await fresh(session)));
    });

    it('reuses every report when the edit touches a component off every path, also in a file a path reads', async () => {
        const session = await open(FILES);
        const before = analyze(session.services.model.ModelService.workspaceModel());
        // Reporting reads OrdersDb but no path reaches Reporting; Indexer is alone. Both files are built again.
        const off = analyze(await edit(session, 'shop.sysd', 'service Reporting { replicas 1', 'service Reporting { replicas 3'));
        expect(flow(off, 'S.Buy')).toBe(flow(before, 'S.Buy'));
        expect(slo(off, 'S.Find')).toBe(slo(before, 'S.Find'));
        const moved = analyze(await edit(session, 'search.sysd', '    service Indexer { replicas 1 }\n', '    service Indexer { replicas 2 }\n    service Crawler\n'));
        expect(flow(moved, 'S.Buy')).toBe(flow(before, 'S.Buy'));
        expect(slo(moved, 'S.Find')).toBe(slo(before, 'S.Find'));
        expect(json(moved)).toEqual(json(await fresh(session)));
    });

    it('recomputes a path when a zone moves to another region or a relation option behind its steps changes', async () => {
        const session = await open(FILES);
        const before = analyze(session.services.model.ModelService.workspaceModel());
        // Zone c moves from us to eu: Search and Index are placed in it (what a region failure reaches and how the zones are shown).
        const zones = analyze(await edit(session, 'regions.sysd', 'region eu { zones a, b }\n    region us { zones c, d }', 'region eu { zones a, b, c }\n    region us { zones d }'));
        expect(flow(zones, 'S.Buy')).toBe(flow(before, 'S.Buy'));
        expect(slo(zones, 'S.Find')).not.toBe(slo(before, 'S.Find'));
        expect(json(zones)).toEqual(json(await fresh(session)));
        // Under a failure of the region it left, from the taken-over baseline, as from scratch.
        const model = session.services.model.ModelService.workspaceModel();
        expect(json(analyze(model, { fail: { regions: ['S.us'] } }))).toEqual(json(await fresh(session, { regions: ['S.us'] })));

        // A relation option behind the flow's steps (Orders' call to Payments, not a hop of the path): Orders may now take 300 ms.
        const behind = analyze(await edit(session, 'shop.sysd', 'calls Payments { timeout 100ms }', 'calls Payments { timeout 100ms; retry 2 }'));
        expect(slo(behind, 'S.Find')).toBe(slo(zones, 'S.Find'));
        expect(flow(behind, 'S.Buy')).not.toBe(flow(zones, 'S.Buy'));
        const own = (result: AnalysisResult) => flow(result, 'S.Buy').latency.hops.find(h => h.from === 'S.Orders' && h.to === 'S.Orders')?.worstMs;
        expect([own(zones), own(behind)]).toEqual([100, 300]);
        // The model-wide list follows too: Api waits 200 ms for Orders.
        expect(zones.timeouts).toEqual([]);
        expect(behind.timeouts.map(t => [t.caller, t.callee, t.calleeWorstMs])).toEqual([['S.Api', 'S.Orders', 300]]);
        expect(json(behind)).toEqual(json(await fresh(session)));
    });

    it('takes nothing over from a half-typed model and stays equal to a fresh analysis', async () => {
        const session = await open(FILES);
        analyze(session.services.model.ModelService.workspaceModel());
        const half = analyze(await edit(session, 'search.sysd', 'service Indexer { replicas 1 }', 'service Indexer { replicas 1 }\n    service'));
        expect(json(half)).toEqual(json(await fresh(session)));
        const whole = analyze(await edit(session, 'search.sysd', '\n    service\n', '\n    service Crawler\n'));
        expect(json(whole)).toEqual(json(await fresh(session)));
    });
});
