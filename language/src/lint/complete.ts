import type {
    ComponentModel, CqrsModel, EventSourcingModel, FlowModel, ModelFragment, RegionModel, RelationModel, Replication,
    SagaModel, SagaStepModel, SloModel, SystemModel, TransactionModel, ViewModel
} from '../model/types.js';
import { ArchModel } from '../model/workspace.js';

/*
 * While a file is being typed, the parser recovers what it can, and the model built from it can hold
 * holes the types do not admit: a component whose name is not typed yet, a relation whose target is
 * missing, a saga step without its action, a list with a gap. A rule can only judge what it can name,
 * so the engine hands the rules the part of the model that is complete enough to be named: elements
 * without a name or an id are left out, a reference that was never written reads as not stated, and
 * gaps in lists are closed. Values the types allow (a count not stated, a relation to a component that
 * does not exist) stay as they are: every rule treats those as unknown itself.
 */

/** A name, id or reference that was actually written: a non-empty string. */
function written(value: unknown): value is string {
    return typeof value === 'string' && value.length > 0;
}

/** The written references of a list, or the list itself when it has no gap (most of the time). */
function names(list: readonly unknown[] | undefined): string[] {
    if (!Array.isArray(list)) return [];
    return list.every(written) ? list : list.filter(written);
}

/** The reference when it was written, otherwise not stated. */
function reference(value: unknown): string | undefined {
    return written(value) ? value : undefined;
}

function isComplete(model: ArchModel): boolean {
    const named = (e: { id: unknown; name: unknown }) => written(e.id) && written(e.name);
    const refs = (...values: unknown[]) => values.every(v => v === undefined || written(v));
    const lists = (...values: (readonly unknown[] | undefined)[]) => values.every(list => Array.isArray(list) && list.every(written));
    for (const c of model.components.values()) {
        if (!named(c) || !refs(c.parent, c.system, c.props.dlq) || !lists(c.props.placements, c.props.owns, c.props.holds, c.props.origins)) return false;
        if (c.props.replication && completeReplication(c.props.replication) !== c.props.replication) return false;
    }
    for (const r of model.relations) {
        if (!written(r.id) || !written(r.source) || !written(r.target)) return false;
        if (!refs(r.dlq, r.relay, r.viaCache, r.fallback?.target)) return false;
    }
    for (const s of model.sagas) {
        if (!named(s) || !refs(s.orchestrator, s.broker) || !s.steps.every(step => completeStep(step) === step)) return false;
    }
    for (const q of model.cqrs) if (!named(q) || !refs(q.command, q.commandStore, q.query, q.queryStore, q.syncThrough)) return false;
    for (const v of model.views) if (!named(v) || !refs(v.store) || !lists(v.sources)) return false;
    for (const e of model.eventSourcing) if (!named(e) || !refs(e.store) || !lists(e.projections)) return false;
    for (const t of model.transactions) if (!named(t) || !refs(t.coordinator) || !lists(t.participants)) return false;
    for (const s of model.slos) if (!named(s) || !lists(s.path) || !s.latencies.every(l => written(l.percentile) && Number.isFinite(l.ms))) return false;
    for (const f of model.flows) if (!named(f) || !lists(f.path)) return false;
    for (const s of model.systems.values()) if (!named(s)) return false;
    for (const r of model.regions.values()) if (!named(r) || !r.zones.every(named)) return false;
    return true;
}

function completeReplication(replication: Replication): Replication {
    switch (replication.type) {
        case 'single-leader': {
            const followerPlacements = names(replication.followerPlacements);
            const coordinator = replication.election?.coordinator;
            if (followerPlacements === replication.followerPlacements && (coordinator === undefined || written(coordinator))) return replication;
            const election = replication.election && { ...replication.election, coordinator: reference(coordinator) };
            return { ...replication, followerPlacements, election };
        }
        case 'multi-leader': {
            const leaderPlacements = names(replication.leaderPlacements);
            return leaderPlacements === replication.leaderPlacements ? replication : { ...replication, leaderPlacements };
        }
        default:
            return replication;
    }
}

/** A step is judged only when its service and action are written, and its compensation too when it has one. */
function completeStep(step: SagaStepModel): SagaStepModel | undefined {
    if (!written(step.service) || !written(step.action)) return undefined;
    if (step.compensation && (!written(step.compensation.service) || !written(step.compensation.action))) return undefined;
    return step;
}

function completeComponent(c: ComponentModel): ComponentModel | undefined {
    if (!written(c.id) || !written(c.name)) return undefined;
    const replication = c.props.replication && completeReplication(c.props.replication);
    return {
        ...c,
        parent: reference(c.parent),
        system: reference(c.system),
        props: {
            ...c.props,
            placements: names(c.props.placements), owns: names(c.props.owns), holds: names(c.props.holds),
            origins: names(c.props.origins), dlq: reference(c.props.dlq), replication
        }
    };
}

function completeRelation(r: RelationModel): RelationModel | undefined {
    if (!written(r.id) || !written(r.source) || !written(r.target)) return undefined;
    return {
        ...r,
        dlq: reference(r.dlq), relay: reference(r.relay), viaCache: reference(r.viaCache),
        fallback: r.fallback && { ...r.fallback, target: reference(r.fallback.target) }
    };
}

function present<T>(list: readonly (T | undefined)[]): T[] {
    return list.filter((item): item is T => item !== undefined);
}

function named<T extends { id: string; name: string }>(list: Iterable<T>): T[] {
    return [...list].filter(e => written(e.id) && written(e.name));
}

/**
 * The model the rules see: `model` itself when nothing in it is half-written (the usual case, at the
 * cost of one pass), otherwise a copy without the parts that cannot be named. Linear in the model.
 */
export function completeModel(model: ArchModel): ArchModel {
    if (isComplete(model)) return model;
    const sagas: SagaModel[] = named(model.sagas).map(s => ({
        ...s, orchestrator: reference(s.orchestrator), broker: reference(s.broker), steps: present(s.steps.map(completeStep))
    }));
    const cqrs: CqrsModel[] = named(model.cqrs).map(q => ({
        ...q, command: reference(q.command), commandStore: reference(q.commandStore), query: reference(q.query),
        queryStore: reference(q.queryStore), syncThrough: reference(q.syncThrough)
    }));
    const views: ViewModel[] = named(model.views).map(v => ({ ...v, store: reference(v.store), sources: names(v.sources) }));
    const eventSourcing: EventSourcingModel[] = named(model.eventSourcing).map(e => ({ ...e, store: reference(e.store), projections: names(e.projections) }));
    const transactions: TransactionModel[] = named(model.transactions).map(t => ({ ...t, coordinator: reference(t.coordinator), participants: names(t.participants) }));
    const slos: SloModel[] = named(model.slos).map(s => ({
        ...s, path: names(s.path), latencies: s.latencies.filter(l => written(l.percentile) && Number.isFinite(l.ms))
    }));
    const flows: FlowModel[] = named(model.flows).map(f => ({ ...f, path: names(f.path) }));
    const systems: SystemModel[] = named(model.systems.values()).map(s => ({ ...s, parent: reference(s.parent) }));
    const regions: RegionModel[] = named(model.regions.values()).map(r => ({ ...r, zones: named(r.zones) }));
    const whole: ModelFragment = {
        uri: model.uris[0] ?? '',
        components: present([...model.components.values()].map(completeComponent)),
        relations: present(model.relations.map(completeRelation)),
        systems, regions, sagas, cqrs, views, diagramViews: named(model.diagramViews), eventSourcing, transactions, slos, flows, problems: [...model.problems]
    };
    // The documents stay in their order; every element goes into the first one's fragment, which changes
    // nothing the rules read (each element keeps its own location).
    const rest = model.uris.slice(1).map(uri => emptyFragment(uri));
    return new ArchModel(model.uris.length > 0 ? [whole, ...rest] : []);
}

function emptyFragment(uri: string): ModelFragment {
    return {
        uri, components: [], relations: [], systems: [], regions: [], sagas: [], cqrs: [], views: [], diagramViews: [],
        eventSourcing: [], transactions: [], slos: [], flows: [], problems: []
    };
}
