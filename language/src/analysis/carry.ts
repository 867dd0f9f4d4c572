/**
 * What the analysis of one model can take over from the analysis of another (the model before an
 * edit): a flow's or SLO's plan and report without failures stay valid as long as everything they
 * read is the same. The model service merges the cached fragments of the unchanged documents into
 * each new model, so "the same" is first object identity (the same component object, the same
 * relation objects in the same order); a document built again gives new objects, which are then
 * compared by what they say (`sameElement`: the JSON of the element without where it is written).
 * Its zones must also still be zones of the same regions. An edit therefore invalidates what it can
 * change and nothing else, also in the file it is made in.
 *
 * What a path reads of a component, and so what is compared (`same`) and followed (`edges`): the
 * component (its kind, properties, parent, replication); unless it is of a fan-out kind (whose
 * outgoing relations the analysis does not follow, see `dependencies`), its outgoing relations and
 * their targets and fallback targets; its parent (a channel follows its broker) and the coordinator
 * of its leader election. A component carries over when it and everything it reaches that way is
 * the same, and none of it lies on a cycle: on a cycle the worst cases depend on where the walk
 * first entered it (`Timing`'s cycle guard), which an edit elsewhere can change. For the same
 * reason, in a model of MAX_DEPTH components or more, nothing carries over when a chain comes near
 * MAX_DEPTH or a cycle exists.
 */
import type { ComponentModel } from '../model/types.js';
import type { ArchModel } from '../model/workspace.js';
import { FAN_OUT_KINDS } from './dependencies.js';
import { MAX_DEPTH } from './timing.js';

interface Frame { id: string; edges: string[]; next: number; ok: boolean; height: number }

export class Carry {
    /** Component id (also ids that name no component) -> its results carry over. */
    private readonly ok = new Map<string, boolean>();
    private readonly height = new Map<string, number>();
    private cycle = false;
    /** False when nothing carries over (the same model, or a deep or cyclic model of MAX_DEPTH components or more). */
    readonly enabled: boolean;

    constructor(readonly previous: ArchModel, readonly model: ArchModel) {
        let enabled = previous !== model;
        if (enabled) {
            // The worst cases of a path read `Timing`, whose results depend on how deep the walk already is past MAX_DEPTH.
            if (model.components.size >= MAX_DEPTH) {
                let deepest = 0;
                for (const id of model.components.keys()) {
                    this.visit(id);
                    deepest = Math.max(deepest, this.height.get(id) ?? 0);
                }
                if (this.cycle || deepest >= MAX_DEPTH - 2) enabled = false;
            }
        }
        this.enabled = enabled;
    }

    /** The results of component `id` (or of the unknown name `id`) read only what is the same in both models, on no cycle. */
    component(id: string): boolean {
        if (!this.enabled) return false;
        this.visit(id);
        return this.ok.get(id) === true;
    }

    /**
     * A path's plan and report read only what is the same: every step carries over, and a step of a
     * fan-out kind (whose outgoing relations the path reads to find the next hop) has the same
     * outgoing relations to the same components.
     */
    path(steps: readonly string[]): boolean {
        if (!this.enabled) return false;
        for (const id of steps) {
            if (!this.component(id)) return false;
            const c = this.model.component(id);
            if (c && FAN_OUT_KINDS.has(c.kind)) {
                const before = this.previous.outgoing(id);
                const after = this.model.outgoing(id);
                if (before.length !== after.length) return false;
                for (let i = 0; i < after.length; i++) {
                    if (!sameElement(before[i], after[i]) || !sameElement(this.previous.component(after[i].target), this.model.component(after[i].target))) return false;
                }
            }
        }
        return true;
    }

    private edges(c: ComponentModel | undefined): string[] {
        if (!c) return [];
        const out: string[] = [];
        if (c.parent) out.push(c.parent);
        const replication = c.props.replication;
        if (replication?.type === 'single-leader' && replication.election?.coordinator) out.push(replication.election.coordinator);
        if (!FAN_OUT_KINDS.has(c.kind)) {
            for (const r of this.model.outgoing(c.id)) {
                out.push(r.target);
                if (r.fallback?.target) out.push(r.fallback.target);
            }
        }
        return out;
    }

    /** The component itself, and (unless of a fan-out kind) its outgoing relations, are the same objects. */
    private same(id: string): boolean {
        const c = this.model.component(id);
        if (!sameElement(this.previous.component(id), c)) return false;
        if (!c) return true;
        // Its zones and regions still name the same zones of the same regions (how a zone or region failure reaches it, how it is shown).
        for (const d of domains(c)) {
            if (this.previous.regionOf(d) !== this.model.regionOf(d) || this.previous.isZone(d) !== this.model.isZone(d)) return false;
        }
        if (FAN_OUT_KINDS.has(c.kind)) return true;
        const before = this.previous.outgoing(id);
        const after = this.model.outgoing(id);
        if (before.length !== after.length) return false;
        for (let i = 0; i < after.length; i++) if (!sameElement(before[i], after[i])) return false;
        return true;
    }

    /** Depth first, without recursion (chains of thousands of calls): a node on a cycle, or reaching one, does not carry over. */
    private visit(root: string): void {
        if (this.ok.has(root)) return;
        const onStack = new Set<string>();
        const open = (id: string): Frame => {
            onStack.add(id);
            return { id, edges: this.edges(this.model.component(id)), next: 0, ok: this.same(id), height: 0 };
        };
        const stack: Frame[] = [open(root)];
        while (stack.length > 0) {
            const top = stack[stack.length - 1];
            if (top.next < top.edges.length) {
                const to = top.edges[top.next++];
                if (onStack.has(to)) {
                    // A cycle: every component on the stack is on it or reaches it.
                    this.cycle = true;
                    for (const frame of stack) frame.ok = false;
                    continue;
                }
                const done = this.ok.get(to);
                if (done !== undefined) {
                    top.ok &&= done;
                    top.height = Math.max(top.height, (this.height.get(to) ?? 0) + 1);
                    continue;
                }
                stack.push(open(to));
                continue;
            }
            stack.pop();
            onStack.delete(top.id);
            this.ok.set(top.id, top.ok);
            this.height.set(top.id, top.height);
            const below = stack[stack.length - 1];
            if (below) {
                below.ok &&= top.ok;
                below.height = Math.max(below.height, top.height + 1);
            }
        }
    }
}

/** The zones and regions a component's instances or copies may be placed in. */
function domains(c: ComponentModel): readonly string[] {
    const replication = c.props.replication;
    if (replication?.type === 'single-leader') return [...c.props.placements, ...replication.followerPlacements];
    if (replication?.type === 'multi-leader') return [...c.props.placements, ...replication.leaderPlacements];
    return c.props.placements;
}

const texts = new WeakMap<object, string>();

/** Where an element was written: the analysis reads it only of flows and SLOs (compared with `sameSource`). */
function positional(key: string): boolean {
    return key === 'loc' || key === 'range' || key.endsWith('Loc') || key.endsWith('Range');
}

/** The element as JSON without where it was written (numbers JSON cannot write kept apart from null), once per object. */
function textOf(element: object, withPosition: boolean): string {
    let text = withPosition ? undefined : texts.get(element);
    if (text === undefined) {
        text = JSON.stringify(element, (key, value: unknown) => {
            if (!withPosition && positional(key)) return undefined;
            if (typeof value === 'number' && !Number.isFinite(value)) return `\u0000${value}`;
            return value;
        });
        if (!withPosition) texts.set(element, text);
    }
    return text;
}

/**
 * A component or relation of one model stands for the same facts in the other: the same object (the
 * document was not built again), or one written the same, possibly elsewhere in its file (an edit
 * above it moved it; the analysis does not read where a component or relation is written).
 */
export function sameElement(a: object | undefined, b: object | undefined): boolean {
    if (a === b) return true;
    if (a === undefined || b === undefined) return false;
    return textOf(a, false) === textOf(b, false);
}

/** A flow or SLO is the same, where it is written included (its report says where). */
export function sameSource(a: object, b: object): boolean {
    return a === b || textOf(a, true) === textOf(b, true);
}
