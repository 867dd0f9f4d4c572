import type { Rule } from '../types.js';
import cacheWithoutEvictionPolicy from './cache-without-eviction-policy.js';
import followerReadWithoutReadYourWrites from './follower-read-without-read-your-writes.js';
import lastWriteWinsDataLoss from './last-write-wins-data-loss.js';
import localCacheWithoutAffinity from './local-cache-without-affinity.js';
import moduloPartitioning from './modulo-partitioning.js';
import multiLeaderWithoutConflictResolution from './multi-leader-without-conflict-resolution.js';
import partitionedWithoutKey from './partitioned-without-key.js';
import quorumInvalid from './quorum-invalid.js';
import quorumNoOverlap from './quorum-no-overlap.js';
import rangePartitionHotspot from './range-partition-hotspot.js';
import strongReadOnEventualStore from './strong-read-on-eventual-store.js';
import synchronousCrossRegionReplication from './synchronous-cross-region-replication.js';
import writeAroundWithoutInvalidation from './write-around-without-invalidation.js';
import writeBackCacheDurability from './write-back-cache-durability.js';

/** Replication, quorums, read consistency, partitioning and caching. */
export const DATA_RULES: readonly Rule[] = [
    cacheWithoutEvictionPolicy,
    followerReadWithoutReadYourWrites,
    lastWriteWinsDataLoss,
    localCacheWithoutAffinity,
    moduloPartitioning,
    multiLeaderWithoutConflictResolution,
    partitionedWithoutKey,
    quorumInvalid,
    quorumNoOverlap,
    rangePartitionHotspot,
    strongReadOnEventualStore,
    synchronousCrossRegionReplication,
    writeAroundWithoutInvalidation,
    writeBackCacheDurability
];
