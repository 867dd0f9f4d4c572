import type { AstNode } from 'langium';
import { isComponent, isRegion, isSystem, isZone } from './generated/ast.js';

/** Nodes that have a name and take part in qualified names. */
export function isNamedScopeNode(node: AstNode): node is AstNode & { name: string } {
    return isSystem(node) || isComponent(node) || isRegion(node) || isZone(node);
}

/**
 * The fully qualified name of a named element: the names of its enclosing systems, components
 * and regions, joined by dots (`Tickets.Events.orderEvents`, `Tickets.euWest.a`).
 */
export function qualifiedName(node: AstNode & { name: string }): string {
    const parts = [node.name];
    let current = node.$container;
    while (current) {
        if (isNamedScopeNode(current)) parts.unshift(current.name);
        current = current.$container;
    }
    return parts.join('.');
}

/** Name of `node` relative to `ancestor` (`Events.orderEvents` relative to system `Tickets`). */
export function relativeName(node: AstNode & { name: string }, ancestor: AstNode): string {
    const parts = [node.name];
    let current = node.$container;
    while (current && current !== ancestor) {
        if (isNamedScopeNode(current)) parts.unshift(current.name);
        current = current.$container;
    }
    return parts.join('.');
}

/**
 * The qualified name of the system a node is declared in, if any: the names in a diagram view are
 * read from there outwards (`model/views.ts`).
 */
export function enclosingSystem(node: AstNode): string | undefined {
    for (let current = node.$container; current; current = current.$container) {
        if (isSystem(current)) return qualifiedName(current);
    }
    return undefined;
}
