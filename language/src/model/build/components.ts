/**
 * Components: technology defaults first, then what a channel inherits from its broker, then the
 * members in the order written (properties and relations), then the nested topics and queues.
 */
import type { AstNode } from 'langium';
import * as ast from '../../generated/ast.js';
import { qualifiedName } from '../../names.js';
import { findTechnology } from '../technologies.js';
import type { ComponentModel, ComponentProps, PropName } from '../types.js';
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
    const kind = node.kind;
    const tech = findTechnology(node.technology);
    const props = emptyProps();
    const origins: ComponentModel['origins'] = {};
    // Properties are written by name, so the record view is the one that lets a loop assign them.
    const writable = props as unknown as Record<string, unknown>;
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
            props[key] = value;
            origins[key] = 'declared';
        }
    };
    const seen = new Map<string, AstNode>();
    for (const member of node.members) {
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
