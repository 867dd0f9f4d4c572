/**
 * The values sysd knows for each property (`eviction lru`, `auth jwt`, `consistency strong`...).
 *
 * The grammar reads any word after a property keyword; the model builder looks the word up here. A
 * known value (or an alias of one: Redis's `allkeys-lru` is `lru`) becomes the model's canonical
 * value; an unknown one is one error at that word that lists the known values and suggests the
 * nearest, and the rest of the statement and the file are still read. Keeping the vocabularies here,
 * not in the grammar, lets them grow with the technologies people use without making a misspelt value
 * a syntax error that hides every other finding.
 *
 * Where the notes (../shared/seeds) are silent, the aliases follow the vendors' own words, cited at
 * each vocabulary.
 */
import { closest as closestWords } from '../suggest.js';

/** A closed list of canonical values, with the other words that mean one of them. */
export interface Vocabulary<V extends string = string> {
    /** What the value is, for messages: `eviction policy`. */
    readonly what: string;
    /** The canonical values, in the order messages list them. */
    readonly values: readonly V[];
    /** Other spellings of a canonical value, from real technologies' documentation. */
    readonly aliases: Readonly<Record<string, V>>;
    /** Unknown words are `error`s by default; open-ended vocabularies (protocols) warn and keep the word. */
    readonly unknown: 'error' | 'warning';
}

function vocabulary<const V extends string>(what: string, values: readonly V[], aliases: Record<string, NoInfer<V>> = {}, unknown: 'error' | 'warning' = 'error'): Vocabulary<V> {
    return { what, values, aliases, unknown };
}

/** The canonical values of a vocabulary as a type. */
export type ValueOf<T> = T extends Vocabulary<infer V> ? V : never;

export const COMPONENT_KINDS = vocabulary('component kind', [
    'client', 'service', 'function', 'gateway', 'loadbalancer', 'cdn', 'broker', 'topic', 'queue', 'database', 'cache',
    'objectstore', 'search', 'coordinator'
], {
    db: 'database', datastore: 'database', store: 'database', lb: 'loadbalancer', 'load-balancer': 'loadbalancer',
    'api-gateway': 'gateway', bucket: 'objectstore', storage: 'objectstore', lambda: 'function', serverless: 'function',
    microservice: 'service', app: 'service', api: 'service', 'message-broker': 'broker', stream: 'topic', index: 'search'
});

export const TLS_MODES = vocabulary('TLS mode', ['terminate', 'passthrough', 'mutual', 'none'], {
    mtls: 'mutual', edge: 'terminate', off: 'none', disabled: 'none'
});

/** Probe kinds; `tcp`, `grpc`, `exec` and `startup` are Kubernetes's probe mechanisms and kinds. */
export const HEALTH_CHECK_KINDS = vocabulary('health check kind', [
    'none', 'poll', 'heartbeat', 'liveness', 'readiness', 'startup', 'tcp', 'grpc', 'exec', 'deep', 'shallow'
], { probe: 'poll', ping: 'poll', http: 'poll' });

/** What a rate limit counts per. */
export const RATE_LIMIT_SCOPES = vocabulary('rate-limit scope', [
    'client', 'ip', 'api-key', 'user', 'tier', 'device', 'tenant', 'account', 'session', 'route', 'endpoint', 'token',
    'organization', 'global'
], { 'source-ip': 'ip', apikey: 'api-key', key: 'api-key', org: 'organization', customer: 'account' });

export const AUTH_METHODS = vocabulary('authentication method', [
    'jwt', 'oauth2', 'oidc', 'mtls', 'api-key', 'basic', 'saml', 'iam', 'hmac', 'session', 'kerberos', 'ldap', 'none'
], { oauth: 'oauth2', 'openid-connect': 'oidc', bearer: 'jwt', apikey: 'api-key', sigv4: 'iam', cookie: 'session' });

export const HA_MODES = vocabulary('high-availability mode', ['active-active', 'active-passive', 'none'], {
    'active-standby': 'active-passive', 'hot-standby': 'active-passive', 'warm-standby': 'active-passive', 'multi-active': 'active-active'
});

export const FAILOVER_MODES = vocabulary('failover mode', ['manual', 'automatic', 'none'], { auto: 'automatic' });

/**
 * Load-balancing algorithms. Beyond the notes: Envoy's `least-request`, `ring-hash` and `maglev`
 * (the latter two consistent hashing), NGINX's `ip-hash`, and power-of-two-choices.
 */
export const LB_ALGORITHMS = vocabulary('load-balancing algorithm', [
    'round-robin', 'weighted-round-robin', 'least-connections', 'weighted-least-connections', 'least-response-time',
    'power-of-two-choices', 'ip-hash', 'sticky-session', 'hash', 'consistent-hash', 'random'
], {
    rr: 'round-robin', 'least-request': 'least-connections', 'least-conn': 'least-connections', p2c: 'power-of-two-choices',
    'ring-hash': 'consistent-hash', maglev: 'consistent-hash', 'source-ip': 'ip-hash', sticky: 'sticky-session',
    'session-affinity': 'sticky-session', 'uri-hash': 'hash', 'header-hash': 'hash'
});

export const SERVICE_STYLES = vocabulary('service style', [
    'microservice', 'monolith', 'modular-monolith', 'bff', 'worker', 'message-relay', 'cdc-connector', 'projector', 'acl',
    'adapter', 'composition', 'orchestrator', 'command-service', 'query-service', 'batch', 'scheduler'
], {
    'backend-for-frontend': 'bff', 'anti-corruption-layer': 'acl', 'outbox-relay': 'message-relay', relay: 'message-relay',
    projection: 'projector', 'saga-orchestrator': 'orchestrator', 'api-composition': 'composition', consumer: 'worker', cron: 'scheduler'
});

export const SESSION_STORES = vocabulary('session store', ['local', 'external', 'none'], {
    'in-memory': 'local', sticky: 'local', distributed: 'external', shared: 'external', stateless: 'none'
});

export const SCALING_MODES = vocabulary('scaling mode', ['none', 'vertical', 'horizontal', 'auto'], {
    autoscaling: 'auto', autoscale: 'auto', 'scale-out': 'horizontal', 'scale-up': 'vertical', fixed: 'none'
});

export const TRIGGERS = vocabulary('function trigger', ['http', 'event', 'queue', 'stream', 'schedule', 'storage', 'db-change'], {
    https: 'http', api: 'http', webhook: 'http', cron: 'schedule', timer: 'schedule', cdc: 'db-change', message: 'queue'
});

export const SYNC_MODES = vocabulary('replication mode', ['sync', 'semi-sync', 'async'], {
    synchronous: 'sync', asynchronous: 'async', 'semi-synchronous': 'semi-sync'
});

/** Where reads go; `primary`/`secondary` are MongoDB's read-preference words. */
export const READ_SOURCES = vocabulary('read source', ['leader', 'followers', 'any', 'nearest'], {
    primary: 'leader', master: 'leader', follower: 'followers', replicas: 'followers', replica: 'followers', secondary: 'followers'
});

export const ELECTION_METHODS = vocabulary('election method', ['consensus', 'manual', 'timeout'], {
    raft: 'consensus', paxos: 'consensus', quorum: 'consensus', heartbeat: 'timeout'
});

export const TOPOLOGIES = vocabulary('replication topology', ['all-to-all', 'star', 'circle'], {
    circular: 'circle', ring: 'circle', mesh: 'all-to-all', 'full-mesh': 'all-to-all', 'hub-and-spoke': 'star'
});

export const CONFLICT_STRATEGIES = vocabulary('conflict resolution', [
    'lww', 'version-vectors', 'crdt', 'custom', 'avoidance', 'merge', 'none'
], {
    'last-write-wins': 'lww', 'vector-clocks': 'version-vectors', 'version-vector': 'version-vectors', crdts: 'crdt',
    application: 'custom', manual: 'custom'
});

export const CONSENSUS_PROTOCOLS = vocabulary('consensus protocol', ['raft', 'paxos', 'zab'], { 'multi-paxos': 'paxos' });

export const KEY_KINDS = vocabulary('partition key kind', ['timestamp', 'monotonic', 'low-cardinality', 'random'], {
    time: 'timestamp', date: 'timestamp', sequential: 'monotonic', 'auto-increment': 'monotonic', uuid: 'random', hashed: 'random'
});

export const PARTITION_STRATEGIES = vocabulary('partitioning strategy', [
    'hash', 'consistent-hash', 'range', 'modulo', 'geo', 'functional', 'directory'
], { ring: 'consistent-hash', geographic: 'geo', mod: 'modulo', lookup: 'directory', list: 'range' });

/**
 * Consistency levels, strongest first. Azure Cosmos DB's `session` guarantees read-your-writes within
 * a session; its `bounded-staleness` reads a consistent prefix no more than a bound behind.
 */
export const CONSISTENCY_LEVELS = vocabulary('consistency level', [
    'linearizable', 'strong', 'read-your-writes', 'monotonic', 'consistent-prefix', 'causal', 'eventual'
], {
    session: 'read-your-writes', 'bounded-staleness': 'consistent-prefix', 'monotonic-reads': 'monotonic',
    sequential: 'strong', atomic: 'linearizable'
});

export const ISOLATION_LEVELS = vocabulary('isolation level', [
    'read-uncommitted', 'read-committed', 'snapshot', 'repeatable-read', 'serializable', 'ssi', 'serial', 'strict-serializable'
], { rc: 'read-committed', rr: 'repeatable-read', si: 'snapshot', 'snapshot-isolation': 'snapshot' });

export const CACHE_PLACEMENTS = vocabulary('cache placement', ['local', 'global'], {
    'in-process': 'local', 'near-cache': 'local', distributed: 'global', remote: 'global', shared: 'global'
});

/**
 * Eviction policies. Redis's `maxmemory-policy` values map to the policy they apply (`allkeys-lru` and
 * `volatile-lru` are LRU over all keys or over keys with a TTL; `noeviction` refuses writes when
 * full); Caffeine's W-TinyLFU is a frequency-based policy, S3-FIFO a FIFO family one.
 */
export const EVICTION_POLICIES = vocabulary('eviction policy', ['lru', 'lfu', 'fifo', 'random', 'ttl', 'arc', 'none'], {
    noeviction: 'none', 'allkeys-lru': 'lru', 'volatile-lru': 'lru', 'allkeys-lfu': 'lfu', 'volatile-lfu': 'lfu',
    'allkeys-random': 'random', 'volatile-random': 'random', 'volatile-ttl': 'ttl', slru: 'lru', clock: 'lru',
    tinylfu: 'lfu', 'w-tinylfu': 'lfu', 's3-fifo': 'fifo'
});

export const INVALIDATION_MODES = vocabulary('invalidation mode', ['ttl', 'explicit', 'both', 'none'], {
    expiry: 'ttl', expiration: 'ttl', event: 'explicit', events: 'explicit', purge: 'explicit', cdc: 'explicit'
});

/** How a broker keeps messages: a retained log (Kafka, RabbitMQ streams) or a queue that deletes on acknowledgement. */
export const BROKER_TYPES = vocabulary('broker type', ['log-based', 'in-memory'], {
    log: 'log-based', stream: 'log-based', streaming: 'log-based', 'message-queue': 'in-memory', queue: 'in-memory', traditional: 'in-memory'
});

export const DELIVERY_GUARANTEES = vocabulary('delivery guarantee', ['at-most-once', 'at-least-once', 'exactly-once', 'best-effort'], {
    'effectively-once': 'exactly-once'
});

export const ORDERINGS = vocabulary('ordering', ['none', 'per-key', 'global'], {
    'per-partition': 'per-key', partition: 'per-key', fifo: 'global', total: 'global'
});

export const MESSAGING_PATTERNS = vocabulary('messaging pattern', ['pub-sub', 'point-to-point', 'event-streaming'], {
    'publish-subscribe': 'pub-sub', fanout: 'pub-sub', 'work-queue': 'point-to-point', 'competing-consumers': 'point-to-point',
    queue: 'point-to-point', streaming: 'event-streaming'
});

/** Protocols are an open world: an unknown one is a warning, and the word is kept. */
export const PROTOCOLS = vocabulary('protocol', [
    'http', 'https', 'http2', 'http3', 'grpc', 'rest', 'graphql', 'soap', 'rpc', 'thrift', 'websocket', 'wss', 'sse',
    'tcp', 'udp', 'quic', 'tls', 'amqp', 'mqtt', 'stomp', 'kafka', 'nats', 'sql', 'redis', 'webhook', 'smtp', 's3', 'ftp',
    'sftp', 'ssh', 'ldap', 'dns'
], { ws: 'websocket', h2: 'http2', h3: 'http3', 'grpc-web': 'grpc', resp: 'redis', jdbc: 'sql', odbc: 'sql' }, 'warning');

export const PUBLISH_VIAS = vocabulary('publish path', ['outbox', 'cdc', 'direct', 'event-sourced'], {
    'transactional-outbox': 'outbox', 'log-tailing': 'cdc', 'event-sourcing': 'event-sourced'
});

export const SYNC_VIAS = vocabulary('sync path', ['broker', 'function', 'cdc', 'batch', 'db-native'], {
    etl: 'batch', stream: 'broker', events: 'broker', replication: 'db-native', native: 'db-native'
});

export const CQRS_SYNC_VIAS = vocabulary('CQRS sync path', ['broker', 'function', 'cdc', 'none'], {
    stream: 'broker', events: 'broker', 'log-tailing': 'cdc'
});

export const VIEW_REFRESHES = vocabulary('view refresh', ['on-change', 'schedule', 'db-native', 'none'], {
    incremental: 'on-change', streaming: 'on-change', cron: 'schedule', periodic: 'schedule', native: 'db-native', manual: 'none'
});

/** Backoff between retries; AWS's "decorrelated jitter" is an exponential family backoff. */
export const BACKOFFS = vocabulary('backoff', ['fixed', 'incremental', 'exponential'], {
    constant: 'fixed', linear: 'incremental', exp: 'exponential', 'decorrelated-jitter': 'exponential'
});

/** XA is the X/Open standard for two-phase commit. */
export const TRANSACTION_PROTOCOLS = vocabulary('transaction protocol', ['2pc', 'local'], { xa: '2pc', 'two-phase': '2pc' });

/** The result of looking a written word up in a vocabulary. */
export type Lookup<V extends string> =
    | { known: true; value: V }
    /** `suggestions` are words the vocabulary accepts (canonical values or aliases), nearest first. */
    | { known: false; suggestions: string[] };

/** Looks `written` up: canonical values and aliases match case-insensitively. */
export function lookup<V extends string>(vocab: Vocabulary<V>, written: string): Lookup<V> {
    const word = written.toLowerCase();
    const exact = vocab.values.find(v => v === word);
    if (exact) return { known: true, value: exact };
    const alias = Object.hasOwn(vocab.aliases, word) ? vocab.aliases[word] : undefined;
    if (alias) return { known: true, value: alias };
    return { known: false, suggestions: closestWords(word, [...vocab.values, ...Object.keys(vocab.aliases)]) };
}

/** The canonical value of a word the vocabulary accepts. */
export function canonical<V extends string>(vocab: Vocabulary<V>, word: string): V | undefined {
    const found = lookup(vocab, word);
    return found.known ? found.value : undefined;
}

/**
 * The kind a component is built as: its written kind, the kind an alias stands for (`db`), or the
 * nearest kind to a misspelling (`servce`); undefined when nothing is close.
 */
export function kindOf(written: string): ValueOf<typeof COMPONENT_KINDS> | undefined {
    const found = lookup(COMPONENT_KINDS, written);
    return found.known ? found.value : found.suggestions.length > 0 ? canonical(COMPONENT_KINDS, found.suggestions[0]) : undefined;
}

/** "unknown eviction policy 'volatile'; known: lru, lfu, fifo, random, ttl, arc, none. Did you mean 'lru'?" */
export function unknownValueMessage(vocab: Vocabulary, written: string, suggestions: readonly string[]): string {
    const shown = vocab.values.slice(0, 12);
    const known = `${shown.join(', ')}${vocab.values.length > shown.length ? ` and ${vocab.values.length - shown.length} more` : ''}`;
    const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.map(s => `'${s}'`).join(' or ')}?` : '';
    const kept = vocab.unknown === 'warning' ? ' It is kept as written, but no rule knows what it implies.' : '';
    return `Unknown ${vocab.what} '${written}'; known: ${known}.${hint}${kept}`;
}

/**
 * Which vocabulary the word of each value position takes, by AST type and property: the model
 * builder, completion and hover read the same table.
 */
export const VALUE_SLOTS: Readonly<Record<string, Vocabulary>> = {
    'Component.kind': COMPONENT_KINDS,
    'HealthCheckProp.kind': HEALTH_CHECK_KINDS,
    'RateLimitProp.per': RATE_LIMIT_SCOPES,
    'TlsProp.mode': TLS_MODES,
    'AuthProp.method': AUTH_METHODS,
    'HaProp.mode': HA_MODES,
    'FailoverProp.mode': FAILOVER_MODES,
    'AlgorithmProp.algorithm': LB_ALGORITHMS,
    'StyleProp.style': SERVICE_STYLES,
    'SessionProp.where': SESSION_STORES,
    'ScalingProp.mode': SCALING_MODES,
    'TriggerProp.trigger': TRIGGERS,
    'SyncModeSetting.mode': SYNC_MODES,
    'ReadFromSetting.source': READ_SOURCES,
    'ElectionSetting.method': ELECTION_METHODS,
    'TopologySetting.topology': TOPOLOGIES,
    'ConflictSetting.strategy': CONFLICT_STRATEGIES,
    'Consensus.protocol': CONSENSUS_PROTOCOLS,
    'PartitionProp.keyKind': KEY_KINDS,
    'PartitionProp.strategy': PARTITION_STRATEGIES,
    'ConsistencyProp.level': CONSISTENCY_LEVELS,
    'IsolationProp.level': ISOLATION_LEVELS,
    'EvictionProp.policy': EVICTION_POLICIES,
    'PlacementProp.placement': CACHE_PLACEMENTS,
    'InvalidationProp.mode': INVALIDATION_MODES,
    'BrokerTypeProp.brokerType': BROKER_TYPES,
    'DeliveryProp.delivery': DELIVERY_GUARANTEES,
    'OrderingProp.ordering': ORDERINGS,
    'PatternProp.pattern': MESSAGING_PATTERNS,
    'TopRelation.protocol': PROTOCOLS,
    'CallRelation.protocol': PROTOCOLS,
    'RetryOption.backoff': BACKOFFS,
    'RequiresOption.level': CONSISTENCY_LEVELS,
    'PublishRelation.via': PUBLISH_VIAS,
    'SyncsRelation.via': SYNC_VIAS,
    'CqrsSetting.via': CQRS_SYNC_VIAS,
    'ViewSetting.refresh': VIEW_REFRESHES,
    'ViewPredicate.kind': COMPONENT_KINDS,
    'FlowSetting.requires': CONSISTENCY_LEVELS,
    'Transaction.protocol': TRANSACTION_PROTOCOLS
};
