/**
 * The timeline of each preview update, as performance marks named `sysd:<step>` (read them with
 * `performance.getEntriesByType('mark')`; the end-to-end test does). The host's steps arrive with
 * the message (`UpdateTrace`, epoch milliseconds) and are placed on the page's clock, so one
 * timeline runs from the model change to the painted picture:
 *
 *   changed → requested → answered → posted (host) → received → layout-start → laid-out → drawn → painted
 *
 * Each mark's `detail` names the update (`update`, counted per message) and, from `drawn` on, how
 * many nodes and edges the picture has. Only the last few hundred marks are kept.
 */
import type { UpdateTrace } from '@sysd/protocol';

export type TraceStep = 'changed' | 'requested' | 'answered' | 'posted' | 'received' | 'layout-start' | 'laid-out' | 'drawn' | 'painted';

export interface TraceDetail {
    update: number;
    /** A patch (decorations only) rather than a whole graph. */
    patch?: boolean;
    nodes?: number;
    edges?: number;
}

/** Marks kept before the oldest are dropped (about forty updates). */
const KEPT_MARKS = 400;

export class UpdateTracer {
    private count = 0;
    private marks = 0;
    /** The update that the steps after `received` belong to (only the newest is ever drawn). */
    private current = 0;
    private patch = false;

    /** A message from the host arrived: its host steps, then `received`. Returns the update's number. */
    received(trace: UpdateTrace | undefined, patch: boolean): number {
        this.current = ++this.count;
        this.patch = patch;
        if (trace) {
            if (trace.changed !== undefined) this.markAt('changed', trace.changed);
            this.markAt('requested', trace.requested);
            this.markAt('answered', trace.answered);
            this.markAt('posted', trace.posted);
        }
        this.mark('received');
        return this.current;
    }

    /** A step of the newest update, now. */
    mark(step: TraceStep, extra: Omit<TraceDetail, 'update' | 'patch'> = {}): void {
        this.record(step, undefined, extra);
    }

    /** `drawn` now, and `painted` once the browser has painted the frame. */
    drawn(nodes: number, edges: number): void {
        this.mark('drawn', { nodes, edges });
        if (typeof requestAnimationFrame !== 'function') return;
        // rAF runs before the frame's paint; a task queued from it runs after.
        requestAnimationFrame(() => setTimeout(() => this.mark('painted', { nodes, edges }), 0));
    }

    private markAt(step: TraceStep, epochMs: number): void {
        // Host clocks and page clocks are the same machine's; a step "before the page began" is clamped.
        this.record(step, Math.max(0, epochMs - performance.timeOrigin), {});
    }

    private record(step: TraceStep, startTime: number | undefined, extra: Omit<TraceDetail, 'update' | 'patch'>): void {
        if (typeof performance === 'undefined' || typeof performance.mark !== 'function') return;
        if (++this.marks > KEPT_MARKS) {
            for (const name of STEPS) performance.clearMarks(`sysd:${name}`);
            this.marks = 1;
        }
        const detail: TraceDetail = { update: this.current, ...(this.patch ? { patch: true } : {}), ...extra };
        performance.mark(`sysd:${step}`, startTime === undefined ? { detail } : { startTime, detail });
    }
}

const STEPS: readonly TraceStep[] = ['changed', 'requested', 'answered', 'posted', 'received', 'layout-start', 'laid-out', 'drawn', 'painted'];
