import type { ComponentModel, RelationModel } from './types.js';

/** The relation reads its target (plain reads, or an arrow to a store). */
export function isRead(r: RelationModel): boolean {
    return r.kind === 'reads' || r.kind === 'uses';
}

/** The relation writes its target (plain writes, or an arrow to a store). */
export function isWrite(r: RelationModel): boolean {
    return r.kind === 'writes' || r.kind === 'uses';
}

/** A synchronous request/response call. */
export function isSyncCall(r: RelationModel): boolean {
    return r.kind === 'calls' && r.sync;
}

/** A component that runs application code (a service or a function). */
export function isCompute(c: ComponentModel | undefined): boolean {
    return c !== undefined && (c.kind === 'service' || c.kind === 'function');
}

/** Number of running copies, counting an active-passive standby. */
export function instances(c: ComponentModel): number {
    if (c.props.ha === 'active-passive' || c.props.ha === 'active-active') return Math.max(2, c.props.replicas);
    return c.props.replicas;
}

/** The retry policy allows more than one attempt. */
export function retries(r: RelationModel): boolean {
    return r.retry !== undefined && (r.retry.unbounded || (r.retry.count ?? 0) > 0);
}
