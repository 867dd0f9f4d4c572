import type { Rule } from '../types.js';
import latencyBudgetExceeded from './latency-budget-exceeded.js';
import quorumLostOnZoneFailure from './quorum-lost-on-zone-failure.js';
import retryAmplification from './retry-amplification.js';
import sloAvailabilityUnmet from './slo-availability-unmet.js';
import timeoutExceedsCallerTimeout from './timeout-exceeds-caller-timeout.js';
import zoneFailureBreaksFlow from './zone-failure-breaks-flow.js';

/** Rules computed by the what-if failure analysis (`../../analysis`): availability, latency, retries, zone failures. */
export const ANALYSIS_RULES: readonly Rule[] = [
    latencyBudgetExceeded,
    quorumLostOnZoneFailure,
    retryAmplification,
    sloAvailabilityUnmet,
    timeoutExceedsCallerTimeout,
    zoneFailureBreaksFlow
];
