/**
 * The pattern blocks: sagas, CQRS, materialized views, event sourcing, transactions, SLOs and
 * flows. Each becomes one entry of its list in the fragment.
 */
import * as values from '../values.js';
import * as ast from '../../generated/ast.js';
import { enclosingSystem, qualifiedName } from '../../names.js';
import type {
    ComponentKind, CqrsModel, DiagramViewModel, EventSourcingModel, FlowModel, SagaStepModel, SloModel, TransactionModel, ViewModel, ViewName,
    ViewPredicateModel
} from '../types.js';
import { type BuildContext, docComment } from './context.js';

/** A saga step or orchestrator must run code; true for a kind known not to (anything but a service or a function). */
function cannotRunCode(kind: ComponentKind | undefined): boolean {
    return kind !== undefined && kind !== 'service' && kind !== 'function';
}

function sagaStep(step: ast.SagaStep, ctx: BuildContext): SagaStepModel | undefined {
    const service = ctx.ref(step.service);
    if (!service) return undefined;
    const kind = ctx.refKind(step.service);
    if (cannotRunCode(kind)) {
        ctx.problem('error', 'invalid-target', `A saga step runs in a service or function; '${step.service.$refText}' is a ${kind}.`, step, 'service');
    }
    let compensation: SagaStepModel['compensation'];
    if (step.compensationService && step.compensation) {
        const compService = ctx.ref(step.compensationService);
        if (compService && compService !== service) {
            ctx.problem('error', 'foreign-compensation',
                `Step '${step.service.$refText}.${step.action}' is compensated by '${step.compensationService.$refText}.${step.compensation}', an action of another service; the service that did the work must undo it.`,
                step, 'compensationService');
        }
        if (compService) compensation = { service: compService, action: step.compensation };
    }
    return { service, action: step.action, compensation, noCompensation: step.noCompensation, external: step.external, loc: ctx.loc(step, 'action') };
}

export function saga(node: ast.Saga, ctx: BuildContext): void {
    const steps: SagaStepModel[] = [];
    for (const step of node.steps) {
        const model = sagaStep(step, ctx);
        if (model) steps.push(model);
    }
    const orchestrator = ctx.ref(node.orchestrator);
    if (orchestrator) {
        const kind = ctx.refKind(node.orchestrator);
        if (cannotRunCode(kind)) {
            ctx.problem('error', 'invalid-target', `A saga is orchestrated by a service or function; '${node.orchestrator?.$refText}' is a ${kind}.`, node, 'orchestrator');
        }
    }
    if (node.broker) ctx.checkChannel(node, 'broker', node.broker, 'choreographed over');
    ctx.fragment.sagas.push({
        id: qualifiedName(node), name: node.name,
        mode: node.orchestrator ? 'orchestration' : node.choreographed ? 'choreography' : undefined,
        orchestrator, broker: ctx.ref(node.broker), steps, loc: ctx.loc(node), doc: docComment(node)
    });
}

export function cqrs(node: ast.Cqrs, ctx: BuildContext): void {
    const model: CqrsModel = { id: qualifiedName(node), name: node.name, loc: ctx.loc(node), doc: docComment(node) };
    for (const s of node.settings) {
        if (s.role === 'command') {
            if (s.store) model.commandStore = ctx.ref(s.component);
            else model.command = ctx.ref(s.component);
        } else if (s.role === 'query') {
            if (s.store) model.queryStore = ctx.ref(s.component);
            else model.query = ctx.ref(s.component);
        } else if (s.via) {
            model.syncVia = ctx.value(s, 'via', s.via, values.CQRS_SYNC_VIAS);
            model.syncThrough = ctx.ref(s.through);
        }
    }
    ctx.fragment.cqrs.push(model);
}

/** Settings that only a materialized read model has, and settings that only a diagram view has. */
function isDataViewSetting(s: ast.ViewSetting): boolean {
    return s.store !== undefined || s.sources.length > 0 || s.refresh !== undefined;
}

function isDiagramViewSetting(s: ast.ViewSetting): boolean {
    return s.include || s.exclude || s.title !== undefined || s.description !== undefined;
}

/**
 * `view`: a materialized read model (`store`, `sources`, `refresh`, or `materialized`) or a diagram
 * view (`include`, `exclude`, `title`, `description`). An empty `view Name {}` is a diagram view that
 * shows nothing yet (being typed). One that mixes both kinds of setting is reported and read as the
 * kind its first setting belongs to.
 */
export function view(node: ast.View, ctx: BuildContext): void {
    const first = node.settings.find(s => isDataViewSetting(s) || isDiagramViewSetting(s));
    const data = node.materialized || (first !== undefined && isDataViewSetting(first));
    const foreign = node.settings.find(s => data ? isDiagramViewSetting(s) : isDataViewSetting(s));
    if (foreign) {
        ctx.problem('error', 'mixed-view', data
            ? `'${node.name}' is a materialized view (it has a store, sources or refresh): 'include', 'exclude', 'title' and 'description' belong to a diagram view. Declare the diagram view under its own name.`
            : `'${node.name}' is a diagram view (it says what to draw): 'store', 'sources' and 'refresh' belong to a materialized view. Declare the read model under its own name.`,
        foreign);
    }
    if (data) dataView(node, ctx);
    else diagramView(node, ctx);
}

function dataView(node: ast.View, ctx: BuildContext): void {
    const model: ViewModel = {
        id: qualifiedName(node), name: node.name, materialized: node.materialized, sources: [], loc: ctx.loc(node), doc: docComment(node)
    };
    for (const s of node.settings) {
        if (s.store) model.store = ctx.ref(s.store);
        if (s.sources.length > 0) model.sources.push(...ctx.refs(s.sources));
        if (s.refresh) {
            model.refresh = ctx.value(s, 'refresh', s.refresh, values.VIEW_REFRESHES);
            model.schedule = s.schedule;
        }
    }
    ctx.fragment.views.push(model);
}

function diagramView(node: ast.View, ctx: BuildContext): void {
    const model: DiagramViewModel = { id: qualifiedName(node), name: node.name, rules: [], scope: enclosingSystem(node), loc: ctx.loc(node), doc: docComment(node) };
    for (const s of node.settings) {
        if (s.title !== undefined) model.title = s.title;
        if (s.description !== undefined) model.description = s.description;
        if (!s.include && !s.exclude) continue;
        const predicates: ViewPredicateModel[] = [];
        for (const p of s.predicates) {
            const predicate = viewPredicate(p, ctx);
            if (predicate) predicates.push(predicate);
        }
        model.rules.push({ include: s.include, predicates, loc: ctx.nodeLoc(s) });
    }
    ctx.fragment.diagramViews.push(model);
}

function viewPredicate(p: ast.ViewPredicate, ctx: BuildContext): ViewPredicateModel | undefined {
    const loc = ctx.nodeLoc(p);
    const name = (text: string | undefined, property: string): ViewName | undefined => {
        if (!text) return undefined;
        const range = ctx.propertyRange(p, property) ?? loc.range;
        return { text, loc: { uri: loc.uri, range } };
    };
    if (p.kind !== undefined) {
        const componentKind = ctx.value(p, 'kind', p.kind, values.COMPONENT_KINDS);
        return componentKind ? { kind: 'kind', componentKind, loc } : undefined;
    }
    if (p.placement) {
        const placed = name(p.placementName, 'placementName');
        return placed ? { kind: 'placement', placement: p.placement, name: placed, loc } : undefined;
    }
    const source = p.source;
    const target = p.target;
    if (source === undefined) return undefined;
    if (!p.arrow) return source === '*' ? { kind: 'all', loc } : { kind: 'element', name: name(source, 'source')!, loc };
    // A half-typed `X ->`: the parser reported the missing end; X alone is still shown.
    if (target === undefined) return source === '*' ? { kind: 'all', loc } : { kind: 'element', name: name(source, 'source')!, loc };
    const both = p.arrow === '<->';
    if (source === '*' && target === '*') return { kind: 'all', loc };
    if (target === '*') return { kind: 'neighbours', name: name(source, 'source')!, direction: both ? 'both' : 'out', loc };
    if (source === '*') return { kind: 'neighbours', name: name(target, 'target')!, direction: both ? 'both' : 'in', loc };
    return { kind: 'relation', source: name(source, 'source')!, target: name(target, 'target')!, both, loc };
}

export function eventSourcing(node: ast.EventSourcing, ctx: BuildContext): void {
    const model: EventSourcingModel = { id: qualifiedName(node), name: node.name, projections: [], loc: ctx.loc(node), doc: docComment(node) };
    for (const s of node.settings) {
        if (s.store) model.store = ctx.ref(s.store);
        if (s.none) model.snapshots = 'none';
        else if (s.every !== undefined) model.snapshots = s.every;
        model.projections.push(...ctx.refs(s.projections));
    }
    ctx.fragment.eventSourcing.push(model);
}

export function transaction(node: ast.Transaction, ctx: BuildContext): void {
    const protocol = node.protocol === undefined ? undefined : ctx.value(node, 'protocol', node.protocol, values.TRANSACTION_PROTOCOLS);
    const model: TransactionModel = { id: qualifiedName(node), name: node.name, protocol, participants: [], loc: ctx.loc(node), doc: docComment(node) };
    for (const s of node.settings) {
        if (s.coordinator) model.coordinator = ctx.ref(s.coordinator);
        model.participants.push(...ctx.refs(s.participants));
    }
    ctx.fragment.transactions.push(model);
}

export function slo(node: ast.Slo, ctx: BuildContext): void {
    const model: SloModel = { id: qualifiedName(node), name: node.name, path: [], latencies: [], loc: ctx.loc(node), doc: docComment(node) };
    for (const s of node.settings) {
        if (ast.isPathSetting(s)) model.path = ctx.refs(s.steps);
        else if (s.target) model.target = ctx.ref(s.target);
        else if (s.availability !== undefined) {
            model.availability = s.availability;
            model.availabilityLoc = ctx.nodeLoc(s);
        } else if (s.percentile && s.latency) {
            const ms = ctx.duration(s, 'latency', s.latency);
            if (ms !== undefined) model.latencies.push({ percentile: s.percentile, ms });
        } else if (s.window) model.windowMs = ctx.duration(s, 'window', s.window);
        else if (s.external) model.external = true;
        else if (s.indicator !== undefined) {
            const text = s.indicator.slice(1, -1).trim();
            if (text) model.indicator = text;
        }
    }
    ctx.fragment.slos.push(model);
}

export function flow(node: ast.Flow, ctx: BuildContext): void {
    const model: FlowModel = { id: qualifiedName(node), name: node.name, path: [], userFacing: false, loc: ctx.loc(node), doc: docComment(node) };
    for (const s of node.settings) {
        if (ast.isPathSetting(s)) model.path = ctx.refs(s.steps);
        else if (s.userFacing) model.userFacing = true;
        else if (s.requires) model.requires = ctx.value(s, 'requires', s.requires, values.CONSISTENCY_LEVELS);
    }
    ctx.fragment.flows.push(model);
}
