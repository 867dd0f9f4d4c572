/**
 * The pattern blocks: sagas, CQRS, materialized views, event sourcing, transactions, SLOs and
 * flows. Each becomes one entry of its list in the fragment.
 */
import * as values from '../values.js';
import * as ast from '../../generated/ast.js';
import { qualifiedName } from '../../names.js';
import type { ComponentKind, CqrsModel, EventSourcingModel, FlowModel, SagaStepModel, SloModel, TransactionModel, ViewModel } from '../types.js';
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

export function view(node: ast.View, ctx: BuildContext): void {
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
