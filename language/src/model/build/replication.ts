/**
 * `replication single-leader { ... }`, `multi-leader`, `leaderless`, `consensus` and `none`. A
 * declared replication of the same type as the technology's default refines it (a postgres database
 * that says `replication single-leader { followers 2 }` keeps the default's other settings); one of
 * another type replaces it.
 */
import type * as ast from '../../generated/ast.js';
import type {
    ComponentModel, LeaderlessReplication, MultiLeaderReplication, Replication, SingleLeaderReplication
} from '../types.js';
import * as values from '../values.js';
import { type BuildContext, dispatch, type Handlers } from './context.js';

/**
 * The time of `failover <mode> <time>` in ms; undefined when none is written. `failover none 5m` states
 * a time for nothing: a warning at the time, which is ignored.
 */
export function failoverTime(prop: ast.FailoverProp, mode: string, ctx: BuildContext): number | undefined {
    if (prop.time === undefined) return undefined;
    if (mode === 'none') {
        ctx.problem('warning', 'misplaced-setting', `'failover none' promotes nobody, so a failover time means nothing here; remove '${prop.time}' or state 'automatic' or 'manual'.`, prop, 'time');
        return undefined;
    }
    return ctx.duration(prop, 'time', prop.time);
}

const SINGLE_LEADER_SETTINGS: Handlers<ast.SingleLeaderSetting, [SingleLeaderReplication, BuildContext]> = {
    FollowersSetting: (s, result, ctx) => {
        const n = ctx.count(s, 'count', s.count, 0, 'followers');
        if (n !== undefined) result.followers = n;
        if (s.placements.length > 0) result.followerPlacements = ctx.placementRefs(s.placements);
    },
    SyncModeSetting: (s, result, ctx) => { result.mode = ctx.value(s, 'mode', s.mode, values.SYNC_MODES) ?? result.mode; },
    FailoverProp: (s, result, ctx) => {
        const mode = ctx.value(s, 'mode', s.mode, values.FAILOVER_MODES);
        if (!mode) return;
        result.failover = mode;
        result.failoverTimeMs = failoverTime(s, mode, ctx);
    },
    ReadFromSetting: (s, result, ctx) => { result.readFrom = ctx.value(s, 'source', s.source, values.READ_SOURCES) ?? result.readFrom; },
    ElectionSetting: (s, result, ctx) => {
        result.election = { coordinator: ctx.ref(s.coordinator), method: s.method === undefined ? undefined : ctx.value(s, 'method', s.method, values.ELECTION_METHODS) };
    },
    FencingSetting: (_s, result) => { result.fencingTokens = true; }
};

const MULTI_LEADER_SETTINGS: Handlers<ast.MultiLeaderSetting, [MultiLeaderReplication, BuildContext]> = {
    LeadersSetting: (s, result, ctx) => {
        const n = ctx.count(s, 'count', s.count, 1, 'leaders');
        if (n !== undefined) result.leaders = n;
        if (s.placements.length > 0) result.leaderPlacements = ctx.placementRefs(s.placements);
    },
    TopologySetting: (s, result, ctx) => { result.topology = ctx.value(s, 'topology', s.topology, values.TOPOLOGIES) ?? result.topology; },
    ConflictSetting: (s, result, ctx) => { result.conflictResolution = ctx.value(s, 'strategy', s.strategy, values.CONFLICT_STRATEGIES) ?? result.conflictResolution; },
    SyncModeSetting: (s, result, ctx) => { result.mode = ctx.value(s, 'mode', s.mode, values.SYNC_MODES) ?? result.mode; }
};

const LEADERLESS_SETTINGS: Handlers<ast.LeaderlessSetting, [LeaderlessReplication, BuildContext]> = {
    QuorumSetting: (s, result) => {
        if (s.param) result[s.param] = s.value;
    },
    ConflictSetting: (s, result, ctx) => { result.conflictResolution = ctx.value(s, 'strategy', s.strategy, values.CONFLICT_STRATEGIES) ?? result.conflictResolution; },
    LeaderlessFlag: (s, result) => {
        if (s.flag === 'sloppy') result.sloppyQuorum = true;
        else if (s.flag === 'read') result.readRepair = true;
        else if (s.flag === 'anti-entropy') result.antiEntropy = true;
        else result.hintedHandoff = true;
    }
};

/**
 * The replication a `replication ...` property declares, given what the component had before it
 * (`inherited`: a technology default or an earlier property).
 */
export const REPLICATION: Handlers<ast.Replication, [Replication | undefined, ComponentModel, BuildContext], Replication> = {
    SingleLeader: (node, inherited, component, ctx) => {
        const base = inherited?.type === 'single-leader' ? inherited : undefined;
        const result: SingleLeaderReplication = {
            type: 'single-leader', followerPlacements: [...(base?.followerPlacements ?? [])], fencingTokens: base?.fencingTokens ?? false,
            followers: base?.followers, mode: base?.mode, failover: base?.failover ?? component.props.failover,
            failoverTimeMs: base?.failover !== undefined ? base.failoverTimeMs : component.props.failoverTimeMs, readFrom: base?.readFrom
        };
        for (const s of node.settings) dispatch(SINGLE_LEADER_SETTINGS, s, result, ctx);
        return result;
    },
    MultiLeader: (node, inherited, _component, ctx) => {
        const base = inherited?.type === 'multi-leader' ? inherited : undefined;
        const result: MultiLeaderReplication = {
            type: 'multi-leader', leaderPlacements: [...(base?.leaderPlacements ?? [])], leaders: base?.leaders,
            topology: base?.topology, conflictResolution: base?.conflictResolution, mode: base?.mode
        };
        for (const s of node.settings) dispatch(MULTI_LEADER_SETTINGS, s, result, ctx);
        return result;
    },
    Leaderless: (node, inherited, _component, ctx) => {
        const base = inherited?.type === 'leaderless' ? inherited : undefined;
        const result: LeaderlessReplication = {
            type: 'leaderless', n: base?.n, w: base?.w, r: base?.r, sloppyQuorum: base?.sloppyQuorum ?? false,
            readRepair: base?.readRepair ?? false, antiEntropy: base?.antiEntropy ?? false, hintedHandoff: base?.hintedHandoff ?? false,
            conflictResolution: base?.conflictResolution
        };
        for (const s of node.settings) dispatch(LEADERLESS_SETTINGS, s, result, ctx);
        return result;
    },
    Consensus: (node, inherited, _component, ctx) => {
        const base = inherited?.type === 'consensus' ? inherited : undefined;
        const protocol = node.protocol === undefined ? undefined : ctx.value(node, 'protocol', node.protocol, values.CONSENSUS_PROTOCOLS);
        const result: Replication = { type: 'consensus', protocol: protocol ?? base?.protocol, nodes: base?.nodes };
        if (base?.electionTimeout) result.electionTimeout = base.electionTimeout;
        for (const s of node.settings) {
            if (s.electionTimeout !== undefined) {
                const minMs = ctx.duration(s, 'electionTimeout', s.electionTimeout);
                const maxMs = s.electionTimeoutMax === undefined ? minMs : ctx.duration(s, 'electionTimeoutMax', s.electionTimeoutMax);
                if (minMs === undefined || maxMs === undefined) continue;
                if (maxMs < minMs) {
                    ctx.problem('error', 'election-timeout-range', `The election timeout range ends (${s.electionTimeoutMax}) before it starts (${s.electionTimeout}).`, s, 'electionTimeoutMax');
                    continue;
                }
                result.electionTimeout = { minMs, maxMs, loc: ctx.nodeLoc(s) };
                continue;
            }
            const n = ctx.count(s, 'nodes', s.nodes, 1, 'nodes');
            if (n !== undefined) result.nodes = n;
        }
        return result;
    },
    NoReplication: () => ({ type: 'none' })
};
