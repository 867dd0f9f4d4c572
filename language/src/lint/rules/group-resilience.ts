import type { Rule } from '../types.js';

/** Redundancy, ingress security, statefulness and operations. */
export const RESILIENCE_RULES = [
] as unknown as readonly Rule[];
