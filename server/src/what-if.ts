/**
 * The preview's what-if mode, server side: the analysis of the workspace model under the failures the
 * user clicked (`@sysd/language/analysis`), mapped onto the nodes and edges of the view the preview
 * draws. Pure: the model and the view graph in, plain JSON out (`WhatIfResult`), so it is tested
 * without a server. The analysis caches its plan per model, so a request costs the evaluation of what
 * the failures touch plus one walk over the view graph.
 */
import type { DiagramGraph, DiagramNode } from '@sysd/diagram';
import type { ArchModel } from '@sysd/language';
import { analyze, failureSet, parseFailure, type FailureTarget, type PathReport } from '@sysd/language/analysis';
import type {
    WhatIfElement, WhatIfElementState, WhatIfPath, WhatIfResult, WhatIfStatus, WhatIfTarget, WhatIfTargetKind
} from '@sysd/protocol';

/** The last segment of a qualified name (`Shop.Orders` → `Orders`). */
function short(id: string): string {
    const dot = id.lastIndexOf('.');
    return dot < 0 ? id : id.slice(dot + 1);
}

/** `zone:<id>`, `region:<id>`, `component:<id>`: how the preview names a failure (and `sysd analyze --fail` reads it). */
export function targetKey(kind: WhatIfTargetKind, id: string): string {
    return `${kind}:${id}`;
}

/** Reads the failures the preview sent: each must name exactly one zone, region or component of the model by its id. */
export function readFailures(model: ArchModel, fail: readonly string[]): { targets: FailureTarget[]; keys: string[]; dropped: string[] } {
    const targets: FailureTarget[] = [];
    const keys: string[] = [];
    const dropped: string[] = [];
    const seen = new Set<string>();
    for (const text of fail) {
        const parsed = /^(zone|region|component):(.+)$/.exec(text);
        const found = parsed ? parseFailure(model, text) : undefined;
        // Only the exact id counts: a zone deleted by an edit must not fall back to a similar name.
        if (!parsed || !found || !('target' in found) || found.target.kind === 'instances' || found.target.id !== parsed[2]) {
            dropped.push(text);
            continue;
        }
        const key = targetKey(found.target.kind, found.target.id);
        if (seen.has(key)) continue;
        seen.add(key);
        targets.push(found.target);
        keys.push(key);
    }
    return { targets, keys, dropped };
}

/** The model id a group node stands for: `zone:<scope>/<zone id>` and `region:<scope>/<region id>` (see `buildViewGraph`). */
function groupTarget(model: ArchModel, node: DiagramNode): { kind: 'zone' | 'region'; id: string } | undefined {
    if (node.kind !== 'zone' && node.kind !== 'region') return undefined;
    const id = node.id.slice(node.id.lastIndexOf('/') + 1);
    if (node.kind === 'zone') return model.isZone(id) ? { kind: 'zone', id } : undefined;
    return model.regions.has(id) ? { kind: 'region', id } : undefined;
}

const RANK: Record<WhatIfStatus, number> = { up: 0, degraded: 1, down: 2 };

function consequenceText(c: PathReport['consequences'][number]): string {
    const chain = c.chain.length > 1 ? ` (via ${c.chain.map(short).join(' → ')})` : '';
    return `step ${c.step + 1} ${short(c.stepComponent)}${chain}: ${c.why}`;
}

/**
 * The view's nodes and edges on a path: its steps' components and the relations between them, and
 * for each consequence the chain of dependencies from its step to the component that failed (with the
 * consequence's status, so the edges into what broke the path are drawn as broken too).
 */
function pathElements(report: PathReport, nodes: ReadonlySet<string>, edgesById: ReadonlyMap<string, DiagramGraph['edges'][number]>,
    edgesBetween: ReadonlyMap<string, string[]>): { nodes: string[]; edges: string[]; chainEdges: Map<string, Exclude<WhatIfStatus, 'up'>> } {
    const onPath = new Set<string>();
    const edges = new Set<string>();
    const between = (a: string, b: string) => edgesBetween.get(`${a}\n${b}`) ?? edgesBetween.get(`${b}\n${a}`) ?? [];
    report.steps.forEach((step, i) => {
        if (nodes.has(step.component)) onPath.add(step.component);
        if (i === 0) return;
        const relation = step.hop?.relation;
        if (relation !== undefined && edgesById.has(relation)) {
            edges.add(relation);
            return;
        }
        for (const id of between(report.steps[i - 1].component, step.component)) edges.add(id);
    });
    const chainEdges = new Map<string, Exclude<WhatIfStatus, 'up'>>();
    for (const consequence of report.consequences) {
        const chain = consequence.chain;
        for (let i = 1; i < chain.length; i++) {
            // A long chain has its middle elided as '…': no edge to or from it.
            if (!nodes.has(chain[i]) || !nodes.has(chain[i - 1])) continue;
            onPath.add(chain[i]);
            for (const id of between(chain[i - 1], chain[i])) {
                const known = chainEdges.get(id);
                if (!known || RANK[consequence.status] > RANK[known]) chainEdges.set(id, consequence.status);
            }
        }
    }
    for (const id of chainEdges.keys()) edges.add(id);
    return { nodes: [...onPath], edges: [...edges], chainEdges };
}

/**
 * The what-if answer for one view: the failures read against the model (unknown ones dropped), the
 * analysis run once, and its result told in the view's ids: what can be failed, the state of each
 * touched node, the status of each edge on a broken or degraded path, and every flow and SLO (the
 * broken first) with the step and why, its availability before and after, and its nodes and edges.
 */
export function whatIfForView(model: ArchModel, graph: DiagramGraph, fail: readonly string[]): WhatIfResult {
    const { targets: failures, keys, dropped } = readFailures(model, fail);
    const result = analyze(model, failures.length > 0 ? { fail: failureSet(failures) } : {});
    const baseline = failures.length > 0 ? analyze(model) : result;

    // What the view lets the user fail, with the nodes that stand for it.
    const targets = new Map<string, WhatIfTarget>();
    const add = (kind: WhatIfTargetKind, id: string, label: string, node?: string) => {
        const key = targetKey(kind, id);
        let target = targets.get(key);
        if (!target) {
            target = { target: key, kind, label, nodes: [] };
            targets.set(key, target);
        }
        if (node !== undefined && !target.nodes.includes(node)) target.nodes.push(node);
    };
    const nodeIds = new Set<string>();
    const groupsOf = new Map<string, string[]>();
    const visit = (list: readonly DiagramNode[]) => {
        for (const node of list) {
            nodeIds.add(node.id);
            const group = groupTarget(model, node);
            if (group) {
                const key = targetKey(group.kind, group.id);
                groupsOf.set(key, [...groupsOf.get(key) ?? [], node.id]);
                if (group.kind === 'region') {
                    const region = model.regions.get(group.id)!;
                    add('region', region.id, region.name, node.id);
                    // A region's zones can be failed from the side list even where no group draws them.
                    for (const zone of region.zones) add('zone', zone.id, `${region.name}.${zone.name}`);
                } else {
                    const region = model.regions.get(model.regionOf(group.id) ?? '');
                    add('zone', group.id, region ? `${region.name}.${short(group.id)}` : short(group.id), node.id);
                }
            } else if (node.kind !== 'system') {
                const component = model.components.get(node.id);
                // Clients are the ones asking: the analysis never fails them.
                if (component && component.kind !== 'client') add('component', component.id, node.label, node.id);
            }
            visit(node.children);
        }
    };
    visit(graph.nodes);

    // The state of each touched node: the user's failures first, then the analysis' impacts.
    const elements = new Map<string, WhatIfElement>();
    const mark = (id: string, state: WhatIfElementState, why: string[]) => {
        if (!nodeIds.has(id) || elements.has(id)) return;
        elements.set(id, { id, state, why });
    };
    for (const failure of failures) {
        if (failure.kind === 'component') mark(failure.id, 'failed', ['failed in the what-if']);
        else if (failure.kind === 'zone') for (const id of groupsOf.get(targetKey('zone', failure.id)) ?? []) mark(id, 'failed', [`zone ${failure.id} failed`]);
        else if (failure.kind === 'region') {
            for (const id of groupsOf.get(targetKey('region', failure.id)) ?? []) mark(id, 'failed', [`region ${failure.id} failed`]);
            for (const zone of model.regions.get(failure.id)?.zones ?? []) {
                for (const id of groupsOf.get(targetKey('zone', zone.id)) ?? []) mark(id, 'failed', [`region ${failure.id} failed`]);
            }
        }
    }
    for (const impact of result.components) mark(impact.id, impact.status === 'down' ? 'down' : 'degraded', impact.why);
    // A drawn region some of whose zones failed is degraded (all of them: failed).
    const failedZones = new Set(failures.filter(f => f.kind === 'zone').map(f => f.id));
    for (const region of model.regions.values()) {
        const lost = region.zones.filter(zone => failedZones.has(zone.id));
        if (lost.length === 0) continue;
        const names = lost.map(zone => zone.name).join(', ');
        const state: WhatIfElementState = lost.length === region.zones.length ? 'failed' : 'degraded';
        const why = [`zone${lost.length === 1 ? '' : 's'} ${names} of ${region.name} failed`];
        for (const id of groupsOf.get(targetKey('region', region.id)) ?? []) mark(id, state, why);
    }

    // Every flow and SLO, with its place in the view; the edges of broken and degraded paths.
    const edgesById = new Map(graph.edges.map(edge => [edge.id, edge]));
    const edgesBetween = new Map<string, string[]>();
    for (const edge of graph.edges) {
        const key = `${edge.source}\n${edge.target}`;
        edgesBetween.set(key, [...edgesBetween.get(key) ?? [], edge.id]);
    }
    const before = new Map([...baseline.flows, ...baseline.slos].map(r => [`${r.kind} ${r.id}`, r]));
    const edgeStatus = new Map<string, Exclude<WhatIfStatus, 'up'>>();
    const paths: WhatIfPath[] = [...result.flows, ...result.slos].map(report => {
        const shown = pathElements(report, nodeIds, edgesById, edgesBetween);
        const setStatus = (id: string, status: WhatIfStatus) => {
            if (status === 'up') return;
            const known = edgeStatus.get(id);
            if (!known || RANK[status] > RANK[known]) edgeStatus.set(id, status);
        };
        for (const id of shown.edges) setStatus(id, shown.chainEdges.get(id) ?? report.status);
        const objective = report.objective?.availability;
        return {
            kind: report.kind,
            id: report.id,
            name: report.name,
            status: report.status,
            availability: report.availability.percent,
            baseline: before.get(`${report.kind} ${report.id}`)?.availability.percent ?? report.availability.percent,
            ...(objective ? { objective: `${objective.target}% ${objective.verdict}` } : {}),
            path: report.path.map(short).join(' → '),
            consequences: report.consequences.map(c => ({ status: c.status, step: c.step + 1, component: short(c.stepComponent), text: consequenceText(c) })),
            moreConsequences: report.moreConsequences,
            nodes: shown.nodes,
            edges: shown.edges,
            ...(report.kind === 'flow' ? { view: `flow:${report.id}` } : {})
        };
    });
    // The broken first, then the degraded, then the up; each those the view draws first; otherwise the
    // analysis' order (flows, then SLOs).
    const order = paths.map((path, index) => ({ path, index, drawn: path.nodes.length > 0 ? 0 : 1 }));
    order.sort((a, b) => RANK[b.path.status] - RANK[a.path.status] || a.drawn - b.drawn || a.index - b.index);

    return {
        view: graph.view?.key ?? 'all',
        fail: keys,
        dropped,
        targets: [...targets.values()],
        elements: [...elements.values()],
        edges: [...edgeStatus].map(([id, status]) => ({ id, status })),
        paths: order.map(entry => entry.path)
    };
}
