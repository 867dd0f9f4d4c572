import type {
    ComponentModel, CqrsModel, EventSourcingModel, FlowModel, ModelFragment, ModelProblem, RegionModel,
    RelationKind, RelationModel, SagaModel, SloModel, SourceLocation, SystemModel, TransactionModel, ViewModel, DiagramViewModel
} from './types.js';

/**
 * The whole workspace's model: the fragments of all documents merged, with lookup indexes.
 * Merging is linear in the number of elements; fragments themselves are cached per document.
 */
export class ArchModel {
    readonly components = new Map<string, ComponentModel>();
    readonly relations: RelationModel[] = [];
    readonly systems = new Map<string, SystemModel>();
    readonly regions = new Map<string, RegionModel>();
    readonly sagas: SagaModel[] = [];
    readonly cqrs: CqrsModel[] = [];
    readonly views: ViewModel[] = [];
    /** Declared diagram views, in the order of the files. */
    readonly diagramViews: DiagramViewModel[] = [];
    readonly eventSourcing: EventSourcingModel[] = [];
    readonly transactions: TransactionModel[] = [];
    readonly slos: SloModel[] = [];
    readonly flows: FlowModel[] = [];
    readonly problems: ModelProblem[] = [];
    /** URIs of the documents the model was built from, in order. */
    readonly uris: string[] = [];

    private readonly outgoingIndex = new Map<string, RelationModel[]>();
    private readonly incomingIndex = new Map<string, RelationModel[]>();
    private readonly childrenIndex = new Map<string, ComponentModel[]>();
    private readonly zoneRegion = new Map<string, string>();
    private readonly declared = new Map<string, SourceLocation[]>();

    constructor(fragments: Iterable<ModelFragment>) {
        for (const fragment of fragments) {
            this.uris.push(fragment.uri);
            for (const c of fragment.components) {
                // Duplicates are reported by the validator; the first declaration wins here.
                if (!this.components.has(c.id)) this.components.set(c.id, c);
                this.declare(c.id, c.loc);
            }
            for (const blocks of [fragment.sagas, fragment.cqrs, fragment.views, fragment.diagramViews ?? [], fragment.eventSourcing,
                fragment.transactions, fragment.slos, fragment.flows, fragment.regions]) {
                for (const block of blocks) this.declare(block.id, block.loc);
            }
            for (const s of fragment.systems) if (!this.systems.has(s.id)) this.systems.set(s.id, s);
            for (const r of fragment.regions) {
                if (!this.regions.has(r.id)) this.regions.set(r.id, r);
                for (const z of r.zones) this.zoneRegion.set(z.id, r.id);
            }
            // Appended one by one: spreading a list of many thousand entries into `push` overflows the stack.
            append(this.relations, fragment.relations);
            append(this.sagas, fragment.sagas);
            append(this.cqrs, fragment.cqrs);
            append(this.views, fragment.views);
            append(this.diagramViews, fragment.diagramViews ?? []);
            append(this.eventSourcing, fragment.eventSourcing);
            append(this.transactions, fragment.transactions);
            append(this.slos, fragment.slos);
            append(this.flows, fragment.flows);
            append(this.problems, fragment.problems);
        }
        for (const r of this.relations) {
            push(this.outgoingIndex, r.source, r);
            push(this.incomingIndex, r.target, r);
        }
        for (const c of this.components.values()) {
            if (c.parent) push(this.childrenIndex, c.parent, c);
        }
    }

    private declare(id: string, loc: SourceLocation): void {
        const list = this.declared.get(id);
        if (list) list.push(loc);
        else this.declared.set(id, [loc]);
    }

    /** Every named declaration (components and blocks) by qualified name; more than one entry is a duplicate. */
    declarations(): ReadonlyMap<string, readonly SourceLocation[]> {
        return this.declared;
    }

    component(id: string | undefined): ComponentModel | undefined {
        return id === undefined ? undefined : this.components.get(id);
    }

    /** Relations leaving `id`, optionally of some kinds. */
    outgoing(id: string, ...kinds: RelationKind[]): RelationModel[] {
        const all = this.outgoingIndex.get(id) ?? [];
        return kinds.length === 0 ? all : all.filter(r => kinds.includes(r.kind));
    }

    /** Relations arriving at `id`, optionally of some kinds. */
    incoming(id: string, ...kinds: RelationKind[]): RelationModel[] {
        const all = this.incomingIndex.get(id) ?? [];
        return kinds.length === 0 ? all : all.filter(r => kinds.includes(r.kind));
    }

    /** Topics and queues of a broker. */
    children(id: string): ComponentModel[] {
        return this.childrenIndex.get(id) ?? [];
    }

    /** The region a placement id (a region or one of its zones) belongs to. */
    regionOf(placement: string): string | undefined {
        if (this.regions.has(placement)) return placement;
        return this.zoneRegion.get(placement);
    }

    /** True when the placement id names a zone (not a region). */
    isZone(placement: string): boolean {
        return this.zoneRegion.has(placement);
    }

    /** Components declared in the document `uri`. */
    componentsIn(uri: string): ComponentModel[] {
        return [...this.components.values()].filter(c => c.loc.uri === uri);
    }
}

function append<T>(target: T[], items: readonly T[]): void {
    for (const item of items) target.push(item);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
}
