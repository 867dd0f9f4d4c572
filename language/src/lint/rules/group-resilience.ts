import type { Rule } from '../types.js';
import clientsCallBackendsDirectly from './clients-call-backends-directly.js';
import consensusClusterSize from './consensus-cluster-size.js';
import extremeTailLatencyTarget from './extreme-tail-latency-target.js';
import infeasibleAvailabilityTarget from './infeasible-availability-target.js';
import leaderWithoutFailover from './leader-without-failover.js';
import missingHealthCheck from './missing-health-check.js';
import missingSlo from './missing-slo.js';
import multiFrontendSingleBackend from './multi-frontend-single-backend.js';
import plaintextBehindTlsTerminator from './plaintext-behind-tls-terminator.js';
import publicEndpointWithoutTls from './public-endpoint-without-tls.js';
import publicGatewayWithoutAuth from './public-gateway-without-auth.js';
import publicIngressWithoutRateLimit from './public-ingress-without-rate-limit.js';
import raftFixedElectionTimeout from './raft-fixed-election-timeout.js';
import replicasInSingleZone from './replicas-in-single-zone.js';
import singlePointOfFailure from './single-point-of-failure.js';
import slaStricterThanSlo from './sla-stricter-than-slo.js';
import sloOnAverageLatency from './slo-on-average-latency.js';
import sloWithoutSli from './slo-without-sli.js';
import splitBrainRisk from './split-brain-risk.js';
import statefulFunction from './stateful-function.js';
import statefulServiceBehindRoundRobin from './stateful-service-behind-round-robin.js';
import tlsTerminatedOnAppServers from './tls-terminated-on-app-servers.js';

/** Redundancy, ingress security, statefulness and operations. */
export const RESILIENCE_RULES: readonly Rule[] = [
    clientsCallBackendsDirectly,
    consensusClusterSize,
    extremeTailLatencyTarget,
    infeasibleAvailabilityTarget,
    leaderWithoutFailover,
    missingHealthCheck,
    missingSlo,
    multiFrontendSingleBackend,
    plaintextBehindTlsTerminator,
    publicEndpointWithoutTls,
    publicGatewayWithoutAuth,
    publicIngressWithoutRateLimit,
    raftFixedElectionTimeout,
    replicasInSingleZone,
    singlePointOfFailure,
    slaStricterThanSlo,
    sloOnAverageLatency,
    sloWithoutSli,
    splitBrainRisk,
    statefulFunction,
    statefulServiceBehindRoundRobin,
    tlsTerminatedOnAppServers
];
