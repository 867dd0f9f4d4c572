import type { Rule } from '../types.js';
import syncCallWithoutTimeout from './sync-call-without-timeout.js';

/** Messaging (outbox, delivery, DLQ, partitions) and synchronous call resilience. */
export const MESSAGING_RULES = [
    syncCallWithoutTimeout
] as unknown as readonly Rule[];
