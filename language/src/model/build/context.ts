/**
 * What every part of the model builder shares: the fragment being filled, source locations,
 * problems, reference resolution, and the dispatch of an AST node to the handler of its type.
 */
import type { AstNode, LangiumDocument, Reference } from 'langium';
import { CstUtils, GrammarUtils, isJSDoc, parseJSDoc } from 'langium';
import type * as ast from '../../generated/ast.js';
import { qualifiedName } from '../../names.js';
import { kindOf, lookup, unknownValueMessage, type Vocabulary } from '../values.js';
import type { ComponentKind, ModelFix, ModelFragment, ModelProblem, Range, RelationKind, RelationModel, SourceLocation } from '../types.js';
import { CHANNEL_KINDS } from '../types.js';
import { PERCENTILE_WORDS, parsePercentile, parseDuration } from '../units.js';
import { closest, quotedAlternatives } from '../../suggest.js';

/**
 * One handler per concrete type of the AST union `N`, keyed by the generated `$type` names
 * (`Component`, `CallRelation`, `ReplicasProp`...). A table that misses a type of the union does not
 * compile, so a construct added to the grammar cannot be silently skipped by the builder.
 */
export type Handlers<N extends AstNode, A extends unknown[] = [], R = void> = {
    readonly [T in N['$type']]: (node: Extract<N, { $type: T }>, ...args: A) => R;
};

/**
 * Calls the handler of `node`'s type. A node missing from an incomplete parse (a syntax error left
 * the slot empty) is skipped, as is a type without a handler, which only a table built by a cast can lack.
 */
export function dispatch<N extends AstNode, A extends unknown[], R>(handlers: Handlers<N, A, R>, node: N | undefined, ...args: A): R | undefined {
    if (!node) return undefined;
    // The entry under `node.$type` takes exactly that node type, but TypeScript cannot follow a
    // value's `$type` to the key of a mapped type, so the table is read as a plain record.
    const handler = (handlers as unknown as Partial<Record<string, (node: N, ...args: A) => R>>)[node.$type];
    return handler?.(node, ...args);
}

/** Raw text of the `/** ... *\/` comment right before a node, without the comment markers. */
export function docComment(node: AstNode): string | undefined {
    const comment = CstUtils.findCommentNode(node.$cstNode, ['ML_COMMENT']);
    if (!comment || !isJSDoc(comment)) return undefined;
    const text = parseJSDoc(comment).toMarkdown().trim();
    return text.length > 0 ? text : undefined;
}

/** The range of a node the parser built without text (only an incomplete parse makes one). */
const NOWHERE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** How problems name what `reads`, `writes` and `owns` expect. */
export const DATA_STORE = 'a data store (database, cache, objectstore, search)';

/** A relation about to be added: its model fields, the node it was written in and where its target is. */
export type NewRelation = Partial<RelationModel> & {
    kind: RelationKind;
    source: string;
    target: string;
    node: AstNode;
    arrow: boolean;
    /** The property of `node` that holds the target reference (`target` when not given). */
    targetProperty?: string;
    /** Its index, when that property is a list. */
    targetIndex?: number;
};

/** The state of one document's build: the fragment so far and the helpers every handler uses. */
export class BuildContext {
    readonly uri: string;
    readonly fragment: ModelFragment;
    /** How many systems enclose the element being built. */
    systemDepth = 0;
    /** How often each `source kind target` triple was seen, to number repeated relations. */
    private readonly relationCounts = new Map<string, number>();

    constructor(document: LangiumDocument) {
        this.uri = document.uri.toString();
        this.fragment = {
            uri: this.uri, components: [], relations: [], systems: [], regions: [], sagas: [], cqrs: [], views: [], diagramViews: [],
            eventSourcing: [], transactions: [], slos: [], flows: [], problems: []
        };
    }

    /** Where a node is written; `nameRange` is the range of its `nameProperty`. */
    loc(node: AstNode, nameProperty = 'name'): SourceLocation {
        const range = node.$cstNode?.range ?? NOWHERE;
        const nameNode = GrammarUtils.findNodeForProperty(node.$cstNode, nameProperty);
        return { uri: this.uri, range, nameRange: nameNode?.range };
    }

    /** The whole range of a node, for elements whose findings cover all of them. */
    nodeLoc(node: AstNode): SourceLocation {
        return { uri: this.uri, range: node.$cstNode?.range ?? NOWHERE };
    }

    /**
     * Runs the handling of one element so that an unexpected exception costs only that element's
     * facts: it becomes an error on the element and the walk goes on with the next one.
     */
    isolate(node: AstNode, handle: () => void): void {
        try {
            handle();
        } catch (error) {
            const reason = error instanceof Error ? error.message : String(error);
            this.problem('error', 'internal-error', `Internal error while reading this element: ${reason}. The rest of the file is still checked.`, node);
        }
    }

    propertyRange(node: AstNode, property: string, index?: number): Range | undefined {
        return GrammarUtils.findNodeForProperty(node.$cstNode, property, index)?.range;
    }

    /** Reports a problem at `property` of `node` (its `index`-th value for a list), or at the whole node, with its quick fixes. */
    problem(severity: ModelProblem['severity'], code: string, message: string, node: AstNode, property?: string, index?: number, fixes?: ModelFix[]): void {
        // A node without text (from an incomplete parse) is reported at the start of the file rather than lost.
        const range = (property ? this.propertyRange(node, property, index) : undefined) ?? node.$cstNode?.range ?? NOWHERE;
        this.fragment.problems.push({ severity, code, message, loc: { uri: this.uri, range }, ...(fixes && fixes.length > 0 ? { fixes } : {}) });
    }

    /** A fix that writes `replacement` over the keyword `keyword` of `node` (`reads` → `calls`); undefined when the keyword has no text. */
    keywordFix(node: AstNode, keyword: string, replacement: string, preferred: boolean): ModelFix | undefined {
        const range = GrammarUtils.findNodeForKeyword(node.$cstNode, keyword)?.range;
        if (!range) return undefined;
        return { title: `Change '${keyword}' to '${replacement}'`, edits: [{ uri: this.uri, range, newText: replacement }], ...(preferred ? { preferred } : {}) };
    }

    /**
     * The canonical value of a word written after a property keyword (`eviction allkeys-lru` → `lru`),
     * or undefined when the vocabulary does not know it: then one problem at the word lists the known
     * values, suggests the nearest and offers it as a fix (preferred when it is the only suggestion).
     * An open vocabulary (protocols) warns and returns the word as written.
     */
    value<V extends string>(node: AstNode, property: string, written: string | undefined, vocab: Vocabulary<V>): V | undefined {
        // A missing word is a syntax error the parser has reported already.
        if (written === undefined || written.length === 0) return undefined;
        const found = lookup(vocab, written);
        if (found.known) return found.value;
        const range = this.propertyRange(node, property) ?? node.$cstNode?.range ?? NOWHERE;
        const fixes = found.suggestions.map((suggestion, i) => ({
            title: `Change '${written}' to '${suggestion}'`,
            edits: [{ uri: this.uri, range, newText: suggestion }],
            preferred: i === 0 && found.suggestions.length === 1
        }));
        this.fragment.problems.push({
            severity: vocab.unknown, code: 'unknown-value', message: unknownValueMessage(vocab, written, found.suggestions),
            loc: { uri: this.uri, range }, fixes
        });
        return vocab.unknown === 'warning' ? written as V : undefined;
    }

    /** The qualified name of a resolved component reference; undefined when it did not resolve. */
    ref(reference: Reference<ast.Component> | undefined): string | undefined {
        const target = reference?.ref;
        return target ? qualifiedName(target) : undefined;
    }

    /** The qualified names of the references that resolved, in order. */
    refs(references: readonly Reference<ast.Component>[]): string[] {
        return references.map(r => this.ref(r)).filter((x): x is string => x !== undefined);
    }

    refKind(reference: Reference<ast.Component> | undefined): ComponentKind | undefined {
        const written = reference?.ref?.kind;
        return written === undefined ? undefined : kindOf(written);
    }

    /** The ids of the regions and zones that resolved. */
    placementRefs(refs: readonly Reference<ast.Placement>[]): string[] {
        const ids: string[] = [];
        for (const reference of refs) {
            if (reference?.ref) ids.push(qualifiedName(reference.ref));
        }
        return ids;
    }

    /** `value` when it is at least `min`; otherwise a problem at `property`, and undefined. */
    count(node: AstNode, property: string, value: number | undefined, min: number, what: string): number | undefined {
        // A missing or unreadable number is a syntax error the parser has reported already.
        if (value === undefined || !Number.isFinite(value)) return undefined;
        if (value < min) {
            this.problem('error', 'invalid-number', `${what} must be at least ${min}, not ${value}.`, node, property);
            return undefined;
        }
        return value;
    }

    /** A duration in milliseconds; a problem at `property` when the text is not one. */
    duration(node: AstNode, property: string, text: string | undefined): number | undefined {
        if (text === undefined) return undefined;
        const ms = parseDuration(text);
        if (ms === undefined) this.problem('error', 'invalid-duration', `'${text}' is not a duration.`, node, property);
        return ms;
    }

    /**
     * A percentile written after `latency` (`p99`, `p99.9`, `avg`), lower case, with `mean` and
     * `average` read as `avg`; undefined with one problem at the word that suggests the nearest one.
     */
    percentile(node: AstNode, property: string, written: string | undefined): string | undefined {
        if (written === undefined || written.length === 0) return undefined;
        const known = parsePercentile(written);
        if (known !== undefined) return known;
        const suggestions = closest(written, PERCENTILE_WORDS);
        const range = this.propertyRange(node, property) ?? node.$cstNode?.range ?? NOWHERE;
        this.fragment.problems.push({
            severity: 'error', code: 'unknown-value',
            message: `'${written}' is not a percentile: write p50, p90, p95, p99, p99.9 (any pNN or pNN.N) or avg${suggestions.length > 0 ? `; did you mean ${quotedAlternatives(suggestions)}?` : '.'}`,
            loc: { uri: this.uri, range },
            fixes: suggestions.map((suggestion, i) => ({
                title: `Change '${written}' to '${suggestion}'`, edits: [{ uri: this.uri, range, newText: suggestion }], preferred: i === 0 && suggestions.length === 1
            }))
        });
        return undefined;
    }

    /** `latency p99 40ms` into a stated latency (one problem for a percentile or duration it cannot read). */
    latency(node: ast.LatencyProp): { percentile: string; ms: number } | undefined {
        const percentile = this.percentile(node, 'percentile', node.percentile);
        const ms = this.duration(node, 'latency', node.latency);
        return percentile === undefined || ms === undefined ? undefined : { percentile, ms };
    }

    /** Reports a reference that should name a message channel (or its broker) but names something else. */
    checkChannel(node: AstNode, property: string, reference: Reference<ast.Component> | undefined, verb: string): void {
        const kind = this.refKind(reference);
        if (kind && !CHANNEL_KINDS.includes(kind) && kind !== 'broker') {
            this.problem('error', 'invalid-target', `'${verb}' expects a topic, queue or broker, but '${reference?.$refText}' is a ${kind}.`, node, property);
        }
    }

    /** Adds a relation with the defaults of its flags and a stable id (`source kind target`, then `#2`, `#3`...). */
    addRelation(r: NewRelation): RelationModel {
        const { node, targetProperty, targetIndex, ...rest } = r;
        const key = `${r.source} ${r.kind} ${r.target}`;
        const n = (this.relationCounts.get(key) ?? 0) + 1;
        this.relationCounts.set(key, n);
        const relation: RelationModel = {
            sync: r.kind === 'calls', circuitBreaker: false, idempotent: false, idempotencyKey: false, replay: false, ordered: false,
            ...rest,
            id: n === 1 ? key : `${key} #${n}`,
            loc: this.nodeLoc(node),
            targetRange: this.propertyRange(node, targetProperty ?? 'target', targetIndex)
        };
        this.fragment.relations.push(relation);
        return relation;
    }
}
