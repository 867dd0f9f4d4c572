import type { Rule } from '../types.js';
import twoPcCoordinatorSpof from './2pc-coordinator-spof.js';
import cqrsReadModelWithoutSync from './cqrs-read-model-without-sync.js';
import cqrsWithStrictConsistency from './cqrs-with-strict-consistency.js';
import eventSourcingWithoutSnapshots from './event-sourcing-without-snapshots.js';
import foreignDatabaseAccess from './foreign-database-access.js';
import longSyncCallChain from './long-sync-call-chain.js';
import materializedViewWithoutRefresh from './materialized-view-without-refresh.js';
import querySideMutation from './query-side-mutation.js';
import runtimeCrossServiceJoin from './runtime-cross-service-join.js';
import sagaExternalStepNotLast from './saga-external-step-not-last.js';
import sagaMissingCoordinator from './saga-missing-coordinator.js';
import sagaOrchestratorStateNotPersisted from './saga-orchestrator-state-not-persisted.js';
import sagaStepWithoutCompensation from './saga-step-without-compensation.js';
import sharedDatabase from './shared-database.js';
import syncCallCycle from './sync-call-cycle.js';
import twoPhaseCommitAcrossServices from './two-phase-commit-across-services.js';

/** Service boundaries, distributed transactions, sagas, call graphs, CQRS and event sourcing. */
export const BOUNDARY_RULES: readonly Rule[] = [
    twoPcCoordinatorSpof,
    cqrsReadModelWithoutSync,
    cqrsWithStrictConsistency,
    eventSourcingWithoutSnapshots,
    foreignDatabaseAccess,
    longSyncCallChain,
    materializedViewWithoutRefresh,
    querySideMutation,
    runtimeCrossServiceJoin,
    sagaExternalStepNotLast,
    sagaMissingCoordinator,
    sagaOrchestratorStateNotPersisted,
    sagaStepWithoutCompensation,
    sharedDatabase,
    syncCallCycle,
    twoPhaseCommitAcrossServices
];
