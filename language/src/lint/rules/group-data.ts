import type { Rule } from '../types.js';

/** Replication, quorums, read consistency, partitioning and caching. */
export const DATA_RULES = [
] as unknown as readonly Rule[];
