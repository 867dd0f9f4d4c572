/**
 * Components: technology defaults first, then what a channel inherits from its broker, then the
 * members in the order written (properties and relations), then the nested topics and queues.
 */
import type { AstNode } from 'langium';
import * as ast from '../../generated/ast.js';
import { qualifiedName } from '../../names.js';
import { closest } from '../../suggest.js';
import { findTechnology, IMPLIED_DEFAULTS, technologyNames } from '../technologies.js';
import type { ComponentKind, ComponentModel, ComponentProps, PropName } from '../types.js';
import { canonical, COMPONENT_KINDS, lookup } from '../values.js';
import { type BuildContext, dispatch, docComment } from './context.js';
import { PROPERTIES, propertyKey, type PropertyScope } from './properties.js';
import { RELATIONS } from './relations.js';

function emptyProps(): ComponentProps {
    return {
        replicas: 1, placements: [], managed: false, stateful: false, public: false, internal: false,
        external: false, cdc: false, owns: [], holds: [], origins: []
    };
}

/** What a topic or queue takes from its broker when it does not say otherwise. */
const INHERITED_FROM_BROKER = ['brokerType', 'retention', 'pattern', 'managed'] as const;

/** Builds a component and, after it, the topics and queues nested in it. */
export function component(node: ast.Component, system: string | undefined, parent: ComponentModel | undefined, ctx: BuildContext): void {
    const id = qualifiedName(node);
    const understood = componentKind(node, ctx);
    // A kind nothing resembles: the component keeps its name (references to it resolve) but has no facts.
    if (!understood) return;
    const kind: ComponentKind = understood;
    const tech = findTechnology(node.technology);
    const props = emptyProps();
    const origins: ComponentModel['origins'] = {};
    // Properties are written by name, so the record view is the one that lets a loop assign them.
    const writable = props as unknown as Record<string, unknown>;
    if (!tech && node.technology) misspeltTechnology(node, kind, ctx);
    if (tech) {
        if (!tech.kinds.includes(kind)) {
            ctx.problem('warning', 'technology-kind-mismatch',
                `'${node.technology}' is a technology for ${tech.kinds.join(' or ')}, not for a ${kind}; its defaults are not applied.`,
                node, 'technology');
        } else {
            for (const [key, value] of Object.entries(tech.defaults)) {
                writable[key] = structuredClone(value);
                origins[key as PropName] = 'technology';
            }
        }
    }
    if (kind === 'client' && !tech) props.external = true;
    if (parent && (kind === 'topic' || kind === 'queue')) {
        // A channel inherits its broker's nature unless it says otherwise.
        for (const key of INHERITED_FROM_BROKER) {
            if (parent.origins[key] && props[key] === undefined || (key === 'managed' && parent.props.managed)) {
                writable[key] = structuredClone(parent.props[key]);
                origins[key] = parent.origins[key];
            }
        }
    }
    if (parent && kind !== 'topic' && kind !== 'queue') {
        ctx.problem('error', 'misplaced-component', `A ${kind} cannot be declared inside a ${parent.kind}; only topics and queues nest (inside a broker).`, node, 'kind');
    }
    // A topic or queue outside a broker is allowed (a stand-alone SQS queue, say): it has nothing to inherit.
    const model: ComponentModel = {
        id, name: node.name, kind, technology: node.technology, technologyKnown: tech !== undefined && tech.kinds.includes(kind),
        doc: docComment(node), parent: parent?.id, system, props, origins, loc: ctx.loc(node)
    };
    ctx.fragment.components.push(model);

    const scope: PropertyScope = {
        ctx, component: model,
        set: (key, value) => {
            // Declared facts beat the technology's: a declared value that differs from a technology
            // default also drops the defaults that only followed from it (see IMPLIED_DEFAULTS).
            if (origins[key] === 'technology' && JSON.stringify(props[key]) !== JSON.stringify(value)) {
                for (const implied of IMPLIED_DEFAULTS[key] ?? []) {
                    if (origins[implied] !== 'technology') continue;
                    writable[implied] = undefined;
                    delete origins[implied];
                }
            }
            props[key] = value;
            origins[key] = 'declared';
        }
    };
    const seen = new Map<string, AstNode>();
    // `conflict resolution` among the properties refines the replication, wherever it is written.
    const byOrder = [...node.members.filter(m => m && !ast.isConflictSetting(m)), ...node.members.filter(m => m && ast.isConflictSetting(m))];
    for (const member of byOrder) {
        // One member that cannot be read costs only its own facts.
        if (member) ctx.isolate(member, () => buildMember(member));
    }
    for (const member of node.members) {
        if (ast.isComponent(member)) ctx.isolate(member, () => component(member, system, model, ctx));
    }

    function buildMember(member: ast.Member): void {
        if (ast.isComponent(member)) {
            if (kind !== 'broker') {
                ctx.problem('error', 'misplaced-component', `Only a broker can contain components (its topics and queues); '${node.name}' is a ${kind}.`, member, 'kind');
            }
            return; // children are built after the parent is complete
        }
        if (ast.isRelation(member)) {
            dispatch(RELATIONS, member, { id, kind }, ctx);
            return;
        }
        const key = propertyKey(member);
        const previous = seen.get(key);
        if (previous) {
            ctx.problem('warning', 'duplicate-property', `'${key}' is already set on line ${(previous.$cstNode?.range.start.line ?? 0) + 1}; this one wins.`, member);
        }
        seen.set(key, member);
        dispatch(PROPERTIES, member, scope);
    }
}

/**
 * The kind of a component. A kind the grammar does not know (`servce Orders`, `db Orders`) is an error
 * that suggests the kinds it resembles; the component is built as the nearest one so that its
 * relations and findings survive the typo.
 */
function componentKind(node: ast.Component, ctx: BuildContext): ComponentKind | undefined {
    const written = node.kind;
    if (written === undefined) return undefined;
    const found = lookup(COMPONENT_KINDS, written);
    if (found.known && (COMPONENT_KINDS.values as readonly string[]).includes(written)) return found.value;
    // Only a top-level or system-level component can have a kind the grammar does not know.
    const meant = found.known ? [found.value] : [...new Set(found.suggestions.map(k => canonical(COMPONENT_KINDS, k)).filter((k): k is ComponentKind => k !== undefined))];
    const range = ctx.propertyRange(node, 'kind') ?? node.$cstNode?.range;
    if (range) {
        ctx.fragment.problems.push({
            severity: 'error', code: 'unknown-kind',
            message: `Unknown component kind '${written}'${meant.length > 0 ? `; did you mean ${meant.map(k => `'${k}'`).join(' or ')}?` : ''}` +
                ` Known kinds: ${COMPONENT_KINDS.values.join(', ')}.`,
            loc: { uri: ctx.uri, range },
            fixes: meant.map((k, i) => ({
                title: `Change '${written}' to '${k}'`, edits: [{ uri: ctx.uri, range, newText: k }], preferred: i === 0 && meant.length === 1
            }))
        });
    }
    return meant[0];
}

/**
 * A technology sysd does not know but that is close to one it knows (`kafa`) is probably a typo, and a
 * silent one: none of the technology's defaults apply, so findings that rest on them disappear. A
 * warning names the technology it resembles, with the fix. A name nothing resembles (an in-house
 * system) is taken as written, without a warning: the hover says no defaults apply.
 */
function misspeltTechnology(node: ast.Component, kind: ComponentKind, ctx: BuildContext): void {
    const written = node.technology!;
    const fitting = technologyNames().filter(name => findTechnology(name)!.kinds.includes(kind));
    // One name per technology (`postgres` rather than both `postgres` and `postgresql`).
    const seen = new Set<string>();
    const meant = closest(written, fitting, 4)
        .filter(name => name.toLowerCase() !== written.toLowerCase())
        .filter(name => {
            const id = findTechnology(name)!.id;
            if (seen.has(id)) return false;
            seen.add(id);
            return true;
        })
        .slice(0, 2);
    if (meant.length === 0) return;
    const range = ctx.propertyRange(node, 'technology');
    if (!range) return;
    ctx.fragment.problems.push({
        severity: 'warning', code: 'unknown-technology',
        message: `Unknown technology '${written}'; did you mean ${meant.map(m => `'${m}'`).join(' or ')}? No technology defaults apply until it is one sysd knows.`,
        loc: { uri: ctx.uri, range },
        fixes: meant.map((name, i) => ({ title: `Change '${written}' to '${name}'`, edits: [{ uri: ctx.uri, range, newText: name }], preferred: i === 0 && meant.length === 1 }))
    });
}
