import type { AstNode, LangiumDocument, Reference } from 'langium';
import { CstUtils, GrammarUtils, isJSDoc, parseJSDoc } from 'langium';
import * as ast from '../generated/ast.js';
import { qualifiedName } from '../names.js';
import { findTechnology } from './technologies.js';
import type {
    ComponentKind, ComponentModel, ComponentProps, ModelFragment, ModelProblem, PropName, Range, RelationKind,
    RelationModel, Replication, RetryPolicy, SagaStepModel, SourceLocation
} from './types.js';
import { CHANNEL_KINDS, STORE_KINDS } from './types.js';
import { parseDuration } from './units.js';

/**
 * Resolves one parsed and linked document into its model fragment, in a single walk over the AST.
 * Cost is linear in the size of the document. Unresolved references are skipped (the linker has
 * already reported them); impossible values become `problems`.
 */
export function buildFragment(document: LangiumDocument): ModelFragment {
    return new FragmentBuilder(document).build();
}

/** Raw text of the `/** ... *\/` comment right before a node, without the comment markers. */
export function docComment(node: AstNode): string | undefined {
    const comment = CstUtils.findCommentNode(node.$cstNode, ['ML_COMMENT']);
    if (!comment || !isJSDoc(comment)) return undefined;
    const text = parseJSDoc(comment).toMarkdown().trim();
    return text.length > 0 ? text : undefined;
}

function emptyProps(): ComponentProps {
    return {
        replicas: 1, placements: [], managed: false, stateful: false, public: false, internal: false,
        external: false, cdc: false, owns: [], holds: [], origins: []
    };
}

class FragmentBuilder {
    private readonly uri: string;
    private readonly fragment: ModelFragment;
    private readonly relationCounts = new Map<string, number>();

    constructor(private readonly document: LangiumDocument) {
        this.uri = document.uri.toString();
        this.fragment = {
            uri: this.uri, components: [], relations: [], systems: [], regions: [], sagas: [], cqrs: [], views: [],
            eventSourcing: [], transactions: [], slos: [], flows: [], problems: []
        };
    }

    build(): ModelFragment {
        const root = this.document.parseResult.value;
        if (ast.isModel(root)) {
            for (const element of root.elements) this.element(element, undefined);
        }
        return this.fragment;
    }

    // ------------------------------------------------------------------ helpers

    private loc(node: AstNode, nameProperty = 'name'): SourceLocation {
        const range = node.$cstNode?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
        const nameNode = GrammarUtils.findNodeForProperty(node.$cstNode, nameProperty);
        return { uri: this.uri, range, nameRange: nameNode?.range };
    }

    private propertyRange(node: AstNode, property: string, index?: number): Range | undefined {
        return GrammarUtils.findNodeForProperty(node.$cstNode, property, index)?.range;
    }

    private problem(severity: ModelProblem['severity'], code: string, message: string, node: AstNode, property?: string, index?: number): void {
        const range = (property ? this.propertyRange(node, property, index) : undefined) ?? node.$cstNode?.range;
        if (!range) return;
        this.fragment.problems.push({ severity, code, message, loc: { uri: this.uri, range } });
    }

    private ref(reference: Reference<ast.Component> | undefined): string | undefined {
        const target = reference?.ref;
        return target ? qualifiedName(target) : undefined;
    }

    private refKind(reference: Reference<ast.Component> | undefined): ComponentKind | undefined {
        return reference?.ref?.kind as ComponentKind | undefined;
    }

    private placementRefs(refs: Reference<ast.Placement>[]): string[] {
        const ids: string[] = [];
        for (const reference of refs) {
            if (reference.ref) ids.push(qualifiedName(reference.ref));
        }
        return ids;
    }

    private count(node: AstNode, property: string, value: number, min: number, what: string): number | undefined {
        if (value < min) {
            this.problem('error', 'invalid-number', `${what} must be at least ${min}, not ${value}.`, node, property);
            return undefined;
        }
        return value;
    }

    private duration(node: AstNode, property: string, text: string | undefined): number | undefined {
        if (text === undefined) return undefined;
        const ms = parseDuration(text);
        if (ms === undefined) this.problem('error', 'invalid-duration', `'${text}' is not a duration.`, node, property);
        return ms;
    }

    // ------------------------------------------------------------------ structure

    private element(element: ast.Element, system: string | undefined): void {
        if (ast.isSystem(element)) {
            const id = qualifiedName(element);
            this.fragment.systems.push({ id, name: element.name, parent: system, doc: docComment(element), loc: this.loc(element) });
            for (const child of element.elements) this.element(child, id);
        } else if (ast.isRegion(element)) {
            const zones = element.zones.flatMap(list => list.zones).map(zone => ({
                id: qualifiedName(zone), name: zone.name, loc: this.loc(zone)
            }));
            this.fragment.regions.push({ id: qualifiedName(element), name: element.name, zones, loc: this.loc(element) });
        } else if (ast.isComponent(element)) {
            this.component(element, system, undefined);
        } else if (ast.isTopRelation(element)) {
            this.topRelation(element);
        } else if (ast.isSaga(element)) {
            this.saga(element);
        } else if (ast.isCqrs(element)) {
            this.cqrs(element);
        } else if (ast.isView(element)) {
            this.view(element);
        } else if (ast.isEventSourcing(element)) {
            this.eventSourcing(element);
        } else if (ast.isTransaction(element)) {
            this.transaction(element);
        } else if (ast.isSlo(element)) {
            this.slo(element);
        } else if (ast.isFlow(element)) {
            this.flow(element);
        }
    }

    private component(node: ast.Component, system: string | undefined, parent: ComponentModel | undefined): void {
        const id = qualifiedName(node);
        const kind = node.kind as ComponentKind;
        const tech = findTechnology(node.technology);
        const props = emptyProps();
        const origins: ComponentModel['origins'] = {};
        if (tech) {
            if (!tech.kinds.includes(kind)) {
                this.problem('warning', 'technology-kind-mismatch',
                    `'${node.technology}' is a technology for ${tech.kinds.join(' or ')}, not for a ${kind}; its defaults are not applied.`,
                    node, 'technology');
            } else {
                for (const [key, value] of Object.entries(tech.defaults)) {
                    (props as unknown as Record<string, unknown>)[key] = structuredClone(value);
                    origins[key as PropName] = 'technology';
                }
            }
        }
        if (kind === 'client' && !tech) props.external = true;
        if (parent && (kind === 'topic' || kind === 'queue')) {
            // A channel inherits its broker's nature unless it says otherwise.
            for (const key of ['brokerType', 'retention', 'pattern', 'managed'] as const) {
                if (parent.origins[key] && props[key] === undefined || (key === 'managed' && parent.props.managed)) {
                    (props as unknown as Record<string, unknown>)[key] = structuredClone(parent.props[key]);
                    origins[key] = parent.origins[key];
                }
            }
        }
        if (parent && kind !== 'topic' && kind !== 'queue') {
            this.problem('error', 'misplaced-component', `A ${kind} cannot be declared inside a ${parent.kind}; only topics and queues nest (inside a broker).`, node, 'kind');
        }
        if (!parent && (kind === 'topic' || kind === 'queue')) {
            // Allowed: a stand-alone queue (e.g. SQS) or topic. Nothing to inherit.
        }
        const model: ComponentModel = {
            id, name: node.name, kind, technology: node.technology, technologyKnown: tech !== undefined && tech.kinds.includes(kind),
            doc: docComment(node), parent: parent?.id, system, props, origins, loc: this.loc(node)
        };
        this.fragment.components.push(model);

        const seen = new Map<string, AstNode>();
        for (const member of node.members) {
            if (ast.isComponent(member)) {
                if (kind !== 'broker') {
                    this.problem('error', 'misplaced-component', `Only a broker can contain components (its topics and queues); '${node.name}' is a ${kind}.`, member, 'kind');
                }
                continue; // children are built after the parent is complete
            }
            if (ast.isRelation(member)) {
                this.relation(member, id, kind);
                continue;
            }
            const key = propertyKey(member);
            const previous = seen.get(key);
            if (previous) {
                this.problem('warning', 'duplicate-property', `'${key}' is already set on line ${(previous.$cstNode?.range.start.line ?? 0) + 1}; this one wins.`, member);
            }
            seen.set(key, member);
            this.property(member, model);
        }
        for (const member of node.members) {
            if (ast.isComponent(member)) this.component(member, system, model);
        }
    }

    private property(prop: ast.Property, component: ComponentModel): void {
        const p = component.props;
        const o = component.origins;
        const set = <K extends PropName>(key: K, value: ComponentProps[K]) => {
            p[key] = value;
            o[key] = 'declared';
        };
        if (ast.isReplicasProp(prop)) {
            const n = this.count(prop, 'count', prop.count, 1, 'replicas');
            if (n !== undefined) set('replicas', n);
            if (prop.across.length > 0) set('placements', this.placementRefs(prop.across));
        } else if (ast.isFlagProp(prop)) {
            set(prop.flag, true);
            if (prop.flag === 'internal') set('external', false);
        } else if (ast.isHealthCheckProp(prop)) {
            set('healthCheck', prop.kind === 'none' ? undefined : { path: prop.path, kind: prop.kind });
            if (prop.kind === 'none') o.healthCheck = 'declared';
        } else if (ast.isOwnsProp(prop)) {
            const stores: string[] = [];
            prop.stores.forEach((store, index) => {
                const target = this.ref(store);
                if (!target) return;
                const targetKind = this.refKind(store);
                if (targetKind && !STORE_KINDS.includes(targetKind)) {
                    this.problem('error', 'invalid-target', `'owns' expects a data store (database, cache, objectstore, search), but '${store.$refText}' is a ${targetKind}.`, prop, 'stores', index);
                }
                stores.push(target);
            });
            set('owns', [...p.owns, ...stores]);
        } else if (ast.isRateLimitProp(prop)) {
            if (prop.none) set('rateLimit', 'none');
            else if (prop.rate) {
                const [count, unit] = prop.rate.split('/');
                set('rateLimit', { count: Number(count), unit: unit.trim(), per: prop.per, burst: prop.burst });
            }
        } else if (ast.isTlsProp(prop)) {
            set('tls', prop.mode ?? 'enabled');
        } else if (ast.isAuthProp(prop)) {
            set('auth', prop.method);
        } else if (ast.isHaProp(prop)) {
            set('ha', prop.mode);
        } else if (ast.isFailoverProp(prop)) {
            set('failover', prop.mode);
            if (p.replication?.type === 'single-leader') p.replication.failover = prop.mode;
        } else if (ast.isRegionProp(prop)) {
            set('placements', this.placementRefs(prop.placements));
        } else if (ast.isAlgorithmProp(prop)) {
            set('algorithm', prop.algorithm);
        } else if (ast.isStyleProp(prop)) {
            set('style', prop.style);
        } else if (ast.isSessionProp(prop)) {
            set('session', prop.where);
        } else if (ast.isScalingProp(prop)) {
            set('scaling', prop.mode);
        } else if (ast.isTriggerProp(prop)) {
            set('trigger', prop.trigger);
        } else if (ast.isHoldsProp(prop)) {
            set('holds', prop.kinds.map(k => k.toLowerCase()));
        } else if (ast.isAvailabilityProp(prop)) {
            if (prop.value <= 0 || prop.value > 100) {
                this.problem('error', 'invalid-number', `availability must be a percentage between 0% and 100%, not ${prop.value}%.`, prop, 'value');
            } else set('availability', prop.value);
        } else if (ast.isReplicationProp(prop)) {
            set('replication', this.replication(prop.replication, p.replication, component));
        } else if (ast.isPartitionProp(prop)) {
            const inherited = o.partition === 'technology' ? p.partition : undefined;
            const count = prop.count !== undefined ? this.count(prop, 'count', prop.count, 1, 'partition count') : undefined;
            set('partition', {
                key: prop.key, keyKind: prop.keyKind as ComponentProps['partition'] extends infer P ? P extends { keyKind?: infer K } ? K : never : never,
                strategy: (prop.strategy ?? inherited?.strategy) as NonNullable<ComponentProps['partition']>['strategy'], count
            });
        } else if (ast.isConsistencyProp(prop)) {
            set('consistency', prop.level);
        } else if (ast.isIsolationProp(prop)) {
            set('isolation', prop.level);
        } else if (ast.isCachePolicyProp(prop)) {
            set('cachePolicy', prop.policy);
        } else if (ast.isEvictionProp(prop)) {
            set('eviction', prop.policy);
        } else if (ast.isTtlProp(prop)) {
            const ms = this.duration(prop, 'ttl', prop.ttl);
            if (ms !== undefined) set('ttlMs', ms);
        } else if (ast.isPlacementProp(prop)) {
            set('cachePlacement', prop.placement);
        } else if (ast.isInvalidationProp(prop)) {
            set('invalidation', prop.mode);
        } else if (ast.isCdnModeProp(prop)) {
            set('cdnMode', prop.mode);
        } else if (ast.isOriginProp(prop)) {
            const origins = prop.origins.map(r => this.ref(r)).filter((x): x is string => x !== undefined);
            set('origins', origins);
            for (const target of origins) this.addRelation({ kind: 'routes', source: component.id, target, node: prop, arrow: false });
        } else if (ast.isBrokerTypeProp(prop)) {
            set('brokerType', prop.brokerType);
        } else if (ast.isRetentionProp(prop)) {
            if (prop.untilAck) set('retention', 'until-ack');
            else if (prop.forever) set('retention', 'forever');
            else {
                const ms = this.duration(prop, 'duration', prop.duration);
                if (ms !== undefined) set('retention', { ms });
            }
        } else if (ast.isPartitionsProp(prop)) {
            const n = this.count(prop, 'count', prop.count, 1, 'partitions');
            if (n !== undefined) set('partitions', n);
        } else if (ast.isKeyProp(prop)) {
            set('key', prop.key);
        } else if (ast.isDeliveryProp(prop)) {
            set('delivery', prop.delivery);
        } else if (ast.isDlqProp(prop)) {
            const target = this.ref(prop.target);
            if (target) {
                this.checkChannel(prop, 'target', prop.target, 'dlq');
                set('dlq', target);
            }
        } else if (ast.isOrderingProp(prop)) {
            set('ordering', prop.ordering);
        } else if (ast.isPatternProp(prop)) {
            set('pattern', prop.pattern);
        }
    }

    private replication(node: ast.Replication, inherited: Replication | undefined, component: ComponentModel): Replication {
        if (ast.isSingleLeader(node)) {
            const base = inherited?.type === 'single-leader' ? inherited : undefined;
            const result: Replication = {
                type: 'single-leader', followerPlacements: [...(base?.followerPlacements ?? [])], fencingTokens: base?.fencingTokens ?? false,
                followers: base?.followers, mode: base?.mode, failover: base?.failover ?? component.props.failover, readFrom: base?.readFrom
            };
            for (const s of node.settings) {
                if (ast.isFollowersSetting(s)) {
                    const n = this.count(s, 'count', s.count, 0, 'followers');
                    if (n !== undefined) result.followers = n;
                    if (s.placements.length > 0) result.followerPlacements = this.placementRefs(s.placements);
                } else if (ast.isSyncModeSetting(s)) result.mode = s.mode;
                else if (ast.isFailoverProp(s)) result.failover = s.mode;
                else if (ast.isReadFromSetting(s)) result.readFrom = s.source;
                else if (ast.isElectionSetting(s)) result.election = { coordinator: this.ref(s.coordinator), method: s.method };
                else if (ast.isFencingSetting(s)) result.fencingTokens = true;
            }
            return result;
        }
        if (ast.isMultiLeader(node)) {
            const base = inherited?.type === 'multi-leader' ? inherited : undefined;
            const result: Replication = { type: 'multi-leader', leaderPlacements: [...(base?.leaderPlacements ?? [])], leaders: base?.leaders,
                topology: base?.topology, conflictResolution: base?.conflictResolution, mode: base?.mode };
            for (const s of node.settings) {
                if (ast.isLeadersSetting(s)) {
                    const n = this.count(s, 'count', s.count, 1, 'leaders');
                    if (n !== undefined) result.leaders = n;
                    if (s.placements.length > 0) result.leaderPlacements = this.placementRefs(s.placements);
                } else if (ast.isTopologySetting(s)) result.topology = s.topology;
                else if (ast.isConflictSetting(s)) result.conflictResolution = s.strategy;
                else if (ast.isSyncModeSetting(s)) result.mode = s.mode;
            }
            return result;
        }
        if (ast.isLeaderless(node)) {
            const base = inherited?.type === 'leaderless' ? inherited : undefined;
            const result: Replication = {
                type: 'leaderless', n: base?.n, w: base?.w, r: base?.r, sloppyQuorum: base?.sloppyQuorum ?? false,
                readRepair: base?.readRepair ?? false, antiEntropy: base?.antiEntropy ?? false, hintedHandoff: base?.hintedHandoff ?? false,
                conflictResolution: base?.conflictResolution
            };
            for (const s of node.settings) {
                if (ast.isQuorumSetting(s)) result[s.param] = s.value;
                else if (ast.isConflictSetting(s)) result.conflictResolution = s.strategy;
                else if (ast.isLeaderlessFlag(s)) {
                    if (s.flag === 'sloppy') result.sloppyQuorum = true;
                    else if (s.flag === 'read') result.readRepair = true;
                    else if (s.flag === 'anti-entropy') result.antiEntropy = true;
                    else result.hintedHandoff = true;
                }
            }
            return result;
        }
        if (ast.isConsensus(node)) {
            const base = inherited?.type === 'consensus' ? inherited : undefined;
            const result: Replication = { type: 'consensus', protocol: node.protocol ?? base?.protocol, nodes: base?.nodes };
            for (const s of node.settings) {
                const n = this.count(s, 'nodes', s.nodes, 1, 'nodes');
                if (n !== undefined) result.nodes = n;
            }
            return result;
        }
        return { type: 'none' };
    }

    // ------------------------------------------------------------------ relations

    private addRelation(r: Partial<RelationModel> & { kind: RelationKind; source: string; target: string; node: AstNode; arrow: boolean; targetProperty?: string; targetIndex?: number }): RelationModel {
        const { node, targetProperty, targetIndex, ...rest } = r;
        const key = `${r.source} ${r.kind} ${r.target}`;
        const n = (this.relationCounts.get(key) ?? 0) + 1;
        this.relationCounts.set(key, n);
        const relation: RelationModel = {
            sync: r.kind === 'calls', circuitBreaker: false, idempotent: false, idempotencyKey: false, replay: false, ordered: false,
            ...rest,
            id: n === 1 ? key : `${key} #${n}`,
            loc: { uri: this.uri, range: node.$cstNode!.range },
            targetRange: this.propertyRange(node, targetProperty ?? 'target', targetIndex)
        };
        this.fragment.relations.push(relation);
        return relation;
    }

    private callOptions(relation: RelationModel, options: ast.CallOption[]): void {
        for (const option of options) {
            if (ast.isTimeoutOption(option)) relation.timeoutMs = this.duration(option, 'value', option.value);
            else if (ast.isRetryOption(option)) relation.retry = this.retry(option);
            else if (ast.isBreakerOption(option)) relation.circuitBreaker = true;
            else if (ast.isIdempotencyOption(option)) {
                if (option.kind === 'idempotent') relation.idempotent = true;
                else relation.idempotencyKey = true;
            } else if (ast.isFallbackOption(option)) {
                relation.fallback = { target: this.ref(option.target), cache: option.cached, defaultValue: option.defaultValue };
            } else if (ast.isTlsProp(option)) relation.tls = option.mode ?? 'enabled';
        }
    }

    private retry(option: ast.RetryOption): RetryPolicy {
        const count = option.count !== undefined ? this.count(option, 'count', option.count, 0, 'retry count') : undefined;
        return {
            count, unbounded: option.unbounded, backoff: option.backoff, jitter: option.jitter,
            maxDurationMs: this.duration(option, 'maxDuration', option.maxDuration)
        };
    }

    private checkChannel(node: AstNode, property: string, reference: Reference<ast.Component>, verb: string): void {
        const kind = this.refKind(reference);
        if (kind && !CHANNEL_KINDS.includes(kind) && kind !== 'broker') {
            this.problem('error', 'invalid-target', `'${verb}' expects a topic, queue or broker, but '${reference.$refText}' is a ${kind}.`, node, property);
        }
    }

    private relation(node: ast.Relation, source: string, sourceKind: ComponentKind): void {
        if (ast.isCallRelation(node)) {
            const target = this.ref(node.target);
            if (!target) return;
            const targetKind = this.refKind(node.target);
            if (targetKind && (STORE_KINDS.includes(targetKind) || CHANNEL_KINDS.includes(targetKind))) {
                const verb = CHANNEL_KINDS.includes(targetKind) ? 'publishes' : 'reads/writes';
                this.problem('warning', 'invalid-target', `'calls' is for request/response between components; '${node.target.$refText}' is a ${targetKind} (use ${verb}).`, node, 'target');
            }
            const relation = this.addRelation({ kind: 'calls', source, target, node, arrow: false, protocol: node.protocol, sync: node.mode !== 'async' });
            this.callOptions(relation, node.options);
        } else if (ast.isReadRelation(node) || ast.isWriteRelation(node)) {
            const target = this.ref(node.target);
            if (!target) return;
            const verb = ast.isReadRelation(node) ? 'reads' : 'writes';
            const targetKind = this.refKind(node.target);
            if (targetKind && !STORE_KINDS.includes(targetKind)) {
                this.problem('error', 'invalid-target', `'${verb}' expects a data store (database, cache, objectstore, search), but '${node.target.$refText}' is a ${targetKind}.`, node, 'target');
            }
            const relation = this.addRelation({ kind: verb, source, target, node, arrow: false });
            if (ast.isReadRelation(node)) {
                for (const option of node.options) {
                    if (ast.isReadFromSetting(option)) relation.readFrom = option.source;
                    else if (ast.isRequiresOption(option)) relation.requires = option.level;
                    else if (ast.isViaCacheOption(option)) relation.viaCache = this.ref(option.cache);
                }
            }
        } else if (ast.isPublishRelation(node)) {
            const target = this.ref(node.target);
            if (!target) return;
            this.checkChannel(node, 'target', node.target, 'publishes');
            const relation = this.addRelation({ kind: 'publishes', source, target, node, arrow: false, via: node.via, relay: this.ref(node.relay) });
            for (const option of node.options) {
                if (ast.isKeyProp(option)) relation.key = option.key;
                else if (ast.isRetryOption(option)) relation.retry = this.retry(option);
            }
        } else if (ast.isConsumeRelation(node)) {
            const target = this.ref(node.target);
            if (!target) return;
            this.checkChannel(node, 'target', node.target, 'consumes');
            const relation = this.addRelation({ kind: 'consumes', source, target, node, arrow: false });
            for (const option of node.options) {
                if (ast.isDeliveryProp(option)) relation.delivery = option.delivery;
                else if (ast.isIdempotencyOption(option)) {
                    if (option.kind === 'idempotent') relation.idempotent = true;
                    else relation.idempotencyKey = true;
                } else if (ast.isDlqProp(option)) {
                    relation.dlq = this.ref(option.target);
                    this.checkChannel(option, 'target', option.target, 'dlq');
                } else if (ast.isGroupOption(option)) relation.group = option.group;
                else if (ast.isReplayOption(option)) relation.replay = true;
                else if (ast.isOrderedOption(option)) relation.ordered = true;
                else if (ast.isRetryOption(option)) relation.retry = this.retry(option);
            }
        } else if (ast.isRouteRelation(node)) {
            if (!['loadbalancer', 'gateway', 'cdn'].includes(sourceKind)) {
                this.problem('warning', 'invalid-source', `'routes' is for load balancers, gateways and CDNs; a ${sourceKind} calls its targets.`, node);
            }
            node.targets.forEach((reference, index) => {
                const target = this.ref(reference);
                if (target) this.addRelation({ kind: 'routes', source, target, node, arrow: false, targetProperty: 'targets', targetIndex: index });
            });
        } else if (ast.isReplicateRelation(node)) {
            const target = this.ref(node.target);
            if (target) this.addRelation({ kind: 'replicates', source, target, node, arrow: false, mode: node.mode });
        } else if (ast.isSyncsRelation(node)) {
            const target = this.ref(node.target);
            if (target) this.addRelation({ kind: 'syncs', source, target, node, arrow: false, via: node.via });
        }
    }

    private topRelation(node: ast.TopRelation): void {
        const source = this.ref(node.source);
        if (!source) return;
        const sourceKind = this.refKind(node.source)!;
        if (node.relation) {
            this.relation(node.relation, source, sourceKind);
            return;
        }
        const target = this.ref(node.target);
        if (!target) return;
        const targetKind = this.refKind(node.target)!;
        if (CHANNEL_KINDS.includes(sourceKind) || sourceKind === 'broker') {
            this.problem('error', 'invalid-source', `Messages flow from a ${sourceKind} to its consumers: write '${node.target?.$refText} consumes ${node.source.$refText}'.`, node, 'source');
            return;
        }
        let kind: RelationKind;
        if (sourceKind === 'loadbalancer' || sourceKind === 'cdn') kind = 'routes';
        else if (CHANNEL_KINDS.includes(targetKind) || targetKind === 'broker') kind = 'publishes';
        else if (STORE_KINDS.includes(targetKind)) kind = 'uses';
        else kind = 'calls';
        const relation = this.addRelation({
            kind, source, target, node, arrow: true, protocol: node.protocol,
            sync: kind === 'calls' && node.mode !== 'async'
        });
        if (node.options.length > 0 && kind !== 'calls') {
            this.problem('warning', 'ignored-options', `Call settings apply to calls; this arrow is read as '${kind}' and they are ignored.`, node, 'options');
        }
        this.callOptions(relation, node.options);
    }

    // ------------------------------------------------------------------ blocks

    private saga(node: ast.Saga): void {
        const steps: SagaStepModel[] = [];
        for (const step of node.steps) {
            const service = this.ref(step.service);
            if (!service) continue;
            const kind = this.refKind(step.service);
            if (kind && kind !== 'service' && kind !== 'function') {
                this.problem('error', 'invalid-target', `A saga step runs in a service or function; '${step.service.$refText}' is a ${kind}.`, step, 'service');
            }
            let compensation: SagaStepModel['compensation'];
            if (step.compensationService && step.compensation) {
                const compService = this.ref(step.compensationService);
                if (compService && compService !== service) {
                    this.problem('error', 'foreign-compensation',
                        `Step '${step.service.$refText}.${step.action}' is compensated by '${step.compensationService.$refText}.${step.compensation}', an action of another service; the service that did the work must undo it.`,
                        step, 'compensationService');
                }
                if (compService) compensation = { service: compService, action: step.compensation };
            }
            steps.push({ service, action: step.action, compensation, noCompensation: step.noCompensation, external: step.external, loc: this.loc(step, 'action') });
        }
        const orchestrator = this.ref(node.orchestrator);
        if (orchestrator) {
            const kind = this.refKind(node.orchestrator);
            if (kind && kind !== 'service' && kind !== 'function') {
                this.problem('error', 'invalid-target', `A saga is orchestrated by a service or function; '${node.orchestrator?.$refText}' is a ${kind}.`, node, 'orchestrator');
            }
        }
        if (node.broker) this.checkChannel(node, 'broker', node.broker, 'choreographed over');
        this.fragment.sagas.push({
            id: qualifiedName(node), name: node.name,
            mode: node.orchestrator ? 'orchestration' : node.choreographed ? 'choreography' : undefined,
            orchestrator, broker: this.ref(node.broker), steps, loc: this.loc(node), doc: docComment(node)
        });
    }

    private cqrs(node: ast.Cqrs): void {
        const model: ModelFragment['cqrs'][number] = { id: qualifiedName(node), name: node.name, loc: this.loc(node), doc: docComment(node) };
        for (const s of node.settings) {
            if (s.role === 'command') {
                if (s.store) model.commandStore = this.ref(s.component);
                else model.command = this.ref(s.component);
            } else if (s.role === 'query') {
                if (s.store) model.queryStore = this.ref(s.component);
                else model.query = this.ref(s.component);
            } else if (s.via) {
                model.syncVia = s.via;
                model.syncThrough = this.ref(s.through);
            }
        }
        this.fragment.cqrs.push(model);
    }

    private view(node: ast.View): void {
        const model: ModelFragment['views'][number] = {
            id: qualifiedName(node), name: node.name, materialized: node.materialized, sources: [], loc: this.loc(node), doc: docComment(node)
        };
        for (const s of node.settings) {
            if (s.store) model.store = this.ref(s.store);
            if (s.sources.length > 0) model.sources.push(...s.sources.map(r => this.ref(r)).filter((x): x is string => x !== undefined));
            if (s.refresh) {
                model.refresh = s.refresh;
                model.schedule = s.schedule;
            }
        }
        this.fragment.views.push(model);
    }

    private eventSourcing(node: ast.EventSourcing): void {
        const model: ModelFragment['eventSourcing'][number] = { id: qualifiedName(node), name: node.name, projections: [], loc: this.loc(node), doc: docComment(node) };
        for (const s of node.settings) {
            if (s.store) model.store = this.ref(s.store);
            if (s.none) model.snapshots = 'none';
            else if (s.every !== undefined) model.snapshots = s.every;
            model.projections.push(...s.projections.map(r => this.ref(r)).filter((x): x is string => x !== undefined));
        }
        this.fragment.eventSourcing.push(model);
    }

    private transaction(node: ast.Transaction): void {
        const model: ModelFragment['transactions'][number] = { id: qualifiedName(node), name: node.name, protocol: node.protocol, participants: [], loc: this.loc(node), doc: docComment(node) };
        for (const s of node.settings) {
            if (s.coordinator) model.coordinator = this.ref(s.coordinator);
            model.participants.push(...s.participants.map(r => this.ref(r)).filter((x): x is string => x !== undefined));
        }
        this.fragment.transactions.push(model);
    }

    private path(settings: ast.PathSetting): string[] {
        return settings.steps.map(r => this.ref(r)).filter((x): x is string => x !== undefined);
    }

    private slo(node: ast.Slo): void {
        const model: ModelFragment['slos'][number] = { id: qualifiedName(node), name: node.name, path: [], latencies: [], loc: this.loc(node), doc: docComment(node) };
        for (const s of node.settings) {
            if (ast.isPathSetting(s)) model.path = this.path(s);
            else if (s.target) model.target = this.ref(s.target);
            else if (s.availability !== undefined) {
                model.availability = s.availability;
                model.availabilityLoc = { uri: this.uri, range: s.$cstNode!.range };
            } else if (s.percentile && s.latency) {
                const ms = this.duration(s, 'latency', s.latency);
                if (ms !== undefined) model.latencies.push({ percentile: s.percentile, ms });
            } else if (s.window) model.windowMs = this.duration(s, 'window', s.window);
        }
        this.fragment.slos.push(model);
    }

    private flow(node: ast.Flow): void {
        const model: ModelFragment['flows'][number] = { id: qualifiedName(node), name: node.name, path: [], userFacing: false, loc: this.loc(node), doc: docComment(node) };
        for (const s of node.settings) {
            if (ast.isPathSetting(s)) model.path = this.path(s);
            else if (s.userFacing) model.userFacing = true;
            else if (s.requires) model.requires = s.requires;
        }
        this.fragment.flows.push(model);
    }
}

/** The key under which a property counts as "set twice". */
function propertyKey(prop: ast.Property): string {
    if (ast.isFlagProp(prop)) return prop.flag;
    if (ast.isCachePolicyProp(prop)) return 'write policy';
    if (ast.isCdnModeProp(prop)) return 'push/pull';
    if (ast.isOwnsProp(prop)) return `owns ${prop.$cstNode?.offset ?? ''}`; // several `owns` lines add up
    const text = prop.$cstNode?.text ?? prop.$type;
    return text.split(/\s+/).slice(0, prop.$type === 'HealthCheckProp' || prop.$type === 'RateLimitProp' ? 2 : 1).join(' ');
}
