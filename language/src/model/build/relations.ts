/**
 * Relations: those written inside a component (`calls B`, `reads Db`, `consumes Bus.t { ... }`)
 * and those written at the top level (`A calls B`, or the arrow `A -> B`, whose kind is inferred
 * from the kinds of its endpoints).
 */
import * as values from '../values.js';
import * as ast from '../../generated/ast.js';
import type { AstNode } from 'langium';
import { GrammarUtils } from 'langium';
import type { ComponentKind, ModelFix, RelationKind, RelationModel, RetryPolicy } from '../types.js';
import { CHANNEL_KINDS, STORE_KINDS } from '../types.js';
import { type BuildContext, DATA_STORE, dispatch, type Handlers } from './context.js';

/** Where a relation starts: the id and kind of the component it is written in (or names first). */
export interface RelationSource {
    id: string;
    kind: ComponentKind;
}

/** A call's protocol as written: an unknown one is a warning and kept (protocols are an open world). */
function protocolOf(node: ast.CallRelation | ast.TopRelation, ctx: BuildContext): string | undefined {
    return node.protocol === undefined ? undefined : ctx.value(node, 'protocol', node.protocol, values.PROTOCOLS);
}

function retry(option: ast.RetryOption, ctx: BuildContext): RetryPolicy {
    const count = option.count !== undefined ? ctx.count(option, 'count', option.count, 0, 'retry count') : undefined;
    return {
        count, unbounded: option.unbounded, backoff: option.backoff === undefined ? undefined : ctx.value(option, 'backoff', option.backoff, values.BACKOFFS), jitter: option.jitter,
        // `retry 3 exponential 200ms`: the first delay of the backoff.
        baseDelayMs: ctx.duration(option, 'baseDelay', option.baseDelay),
        // `max` caps the delay between attempts (the grammar's `maxDuration` is that delay, not a total).
        maxDelayMs: ctx.duration(option, 'maxDuration', option.maxDuration)
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
    TlsProp: (option, relation, ctx) => { relation.tls = option.mode === undefined ? 'enabled' : ctx.value(option, 'mode', option.mode, values.TLS_MODES); },
    LatencyProp: (option, relation, ctx) => {
        const latency = ctx.latency(option);
        if (latency) relation.latencies = [...(relation.latencies ?? []).filter(l => l.percentile !== latency.percentile), latency];
    }
};

const READ_OPTIONS: Handlers<ast.ReadOption, [RelationModel, BuildContext]> = {
    ReadFromSetting: (option, relation, ctx) => { relation.readFrom = ctx.value(option, 'source', option.source, values.READ_SOURCES); },
    RequiresOption: (option, relation, ctx) => { relation.requires = ctx.value(option, 'level', option.level, values.CONSISTENCY_LEVELS); },
    ViaCacheOption: (option, relation, ctx) => { relation.viaCache = ctx.ref(option.cache); }
};

const PUBLISH_OPTIONS: Handlers<ast.PublishOption, [RelationModel, BuildContext]> = {
    KeyProp: (option, relation) => { relation.key = option.key; },
    RetryOption: (option, relation, ctx) => { relation.retry = retry(option, ctx); }
};

const CONSUME_OPTIONS: Handlers<ast.ConsumeOption, [RelationModel, BuildContext]> = {
    DeliveryProp: (option, relation, ctx) => { relation.delivery = ctx.value(option, 'delivery', option.delivery, values.DELIVERY_GUARANTEES); },
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

/** Whether a component of `kind` carries messages: a topic, a queue or their broker. */
function isMessaging(kind: ComponentKind): boolean {
    return CHANNEL_KINDS.includes(kind) || kind === 'broker';
}

/** Whether a relation is written with braces (`{ ... }`, perhaps empty): `writes` has none. */
function hasBody(node: AstNode): boolean {
    return GrammarUtils.findNodeForKeyword(node.$cstNode, '{') !== undefined;
}

/** The fixes that are known, as a list. */
function fixList(...fixes: Array<ModelFix | undefined>): ModelFix[] {
    return fixes.filter((fix): fix is ModelFix => fix !== undefined);
}

/**
 * `reads` and `writes`: the target must hold data. Anything else names the relation that fits it:
 * `consumes`/`publishes` for messaging, `calls` for the rest, with the keyword's fix when the
 * relation has nothing the other one cannot take (`reads` options).
 */
function dataAccess(node: ast.ReadRelation | ast.WriteRelation, verb: 'reads' | 'writes', source: RelationSource, ctx: BuildContext): RelationModel | undefined {
    const target = ctx.ref(node.target);
    if (!target) return undefined;
    const targetKind = ctx.refKind(node.target);
    if (targetKind && !STORE_KINDS.includes(targetKind)) {
        const messaging = isMessaging(targetKind);
        const right = messaging ? (verb === 'reads' ? 'consumes' : 'publishes') : 'calls';
        const why = messaging ? (verb === 'reads' ? 'to receive its messages' : 'to send it messages') : 'to send it requests';
        const plain = ast.isWriteRelation(node) || node.options.length === 0;
        ctx.problem('error', 'invalid-target', `'${verb}' expects ${DATA_STORE}, but '${node.target.$refText}' is a ${targetKind}: use '${right}' ${why}.`,
            node, 'target', undefined, plain ? fixList(ctx.keywordFix(node, verb, right, true)) : undefined);
    }
    return ctx.addRelation({ kind: verb, source: source.id, target, node, arrow: false });
}

/**
 * `publishes` and `consumes`: the target must be a topic, a queue or a broker. A data store is
 * written and read (`writes`, `reads`); another component is called.
 */
function messagingTarget(node: ast.PublishRelation | ast.ConsumeRelation, verb: 'publishes' | 'consumes', ctx: BuildContext): void {
    const targetKind = ctx.refKind(node.target);
    if (!targetKind || isMessaging(targetKind)) return;
    const extra = node.options.length > 0 || (ast.isPublishRelation(node) && (node.via !== undefined || node.relay !== undefined));
    const name = node.target.$refText;
    if (STORE_KINDS.includes(targetKind)) {
        const right = verb === 'publishes' ? 'writes' : 'reads';
        // `writes` takes no braces at all.
        const fixable = !extra && (right === 'reads' || !hasBody(node));
        ctx.problem('error', 'invalid-target', `'${verb}' expects a topic, queue or broker, but '${name}' is a ${targetKind}: use '${right}' for a data store.`,
            node, 'target', undefined, fixable ? fixList(ctx.keywordFix(node, verb, right, true)) : undefined);
        return;
    }
    const how = verb === 'publishes' ? `use 'calls ${name} async' for a one-way request` : `use 'calls' for a request to it`;
    ctx.problem('error', 'invalid-target', `'${verb}' expects a topic, queue or broker, but '${name}' is a ${targetKind}: ${how}.`,
        node, 'target', undefined, extra ? undefined : fixList(callInstead(node, verb, ctx)));
}

/** `publishes X` → `calls X async`, `consumes X` → `calls X`: offered, never applied unasked (the intent is a guess). */
function callInstead(node: ast.PublishRelation | ast.ConsumeRelation, verb: 'publishes' | 'consumes', ctx: BuildContext): ModelFix | undefined {
    const fix = ctx.keywordFix(node, verb, 'calls', false);
    const targetEnd = ctx.propertyRange(node, 'target')?.end;
    if (!fix || verb === 'consumes' || !targetEnd) return fix;
    return { title: `Change to 'calls ${node.target.$refText} async'`, edits: [...fix.edits, { uri: ctx.uri, range: { start: targetEnd, end: targetEnd }, newText: ' async' }] };
}

/** A relation written with its verb, inside a component or after a top-level source. */
export const RELATIONS: Handlers<ast.Relation, [RelationSource, BuildContext]> = {
    CallRelation: (node, source, ctx) => {
        const target = ctx.ref(node.target);
        if (!target) return;
        const targetKind = ctx.refKind(node.target);
        if (targetKind && (STORE_KINDS.includes(targetKind) || isMessaging(targetKind))) {
            // Call settings (`over grpc`, `async`, `{ timeout 1s }`) mean nothing to the other relations.
            const plain = node.protocol === undefined && node.mode === undefined && node.options.length === 0;
            const store = STORE_KINDS.includes(targetKind);
            const use = store ? `use 'reads' or 'writes' for a data store` : `use 'publishes' to send it messages`;
            const fixes = !plain ? undefined : store
                ? fixList(ctx.keywordFix(node, 'calls', 'reads', false), hasBody(node) ? undefined : ctx.keywordFix(node, 'calls', 'writes', false))
                : fixList(ctx.keywordFix(node, 'calls', 'publishes', true));
            ctx.problem('warning', 'invalid-target', `'calls' is for request/response between components; '${node.target.$refText}' is a ${targetKind}: ${use}.`, node, 'target', undefined, fixes);
        }
        const relation = ctx.addRelation({ kind: 'calls', source: source.id, target, node, arrow: false, protocol: protocolOf(node, ctx), sync: node.mode !== 'async' });
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
        messagingTarget(node, 'publishes', ctx);
        const relation = ctx.addRelation({ kind: 'publishes', source: source.id, target, node, arrow: false, via: node.via === undefined ? undefined : ctx.value(node, 'via', node.via, values.PUBLISH_VIAS), relay: ctx.ref(node.relay) });
        applyOptions(PUBLISH_OPTIONS, node.options, relation, ctx);
    },
    ConsumeRelation: (node, source, ctx) => {
        const target = ctx.ref(node.target);
        if (!target) return;
        messagingTarget(node, 'consumes', ctx);
        const relation = ctx.addRelation({ kind: 'consumes', source: source.id, target, node, arrow: false });
        applyOptions(CONSUME_OPTIONS, node.options, relation, ctx);
    },
    RouteRelation: (node, source, ctx) => {
        if (!['loadbalancer', 'gateway', 'cdn'].includes(source.kind)) {
            // One `calls` per target: the keyword's fix only serves a single one.
            const single = node.targets.length === 1;
            ctx.problem('warning', 'invalid-source',
                `'routes' is for load balancers, gateways and CDNs; a ${source.kind} calls its targets: use 'calls'${single ? '' : ', once per target'}.`,
                node, undefined, undefined, single ? fixList(ctx.keywordFix(node, 'routes', 'calls', true)) : undefined);
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
        if (target) ctx.addRelation({ kind: 'syncs', source: source.id, target, node, arrow: false, via: node.via === undefined ? undefined : ctx.value(node, 'via', node.via, values.SYNC_VIAS) });
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
        const written = `${node.target?.$refText} consumes ${node.source.$refText}`;
        const range = node.$cstNode?.range;
        // Call settings have no place on `consumes`: the fix rewrites only a bare arrow.
        const plain = range && node.protocol === undefined && node.mode === undefined && !hasBody(node);
        ctx.problem('error', 'invalid-source', `Messages flow from a ${sourceKind} to its consumers: write '${written}'.`, node, 'source', undefined,
            plain ? [{ title: `Change to '${written}'`, edits: [{ uri: ctx.uri, range, newText: written }], preferred: true }] : undefined);
        return;
    }
    const kind = arrowKind(sourceKind, targetKind);
    const relation = ctx.addRelation({
        kind, source, target, node, arrow: true, protocol: protocolOf(node, ctx),
        sync: kind === 'calls' && node.mode !== 'async'
    });
    if (node.options.length > 0 && kind !== 'calls') {
        ctx.problem('warning', 'ignored-options', `Call settings apply to calls; this arrow is read as '${kind}' and they are ignored.`, node, 'options');
    }
    applyOptions(CALL_OPTIONS, node.options, relation, ctx);
}
