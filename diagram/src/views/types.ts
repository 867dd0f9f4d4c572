/**
 * Views: what one picture shows. A view is named by a key, the same text everywhere (the preview's
 * picker, `sysd export --view`, the LSP requests, the Markdown page):
 *
 * | key                              | shows                                                             |
 * |----------------------------------|-------------------------------------------------------------------|
 * | `file:<uri>`                     | the systems declared in that file (the preview's default)        |
 * | `system:<id>`                    | one system and everything nested in it                            |
 * | `all`                            | the whole workspace                                               |
 * | `view:<id>`                      | a declared `view Name { include ...; exclude ...; }`             |
 * | `neighbourhood:<id>[:<hops>]`    | a component and what is related to it within n hops (default 1) |
 * | `flow:<id>` / `saga:<id>`        | the components of a flow or saga, its path highlighted            |
 * | `deployment`                     | every component grouped by region and zone instead of by system  |
 *
 * In every view but `all` and `deployment`, a component outside the view that a shown one is
 * related to appears as a small dashed stand-in, so the picture says where its edges go.
 */
import type { SourceLocation } from '@sysd/language/model';

export type ViewKind = 'file' | 'system' | 'all' | 'declared' | 'neighbourhood' | 'flow' | 'saga' | 'deployment';

export interface ViewRef {
    kind: ViewKind;
    /** The file's URI, the system's, declared view's, component's, flow's or saga's qualified name. */
    id?: string;
    /** Neighbourhood only: how many relations away (1 to 5, default 1). */
    hops?: number;
}

/** A view as the picker lists it. */
export interface ViewInfo {
    key: string;
    kind: ViewKind;
    /** `Rides`, `Checkout path`, `Flow BookRide`, `Deployment (regions and zones)`... */
    title: string;
    /** One line under the title: `system · 14 components`, the declared view's description... */
    detail?: string;
    /** Where the view (or the system, flow, saga) is declared; none for `all` and `deployment`. */
    loc?: SourceLocation;
    /** Components the view shows (stand-ins not counted). */
    components: number;
}

/** What a view shows, before it is drawn: the shared first step of every renderer. */
export interface ResolvedView {
    ref: ViewRef;
    key: string;
    title: string;
    description?: string;
    /** The components shown in full (qualified names). */
    components: Set<string>;
    /** How components are grouped: by system (then region and zone), or by region and zone only. */
    grouping: 'systems' | 'deployment';
    /** Whether relations to components outside the view are drawn to stand-ins. */
    stubs: boolean;
    /** Elements (components and relation ids) a flow or saga view highlights, in path order. */
    focus?: string[];
}
