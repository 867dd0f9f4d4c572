import type { Rule } from '../types.js';
import atLeastOnceWithoutIdempotentConsumer from './at-least-once-without-idempotent-consumer.js';
import atMostOnceForLossIntolerantData from './at-most-once-for-loss-intolerant-data.js';
import brokerExposedPublicly from './broker-exposed-publicly.js';
import circuitBreakerWithoutFallback from './circuit-breaker-without-fallback.js';
import consumerWithoutDlq from './consumer-without-dlq.js';
import consumersExceedPartitions from './consumers-exceed-partitions.js';
import directAsyncWithoutBroker from './direct-async-without-broker.js';
import dualWriteWithoutOutbox from './dual-write-without-outbox.js';
import exactlyOnceWithoutDedupe from './exactly-once-without-dedupe.js';
import inMemoryBrokerOrdering from './in-memory-broker-ordering.js';
import orderingWithoutPartitionKey from './ordering-without-partition-key.js';
import outboxWithoutRelay from './outbox-without-relay.js';
import replayOnNonReplayableBroker from './replay-on-non-replayable-broker.js';
import retryWithoutBackoff from './retry-without-backoff.js';
import retryWithoutIdempotency from './retry-without-idempotency.js';
import syncCallWithoutCircuitBreaker from './sync-call-without-circuit-breaker.js';
import syncCallWithoutTimeout from './sync-call-without-timeout.js';
import udpForReliableTraffic from './udp-for-reliable-traffic.js';
import unboundedRetries from './unbounded-retries.js';

/** Messaging (outbox, delivery, DLQ, partitions) and synchronous call resilience. */
export const MESSAGING_RULES: readonly Rule[] = [
    atLeastOnceWithoutIdempotentConsumer,
    atMostOnceForLossIntolerantData,
    brokerExposedPublicly,
    circuitBreakerWithoutFallback,
    consumersExceedPartitions,
    consumerWithoutDlq,
    directAsyncWithoutBroker,
    dualWriteWithoutOutbox,
    exactlyOnceWithoutDedupe,
    inMemoryBrokerOrdering,
    orderingWithoutPartitionKey,
    outboxWithoutRelay,
    replayOnNonReplayableBroker,
    retryWithoutBackoff,
    retryWithoutIdempotency,
    syncCallWithoutCircuitBreaker,
    syncCallWithoutTimeout,
    udpForReliableTraffic,
    unboundedRetries
];
