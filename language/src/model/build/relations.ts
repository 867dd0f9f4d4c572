/**
 * Relations: those written inside a component (`calls B`, `reads Db`, `consumes Bus.t { ... }`)
 * and those written at the top level (`A calls B`, or the arrow `A -> B`, whose kind is inferred
 * from the kinds of its endpoints).
 */
import * as ast from '../../generated/ast.js';
import type { ComponentKind, RelationKind, RelationModel, RetryPolicy } from '../types.js';
import { CHANNEL_KINDS, STORE_KINDS } from '../types.js';
import { type BuildContext, DATA_STORE, dispatch, type Handlers } from './context.js';

/** Where a relation starts: the id and kind of the component it is written in (or names first). */
export interface RelationSource {
    id: string;
    kind: ComponentKind;
}

function retry(option: ast.RetryOption, ctx: BuildContext): RetryPolicy {
    const count = option.count !== undefined ? ctx.count(option, 'count', option.count, 0, 'retry count') : undefined;
    return {
        count, unbounded: option.unbounded, backoff: option.backoff, jitter: option.jitter,
        maxDurationMs: ctx.duration(option, 'maxDuration', option.maxDuration)
    };
}

function idempotency(option: ast.IdempotencyOption, relation: RelationModel): void {
    if (option.kind === 'idempotent') relation.idempotent = true;
    else relation.idempotencyKey = true;
}

/** The settings of a call, `{ timeout 500ms; retry 3 exponential; circuit-breaker; ... }`. */
const CALL_OPTIONS: Handlers<ast.CallOption, [RelationModel, BuildContext]> = {
    TimeoutOption: (option, relation, ctx) => { relation.timeoutMs = ctx.duration(option, 'value', option.value); },
    RetryOption: (option, relation, ctx) => { relation.retry = retry(option, ctx); },
    BreakerOption: (_option, relation) => { relation.circuitBreaker = true; },
    IdempotencyOption: (option, relation) => idempotency(option, relation),
    FallbackOption: (option, relation, ctx) => {
        relation.fallback = { target: ctx.ref(option.target), cache: option.cached, defaultValue: option.defaultValue };
    },
    TlsProp: (option, relation) => { relation.tls = option.mode ?? 'enabled'; }
};

const READ_OPTIONS: Handlers<ast.ReadOption, [RelationModel, BuildContext]> = {
    ReadFromSetting: (option, relation) => { relation.readFrom = option.source; },
    RequiresOption: (option, relation) => { relation.requires = option.level; },
    ViaCacheOption: (option, relation, ctx) => { relation.viaCache = ctx.ref(option.cache); }
};

const PUBLISH_OPTIONS: Handlers<ast.PublishOption, [RelationModel, BuildContext]> = {
    KeyProp: (option, relation) => { relation.key = option.key; },
    RetryOption: (option, relation, ctx) => { relation.retry = retry(option, ctx); }
};

const CONSUME_OPTIONS: Handlers<ast.ConsumeOption, [RelationModel, BuildContext]> = {
    DeliveryProp: (option, relation) => { relation.delivery = option.delivery; },
    IdempotencyOption: (option, relation) => idempotency(option, relation),
    DlqProp: (option, relation, ctx) => {
        relation.dlq = ctx.ref(option.target);
        ctx.checkChannel(option, 'target', option.target, 'dlq');
    },
    GroupOption: (option, relation) => { relation.group = option.group; },
    ReplayOption: (_option, relation) => { relation.replay = true; },
    OrderedOption: (_option, relation) => { relation.ordered = true; },
    RetryOption: (option, relation, ctx) => { relation.retry = retry(option, ctx); }
};

function applyOptions<O extends ast.CallOption | ast.ReadOption | ast.PublishOption | ast.ConsumeOption>(
    table: Handlers<O, [RelationModel, BuildContext]>, options: readonly O[], relation: RelationModel, ctx: BuildContext
): void {
    for (const option of options) dispatch(table, option, relation, ctx);
}

/** `reads` and `writes`: the target must hold data. */
function dataAccess(node: ast.ReadRelation | ast.WriteRelation, verb: 'reads' | 'writes', source: RelationSource, ctx: BuildContext): RelationModel | undefined {
    const target = ctx.ref(node.target);
    if (!target) return undefined;
    const targetKind = ctx.refKind(node.target);
    if (targetKind && !STORE_KINDS.includes(targetKind)) {
        ctx.problem('error', 'invalid-target', `'${verb}' expects ${DATA_STORE}, but '${node.target.$refText}' is a ${targetKind}.`, node, 'target');
    }
    return ctx.addRelation({ kind: verb, source: source.id, target, node, arrow: false });
}

/** A relation written with its verb, inside a component or after a top-level source. */
export const RELATIONS: Handlers<ast.Relation, [RelationSource, BuildContext]> = {
    CallRelation: (node, source, ctx) => {
        const target = ctx.ref(node.target);
        if (!target) return;
        const targetKind = ctx.refKind(node.target);
        if (targetKind && (STORE_KINDS.includes(targetKind) || CHANNEL_KINDS.includes(targetKind))) {
            const verb = CHANNEL_KINDS.includes(targetKind) ? 'publishes' : 'reads/writes';
            ctx.problem('warning', 'invalid-target', `'calls' is for request/response between components; '${node.target.$refText}' is a ${targetKind} (use ${verb}).`, node, 'target');
        }
        const relation = ctx.addRelation({ kind: 'calls', source: source.id, target, node, arrow: false, protocol: node.protocol, sync: node.mode !== 'async' });
        applyOptions(CALL_OPTIONS, node.options, relation, ctx);
    },
    ReadRelation: (node, source, ctx) => {
        const relation = dataAccess(node, 'reads', source, ctx);
        if (relation) applyOptions(READ_OPTIONS, node.options, relation, ctx);
    },
    WriteRelation: (node, source, ctx) => {
        dataAccess(node, 'writes', source, ctx);
    },
    PublishRelation: (node, source, ctx) => {
        const target = ctx.ref(node.target);
        if (!target) return;
        ctx.checkChannel(node, 'target', node.target, 'publishes');
        const relation = ctx.addRelation({ kind: 'publishes', source: source.id, target, node, arrow: false, via: node.via, relay: ctx.ref(node.relay) });
        applyOptions(PUBLISH_OPTIONS, node.options, relation, ctx);
    },
    ConsumeRelation: (node, source, ctx) => {
        const target = ctx.ref(node.target);
        if (!target) return;
        ctx.checkChannel(node, 'target', node.target, 'consumes');
        const relation = ctx.addRelation({ kind: 'consumes', source: source.id, target, node, arrow: false });
        applyOptions(CONSUME_OPTIONS, node.options, relation, ctx);
    },
    RouteRelation: (node, source, ctx) => {
        if (!['loadbalancer', 'gateway', 'cdn'].includes(source.kind)) {
            ctx.problem('warning', 'invalid-source', `'routes' is for load balancers, gateways and CDNs; a ${source.kind} calls its targets.`, node);
        }
        node.targets.forEach((reference, index) => {
            const target = ctx.ref(reference);
            if (target) ctx.addRelation({ kind: 'routes', source: source.id, target, node, arrow: false, targetProperty: 'targets', targetIndex: index });
        });
    },
    ReplicateRelation: (node, source, ctx) => {
        const target = ctx.ref(node.target);
        if (target) ctx.addRelation({ kind: 'replicates', source: source.id, target, node, arrow: false, mode: node.mode });
    },
    SyncsRelation: (node, source, ctx) => {
        const target = ctx.ref(node.target);
        if (target) ctx.addRelation({ kind: 'syncs', source: source.id, target, node, arrow: false, via: node.via });
    }
};

/** What an arrow `A -> B` means, from the kinds of its ends. */
function arrowKind(sourceKind: ComponentKind, targetKind: ComponentKind): RelationKind {
    if (sourceKind === 'loadbalancer' || sourceKind === 'cdn') return 'routes';
    if (CHANNEL_KINDS.includes(targetKind) || targetKind === 'broker') return 'publishes';
    if (STORE_KINDS.includes(targetKind)) return 'uses';
    return 'calls';
}

/** A top-level relation: `A calls B ...` (a relation with its source named first) or an arrow `A -> B`. */
export function topRelation(node: ast.TopRelation, ctx: BuildContext): void {
    const source = ctx.ref(node.source);
    if (!source) return;
    // A resolved reference always has a kind: the grammar requires one on every component.
    const sourceKind = ctx.refKind(node.source)!;
    if (node.relation) {
        dispatch(RELATIONS, node.relation, { id: source, kind: sourceKind }, ctx);
        return;
    }
    const target = ctx.ref(node.target);
    if (!target) return;
    const targetKind = ctx.refKind(node.target)!;
    if (CHANNEL_KINDS.includes(sourceKind) || sourceKind === 'broker') {
        ctx.problem('error', 'invalid-source', `Messages flow from a ${sourceKind} to its consumers: write '${node.target?.$refText} consumes ${node.source.$refText}'.`, node, 'source');
        return;
    }
    const kind = arrowKind(sourceKind, targetKind);
    const relation = ctx.addRelation({
        kind, source, target, node, arrow: true, protocol: node.protocol,
        sync: kind === 'calls' && node.mode !== 'async'
    });
    if (node.options.length > 0 && kind !== 'calls') {
        ctx.problem('warning', 'ignored-options', `Call settings apply to calls; this arrow is read as '${kind}' and they are ignored.`, node, 'options');
    }
    applyOptions(CALL_OPTIONS, node.options, relation, ctx);
}
