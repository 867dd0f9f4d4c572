import { instances } from '../../model/queries.js';
import type { ComponentModel, RelationKind } from '../../model/types.js';
import type { ArchModel } from '../../model/workspace.js';
import { defineRule } from '../define-rule.js';
import { plural } from '../../words.js';
import type { FixModel, TextEditModel } from '../types.js';

/** Kinds checked unless configured otherwise. Clients, functions, topics, queues, CDNs and caches are left out. */
const DEFAULT_KINDS = ['loadbalancer', 'gateway', 'broker', 'service', 'database', 'objectstore', 'search', 'coordinator'];

/** Relations that make their target something others depend on (a replication target is a copy, not a dependency). */
const DEPENDENCY_KINDS: RelationKind[] = ['calls', 'reads', 'writes', 'uses', 'publishes', 'consumes', 'routes', 'syncs'];

const STORE_KIND_SET = new Set(['database', 'cache', 'objectstore', 'search']);

type SpofMessage = 'loadbalancer' | 'gateway' | 'broker' | 'service' | 'store' | 'leader' | 'consensus' | 'other';

/** Kinds with a message of their own; others (such as a CDN added to `kinds`) get the generic one. */
const KIND_MESSAGES = new Map<string, SpofMessage>([['loadbalancer', 'loadbalancer'], ['gateway', 'gateway'], ['broker', 'broker'], ['service', 'service']]);

/** Size of a consensus group: its stated node count, else its instance count. */
function consensusSize(c: ComponentModel): number | undefined {
    const r = c.props.replication;
    if (r?.type === 'consensus') return r.nodes ?? instances(c);
    return undefined;
}

/** The data of `c` is kept on more than one node by its replication settings. */
function replicatesData(c: ComponentModel): boolean {
    const r = c.props.replication;
    if (!r) return false;
    switch (r.type) {
        case 'single-leader': return (r.followers ?? 0) >= 1;
        case 'multi-leader': return r.leaders === undefined || r.leaders >= 2;
        case 'leaderless': return r.n === undefined || r.n >= 2;
        case 'consensus': return (consensusSize(c) ?? 0) >= 2;
        default: return false;
    }
}

/** The components that depend on `c` (for a broker, also those using its topics and queues). */
function dependents(model: ArchModel, c: ComponentModel): ComponentModel[] {
    const found = new Map<string, ComponentModel>();
    const collect = (id: string) => {
        for (const r of model.incoming(id, ...DEPENDENCY_KINDS)) {
            const source = model.component(r.source);
            if (source && source.id !== c.id && source.parent !== c.id) found.set(source.id, source);
        }
    };
    collect(c.id);
    if (c.kind === 'broker') for (const channel of model.children(c.id)) collect(channel.id);
    return [...found.values()];
}

/** Why others depend on `c`, in words, or undefined when nothing does. */
function dependence(c: ComponentModel, users: ComponentModel[], onPath: Map<string, string>): string | undefined {
    if (c.props.public) return 'it is public';
    if (users.length > 0) {
        const names = users.map(u => `'${u.name}'`);
        if (names.length === 1) return `${names[0]} depends on it`;
        if (names.length === 2) return `${names[0]} and ${names[1]} depend on it`;
        return `${names[0]} and ${names.length - 1} others depend on it`;
    }
    const path = onPath.get(c.id);
    return path ? `it is on the path of ${path}` : undefined;
}

export default defineRule({
    meta: {
        id: 'single-point-of-failure',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'A component that others depend on runs as a single instance with no replica or standby.',
        grounding: {
            seeds: [
                '003 › "## Important Quality Attributes" › "### Fault Tolerance"',
                '003 › "### Scalability"',
                '001 › "# Load Balancing" › "## Fault Tolerance"',
                '003 › "### API Gateway"',
                '004 › "#### Disadvantages of Messaging"',
                '001 › "# Database Replication"',
                '002 › "## Chapter 5 - Replication" › "**Why do we need to replicate data?**"',
                '004 › "##### Cons of Orchestrating"',
                '003 › "### Load Balancing Pattern" (managed load balancers and brokers are redundant)'
            ],
            catalog: ['R01', 'R05', 'R06', 'R07', 'R09', 'R10']
        },
        messages: {
            loadbalancer: "Load balancer '{{name}}' runs one instance with no standby and {{why}}: when it stops, nothing behind it can be reached.",
            gateway: "API gateway '{{name}}' runs one instance and {{why}}: every request passes through it, so one crash takes the whole API down.",
            broker: "Message broker '{{name}}' runs one node without replication and {{why}}: when it fails, producers cannot publish and queued messages may be lost.",
            service: "Service '{{name}}' runs one instance and {{why}}: a crash, a deploy or a machine failure takes it offline, and scaling up a single machine adds no redundancy.",
            store: "Data store '{{name}}' keeps its data on one node and {{why}}: a node failure makes the data unavailable, or loses it.",
            leader: "'{{name}}' replicates single-leader but has no followers and {{why}}: the leader holds the only copy of the data.",
            consensus: "'{{name}}' runs its consensus group on one node and {{why}}: it cannot tolerate the failure of that node.",
            other: "'{{name}}' runs one instance and {{why}}: when it stops, everything that depends on it stops too."
        },
        options: {
            kinds: { type: 'string[]', default: DEFAULT_KINDS, description: 'Component kinds to check (client, function, topic and queue are always exempt).' },
            replicas: { type: 'number', default: 2, minimum: 2, description: 'The instance count the quick fix writes for services, load balancers, gateways and brokers.' },
            followers: { type: 'number', default: 2, minimum: 1, description: 'The follower count the quick fix writes for single-leader stores.' },
            consensusNodes: { type: 'number', default: 3, minimum: 3, description: 'The node count the quick fix writes for consensus groups.' }
        },
        fixable: true
    },
    check({ model, options, report, fixer }) {
        const kinds = new Set(options.kinds);
        for (const exempt of ['client', 'function', 'topic', 'queue']) kinds.delete(exempt);

        // Components on a flow or SLO path, with the first block naming them (a channel counts for its broker).
        const onPath = new Map<string, string>();
        for (const block of [...model.flows.map(f => ({ what: `flow '${f.name}'`, path: f.path })), ...model.slos.map(s => ({ what: `SLO '${s.name}'`, path: s.path }))]) {
            for (const step of block.path) {
                const c = model.component(step);
                const id = c?.parent && (c.kind === 'topic' || c.kind === 'queue') ? c.parent : step;
                if (!onPath.has(id)) onPath.set(id, block.what);
            }
        }

        for (const c of model.components.values()) {
            if (!kinds.has(c.kind) || c.props.managed || c.props.external) continue;
            if (instances(c) >= 2 || replicatesData(c)) continue;
            const users = dependents(model, c);
            const why = dependence(c, users, onPath);
            if (!why) continue;

            const replication = c.props.replication;
            const isConsensus = replication?.type === 'consensus' || c.kind === 'coordinator';
            const isStore = STORE_KIND_SET.has(c.kind);
            const messageId: SpofMessage = isConsensus ? 'consensus'
                : isStore ? (replication?.type === 'single-leader' ? 'leader' : 'store')
                    : KIND_MESSAGES.get(c.kind) ?? 'other';
            const buildFixes = (): FixModel[] => {
                const fixes: FixModel[] = [];
                const add = (title: string, edit: TextEditModel | undefined) => {
                    if (edit) fixes.push({ title, edits: [edit], preferred: fixes.length === 0 });
                };
                const setReplicas = (n: number) => fixer.setValue(c.loc, 'ReplicasProp', 'count', String(n))
                    ?? fixer.addMember(c.loc, `replicas ${n}`);

                if (isConsensus) {
                    const n = options.consensusNodes;
                    if (replication?.type === 'consensus' && replication.nodes !== undefined) {
                        const consensus = fixer.replication(c.loc, 'Consensus');
                        add(`Run the consensus group on ${n} nodes`, consensus && fixer.setValue(consensus, 'ConsensusSetting', 'nodes', String(n)));
                    } else {
                        add(`Run ${n} replicas`, setReplicas(n));
                    }
                } else if (isStore) {
                    const followers = options.followers;
                    if (replication?.type === 'single-leader') {
                        const block = fixer.replication(c.loc, 'SingleLeader');
                        const edit = (block && fixer.setValue(block, 'FollowersSetting', 'count', String(followers)))
                            ?? fixer.addToReplication(c.loc, 'SingleLeader', `followers ${followers}`);
                        add(`Add ${plural(followers, '# follower|# followers')}`, edit);
                    } else if (replication?.type === 'none' && fixer.member(c.loc, 'ReplicationProp', p => p.replication?.$type === 'NoReplication')) {
                        add(`Replicate to ${plural(followers, '# follower|# followers')}`, fixer.replaceMember(c.loc, 'ReplicationProp', `replication single-leader { followers ${followers} }`, p => p.replication?.$type === 'NoReplication'));
                    } else if (replication === undefined) {
                        add(`Replicate to ${plural(followers, '# follower|# followers')}`, fixer.addMember(c.loc, `replication single-leader { followers ${followers} }`));
                    }
                    add(`Run ${options.replicas} replicas`, setReplicas(options.replicas));
                } else {
                    add(`Run ${options.replicas} replicas`, setReplicas(options.replicas));
                }
                return fixes;
            };

            report({
                messageId,
                data: { name: c.name, why },
                loc: c.loc,
                elements: [c.id],
                related: users.map(u => ({ loc: u.loc, message: `'${u.name}' depends on '${c.name}'` })),
                fixes: buildFixes
            });
        }
    }
});
