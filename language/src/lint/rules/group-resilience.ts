import type { Rule } from '../types.js';
import clientsCallBackendsDirectly from './clients-call-backends-directly.js';
import consensusClusterSize from './consensus-cluster-size.js';
import extremeTailLatencyTarget from './extreme-tail-latency-target.js';
import infeasibleAvailabilityTarget from './infeasible-availability-target.js';
import leaderWithoutFailover from './leader-without-failover.js';
import missingHealthCheck from './missing-health-check.js';
import publicEndpointWithoutTls from './public-endpoint-without-tls.js';
import publicGatewayWithoutAuth from './public-gateway-without-auth.js';
import publicIngressWithoutRateLimit from './public-ingress-without-rate-limit.js';
import replicasInSingleZone from './replicas-in-single-zone.js';
import singlePointOfFailure from './single-point-of-failure.js';
import sloOnAverageLatency from './slo-on-average-latency.js';
import splitBrainRisk from './split-brain-risk.js';
import statefulFunction from './stateful-function.js';
import statefulServiceBehindRoundRobin from './stateful-service-behind-round-robin.js';

/** Redundancy, ingress security, statefulness and operations. */
export const RESILIENCE_RULES: readonly Rule[] = [
    clientsCallBackendsDirectly,
    consensusClusterSize,
    extremeTailLatencyTarget,
    infeasibleAvailabilityTarget,
    leaderWithoutFailover,
    missingHealthCheck,
    publicEndpointWithoutTls,
    publicGatewayWithoutAuth,
    publicIngressWithoutRateLimit,
    replicasInSingleZone,
    singlePointOfFailure,
    sloOnAverageLatency,
    splitBrainRisk,
    statefulFunction,
    statefulServiceBehindRoundRobin
];
