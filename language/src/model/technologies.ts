import type { ComponentKind, ComponentProps, PropName } from './types.js';

/**
 * What a technology name after `:` implies. Only defaults the system-design notes support are
 * listed; anything not listed stays unknown so rules stay silent rather than guess.
 * Every default is overridable by writing the property in the component.
 */
export interface TechnologyInfo {
    id: string;
    /** Other spellings people use. */
    aliases?: string[];
    /** Component kinds the technology fits; using it elsewhere gets a warning. */
    kinds: ComponentKind[];
    title: string;
    summary: string;
    defaults: Partial<ComponentProps>;
}

const T = (info: TechnologyInfo) => info;

export const TECHNOLOGIES: readonly TechnologyInfo[] = [
    // ---- relational and document stores
    T({ id: 'postgres', aliases: ['postgresql'], kinds: ['database'], title: 'PostgreSQL',
        summary: 'Relational database with single-leader replication by WAL shipping; its "repeatable read" is snapshot isolation.',
        defaults: { replication: { type: 'single-leader', followerPlacements: [], fencingTokens: false }, isolation: 'read-committed' } }),
    T({ id: 'mysql', aliases: ['mariadb', 'aurora'], kinds: ['database'], title: 'MySQL',
        summary: 'Relational database (InnoDB, B-tree) replicated single-leader.',
        defaults: { replication: { type: 'single-leader', followerPlacements: [], fencingTokens: false }, isolation: 'repeatable-read' } }),
    T({ id: 'oracle', kinds: ['database'], title: 'Oracle Database',
        summary: 'Relational database; what it calls "serializable" is snapshot isolation.',
        defaults: { replication: { type: 'single-leader', followerPlacements: [], fencingTokens: false } } }),
    T({ id: 'mongodb', aliases: ['mongo'], kinds: ['database'], title: 'MongoDB',
        summary: 'Document database; replica sets are single-leader (one primary).',
        defaults: { replication: { type: 'single-leader', followerPlacements: [], fencingTokens: false } } }),
    T({ id: 'dynamodb', kinds: ['database'], title: 'Amazon DynamoDB',
        summary: 'Managed key-value store; the notes class it as single-leader, not leaderless.',
        defaults: { managed: true, replication: { type: 'single-leader', followerPlacements: [], fencingTokens: false }, partition: { strategy: 'hash' } } }),
    T({ id: 'cassandra', aliases: ['scylladb', 'scylla'], kinds: ['database'], title: 'Apache Cassandra',
        summary: 'Wide-column store with leaderless replication, LSM storage and last-write-wins conflict resolution by timestamp.',
        defaults: {
            replication: { type: 'leaderless', sloppyQuorum: false, readRepair: true, antiEntropy: false, hintedHandoff: true, conflictResolution: 'lww' },
            partition: { strategy: 'consistent-hash' }
        } }),
    T({ id: 'riak', kinds: ['database'], title: 'Riak',
        summary: 'Leaderless key-value store; supports CRDTs and version vectors for concurrent writes.',
        defaults: { replication: { type: 'leaderless', sloppyQuorum: true, readRepair: true, antiEntropy: true, hintedHandoff: true }, partition: { strategy: 'consistent-hash' } } }),
    T({ id: 'voldemort', kinds: ['database'], title: 'Project Voldemort',
        summary: 'Leaderless key-value store.',
        defaults: { replication: { type: 'leaderless', sloppyQuorum: false, readRepair: true, antiEntropy: false, hintedHandoff: false } } }),
    T({ id: 'hbase', kinds: ['database'], title: 'Apache HBase',
        summary: 'Wide-column store on HDFS, range-partitioned into regions.',
        defaults: { partition: { strategy: 'range' } } }),
    T({ id: 'couchdb', kinds: ['database'], title: 'CouchDB',
        summary: 'Multi-leader document store built for offline clients; conflicts are kept as siblings and resolved by the application.',
        defaults: { replication: { type: 'multi-leader', leaderPlacements: [], conflictResolution: 'custom' } } }),
    T({ id: 'cockroachdb', kinds: ['database'], title: 'CockroachDB',
        summary: 'Distributed SQL database replicating each range with Raft.',
        defaults: { replication: { type: 'consensus', protocol: 'raft' }, partition: { strategy: 'range' }, isolation: 'serializable' } }),
    T({ id: 'foundationdb', kinds: ['database'], title: 'FoundationDB',
        summary: 'Distributed key-value store with serializable snapshot isolation.',
        defaults: { isolation: 'ssi' } }),
    T({ id: 'voltdb', kinds: ['database'], title: 'VoltDB',
        summary: 'In-memory database executing transactions serially on one thread per partition.',
        defaults: { isolation: 'serial' } }),
    T({ id: 'neo4j', kinds: ['database'], title: 'Neo4j', summary: 'Native graph database.', defaults: {} }),
    T({ id: 'timescaledb', kinds: ['database'], title: 'TimescaleDB', summary: 'Time-series database on PostgreSQL.',
        defaults: { replication: { type: 'single-leader', followerPlacements: [], fencingTokens: false } } }),
    T({ id: 'influxdb', kinds: ['database'], title: 'InfluxDB', summary: 'Time-series database.', defaults: {} }),
    T({ id: 'druid', kinds: ['database'], title: 'Apache Druid', summary: 'Column-oriented analytics store for time-series data.', defaults: {} }),
    T({ id: 'hdfs', kinds: ['objectstore', 'database'], title: 'HDFS',
        summary: 'Distributed file system; blocks are replicated (three copies is typical), rack aware.', defaults: {} }),
    // ---- caches
    T({ id: 'redis', aliases: ['valkey', 'elasticache'], kinds: ['cache', 'database', 'broker'], title: 'Redis',
        summary: 'In-memory key-value store replicated single-leader; executes commands serially on one thread.',
        defaults: { replication: { type: 'single-leader', followerPlacements: [], fencingTokens: false }, isolation: 'serial' } }),
    T({ id: 'memcached', kinds: ['cache'], title: 'Memcached',
        summary: 'In-memory cache that evicts least-recently-used entries and spreads keys by consistent hashing.',
        defaults: { eviction: 'lru', partition: { strategy: 'consistent-hash' }, replication: { type: 'none' } } }),
    // ---- search and object stores
    T({ id: 'elasticsearch', aliases: ['opensearch'], kinds: ['search'], title: 'Elasticsearch',
        summary: 'Search engine on Lucene inverted indexes; shards are replicated and partitioned by the cluster.',
        defaults: { partition: { strategy: 'hash' } } }),
    T({ id: 's3', aliases: ['gcs', 'azure-blob'], kinds: ['objectstore'], title: 'Amazon S3 (object store)',
        summary: 'Managed object store that handles scaling and replication itself.', defaults: { managed: true } }),
    // ---- brokers
    T({ id: 'kafka', aliases: ['redpanda', 'msk'], kinds: ['broker', 'topic'], title: 'Apache Kafka',
        summary: 'Log-based broker: partitioned, replicated, retained logs that consumers can replay from an offset.',
        defaults: { brokerType: 'log-based', pattern: 'event-streaming', retention: { ms: 7 * 24 * 3600 * 1000 } } }),
    T({ id: 'kinesis', kinds: ['broker'], title: 'Amazon Kinesis',
        summary: 'Managed log-based stream, partitioned into shards.',
        defaults: { managed: true, brokerType: 'log-based', pattern: 'event-streaming', retention: { ms: 24 * 3600 * 1000 } } }),
    T({ id: 'pulsar', kinds: ['broker'], title: 'Apache Pulsar', summary: 'Log-based broker with tiered storage.',
        defaults: { brokerType: 'log-based', pattern: 'event-streaming' } }),
    T({ id: 'rabbitmq', kinds: ['broker', 'queue'], title: 'RabbitMQ',
        summary: 'AMQP message broker: messages are deleted once acknowledged, so consumers cannot replay history.',
        defaults: { brokerType: 'in-memory', retention: 'until-ack' } }),
    T({ id: 'activemq', kinds: ['broker'], title: 'ActiveMQ', summary: 'JMS message broker; messages are deleted once acknowledged.',
        defaults: { brokerType: 'in-memory', retention: 'until-ack' } }),
    T({ id: 'sqs', kinds: ['broker', 'queue'], title: 'Amazon SQS',
        summary: 'Managed message queue: point-to-point, messages deleted once processed.',
        defaults: { managed: true, brokerType: 'in-memory', retention: 'until-ack', pattern: 'point-to-point' } }),
    T({ id: 'sns', kinds: ['broker', 'topic'], title: 'Amazon SNS', summary: 'Managed pub/sub fan-out without history.',
        defaults: { managed: true, brokerType: 'in-memory', retention: 'until-ack', pattern: 'pub-sub' } }),
    T({ id: 'gcp-pubsub', kinds: ['broker'], title: 'Google Cloud Pub/Sub', summary: 'Managed pub/sub messaging.',
        defaults: { managed: true, brokerType: 'in-memory', pattern: 'pub-sub' } }),
    T({ id: 'azure-service-bus', kinds: ['broker'], title: 'Azure Service Bus', summary: 'Managed message broker with queues and topics.',
        defaults: { managed: true, brokerType: 'in-memory', retention: 'until-ack' } }),
    T({ id: 'nats', kinds: ['broker'], title: 'NATS', summary: 'Lightweight in-memory messaging (no history without JetStream).',
        defaults: { brokerType: 'in-memory' } }),
    // ---- coordination
    T({ id: 'zookeeper', kinds: ['coordinator'], title: 'Apache ZooKeeper',
        summary: 'Coordination service with a replicated, linearizable log (ZAB); used for leader election and locks.',
        defaults: { replication: { type: 'consensus', protocol: 'zab' } } }),
    T({ id: 'etcd', kinds: ['coordinator'], title: 'etcd', summary: 'Key-value coordination store replicated with Raft.',
        defaults: { replication: { type: 'consensus', protocol: 'raft' } } }),
    T({ id: 'consul', kinds: ['coordinator'], title: 'Consul', summary: 'Service registry and KV store replicated with Raft.',
        defaults: { replication: { type: 'consensus', protocol: 'raft' } } }),
    T({ id: 'chubby', kinds: ['coordinator'], title: 'Chubby', summary: 'Google\'s lock service, replicated with a Paxos variant.',
        defaults: { replication: { type: 'consensus', protocol: 'paxos' } } }),
    // ---- load balancers, gateways, CDNs
    T({ id: 'nginx', kinds: ['loadbalancer', 'gateway'], title: 'NGINX', summary: 'Software load balancer and reverse proxy (L7).', defaults: {} }),
    T({ id: 'haproxy', kinds: ['loadbalancer'], title: 'HAProxy', summary: 'Software load balancer (L4/L7).', defaults: {} }),
    T({ id: 'envoy', kinds: ['loadbalancer', 'gateway'], title: 'Envoy', summary: 'L7 proxy, used as sidecar, edge proxy or API gateway.', defaults: {} }),
    T({ id: 'aws-elb', aliases: ['aws-alb', 'aws-nlb', 'gcp-lb', 'azure-lb'], kinds: ['loadbalancer'], title: 'Cloud load balancer',
        summary: 'Cloud-managed load balancer, redundant by construction.', defaults: { managed: true } }),
    T({ id: 'route53', kinds: ['loadbalancer'], title: 'Amazon Route 53', summary: 'Managed DNS with global (GSLB) routing.', defaults: { managed: true } }),
    T({ id: 'amazon-api-gateway', aliases: ['aws-api-gateway', 'apigee'], kinds: ['gateway'], title: 'Managed API gateway',
        summary: 'Cloud-managed API gateway.', defaults: { managed: true } }),
    T({ id: 'kong', kinds: ['gateway'], title: 'Kong', summary: 'API gateway on NGINX.', defaults: {} }),
    T({ id: 'zuul', kinds: ['gateway'], title: 'Netflix Zuul', summary: 'JVM API gateway.', defaults: {} }),
    T({ id: 'cloudfront', kinds: ['cdn'], title: 'Amazon CloudFront', summary: 'Managed CDN.', defaults: { managed: true } }),
    T({ id: 'cloudflare', kinds: ['cdn'], title: 'Cloudflare', summary: 'Managed CDN and edge network.', defaults: { managed: true } }),
    T({ id: 'akamai', kinds: ['cdn'], title: 'Akamai', summary: 'Managed CDN.', defaults: { managed: true } }),
    T({ id: 'fastly', kinds: ['cdn'], title: 'Fastly', summary: 'Managed CDN.', defaults: { managed: true } }),
    // ---- compute
    T({ id: 'aws-lambda', aliases: ['lambda', 'gcp-functions', 'azure-functions', 'cloud-functions'], kinds: ['function'], title: 'Serverless function',
        summary: 'Managed function runtime: instances start on demand and keep no state between invocations.', defaults: { managed: true } }),
    T({ id: 'kubernetes', aliases: ['k8s'], kinds: ['service'], title: 'Kubernetes workload', summary: 'Containerised service scheduled by Kubernetes.', defaults: {} }),
    // ---- clients
    T({ id: 'browser', aliases: ['web', 'spa'], kinds: ['client'], title: 'Web browser', summary: 'A person using a web browser.', defaults: { external: true } }),
    T({ id: 'mobile', aliases: ['ios', 'android'], kinds: ['client'], title: 'Mobile app', summary: 'A person using a mobile app.', defaults: { external: true } }),
    T({ id: 'desktop', kinds: ['client'], title: 'Desktop app', summary: 'A desktop application.', defaults: { external: true } }),
    T({ id: 'iot', kinds: ['client'], title: 'IoT device', summary: 'A device that sends data.', defaults: { external: true } }),
    T({ id: 'external', aliases: ['partner', 'third-party'], kinds: ['client', 'service'], title: 'External system',
        summary: 'A system run by someone else, reached over the network.', defaults: { external: true } })
];

const BY_NAME = new Map<string, TechnologyInfo>();
for (const tech of TECHNOLOGIES) {
    BY_NAME.set(tech.id, tech);
    for (const alias of tech.aliases ?? []) BY_NAME.set(alias, tech);
}

/**
 * Technology defaults that follow from another of its defaults. When the text declares that property
 * with another value, these defaults no longer describe the component and are dropped (a declared
 * value of them stays): `broker Pager : rabbitmq { type log-based }` is a log-based broker, and
 * RabbitMQ's `until-ack` retention, a consequence of its being an in-memory broker, does not apply.
 */
export const IMPLIED_DEFAULTS: Readonly<Partial<Record<PropName, readonly PropName[]>>> = {
    brokerType: ['retention', 'pattern']
};

export function findTechnology(name: string | undefined): TechnologyInfo | undefined {
    return name === undefined ? undefined : BY_NAME.get(name.toLowerCase());
}

export function technologyNames(): string[] {
    return [...BY_NAME.keys()].sort();
}
