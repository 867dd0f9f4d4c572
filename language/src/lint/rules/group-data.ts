import type { Rule } from '../types.js';
import allToAllWithoutCausalityTracking from './all-to-all-without-causality-tracking.js';
import asyncReplicationLostWrites from './async-replication-lost-writes.js';
import blobsInDatabaseOrHdfs from './blobs-in-database-or-hdfs.js';
import cacheOnStrongConsistencyPath from './cache-on-strong-consistency-path.js';
import cacheWithoutEvictionPolicy from './cache-without-eviction-policy.js';
import dualWriteToDerivedStore from './dual-write-to-derived-store.js';
import fifoEviction from './fifo-eviction.js';
import financialDataOnEventualStore from './financial-data-on-eventual-store.js';
import followerReadWithStrongRequirement from './follower-read-with-strong-requirement.js';
import followerReadWithoutReadYourWrites from './follower-read-without-read-your-writes.js';
import fullySynchronousReplication from './fully-synchronous-replication.js';
import lastWriteWinsDataLoss from './last-write-wins-data-loss.js';
import leaderlessEvenReplicaCount from './leaderless-even-replica-count.js';
import leaderlessWithoutRepair from './leaderless-without-repair.js';
import localCacheWithoutAffinity from './local-cache-without-affinity.js';
import moduloPartitioning from './modulo-partitioning.js';
import multiLeaderSingleDatacenter from './multi-leader-single-datacenter.js';
import multiLeaderTopologySpof from './multi-leader-topology-spof.js';
import multiLeaderWithoutConflictResolution from './multi-leader-without-conflict-resolution.js';
import partitionedWithoutKey from './partitioned-without-key.js';
import pullCdnOriginSpof from './pull-cdn-origin-spof.js';
import quorumInvalid from './quorum-invalid.js';
import quorumNoOverlap from './quorum-no-overlap.js';
import rangePartitionHotspot from './range-partition-hotspot.js';
import sloppyQuorumWithoutHintedHandoff from './sloppy-quorum-without-hinted-handoff.js';
import staticContentWithoutCdn from './static-content-without-cdn.js';
import strongReadOnEventualStore from './strong-read-on-eventual-store.js';
import synchronousCrossRegionReplication from './synchronous-cross-region-replication.js';
import writeAroundWithoutInvalidation from './write-around-without-invalidation.js';
import writeBackBypassReads from './write-back-bypass-reads.js';
import writeBackCacheDurability from './write-back-cache-durability.js';

/** Replication, quorums, read consistency, partitioning and caching. */
export const DATA_RULES: readonly Rule[] = [
    allToAllWithoutCausalityTracking,
    asyncReplicationLostWrites,
    blobsInDatabaseOrHdfs,
    cacheOnStrongConsistencyPath,
    cacheWithoutEvictionPolicy,
    dualWriteToDerivedStore,
    fifoEviction,
    financialDataOnEventualStore,
    followerReadWithoutReadYourWrites,
    followerReadWithStrongRequirement,
    fullySynchronousReplication,
    lastWriteWinsDataLoss,
    leaderlessEvenReplicaCount,
    leaderlessWithoutRepair,
    localCacheWithoutAffinity,
    moduloPartitioning,
    multiLeaderSingleDatacenter,
    multiLeaderTopologySpof,
    multiLeaderWithoutConflictResolution,
    partitionedWithoutKey,
    pullCdnOriginSpof,
    quorumInvalid,
    quorumNoOverlap,
    rangePartitionHotspot,
    sloppyQuorumWithoutHintedHandoff,
    staticContentWithoutCdn,
    strongReadOnEventualStore,
    synchronousCrossRegionReplication,
    writeAroundWithoutInvalidation,
    writeBackBypassReads,
    writeBackCacheDurability
];
