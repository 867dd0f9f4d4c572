import type { AstNode, CstNode, LangiumDocument, Reference } from 'langium';
import { AstUtils, CstUtils, GrammarUtils, isReference } from 'langium';
import type { RenameProvider } from 'langium/lsp';
import { ResponseError, type Position, type Range, type RenameParams, type TextDocumentPositionParams, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import { predicateNames, resolveViewName } from '../model/views.js';
import type { ArchModel } from '../model/workspace.js';
import { isNamedScopeNode, qualifiedName } from '../names.js';
import type { SysdServices } from '../sysd-module.js';

type Named = AstNode & { name: string };

const VALID_NAME = /^[_a-zA-Z]\w*(-[a-zA-Z0-9_]+)*$/;

/**
 * Renames a system, component, region or zone everywhere it is named. References may be qualified
 * (`Events.orderEvents`, `Tickets.Orders`): only the segment that names the renamed element changes,
 * so renaming the topic changes `orderEvents` and renaming the broker changes `Events`, in every
 * document of the workspace. A system split over several files is renamed in all of them, and the
 * names of diagram views that resolve to the element (or to something inside it) change with it.
 */
export class SysdRenameProvider implements RenameProvider {
    constructor(private readonly services: SysdServices) {}

    prepareRename(document: LangiumDocument, params: TextDocumentPositionParams): Range | undefined {
        const found = this.targetAt(document, params.position);
        return found?.range;
    }

    rename(document: LangiumDocument, params: RenameParams): WorkspaceEdit | undefined {
        const found = this.targetAt(document, params.position);
        if (!found) return undefined;
        if (!VALID_NAME.test(params.newName)) {
            throw new ResponseError(-32602, `'${params.newName}' is not a valid name: use letters, digits, '_' and single '-' between words.`);
        }
        const targets = this.sameDeclarations(found.node);
        const targetIds = new Set(targets.map(t => qualifiedName(t)));
        const isTarget = (node: AstNode) => isNamedScopeNode(node) && node.$type === found.node.$type && targetIds.has(qualifiedName(node));
        const changes = new Map<string, Map<string, TextEdit>>();
        const add = (uri: string, range: Range) => {
            let edits = changes.get(uri);
            if (!edits) changes.set(uri, (edits = new Map<string, TextEdit>()));
            edits.set(`${range.start.line}:${range.start.character}`, { range, newText: params.newName });
        };
        const references = this.services.references.References;
        const documents = this.services.shared.workspace.LangiumDocuments;
        for (const target of targets) {
            const nameNode = GrammarUtils.findNodeForProperty(target.$cstNode, 'name');
            if (nameNode) add(AstUtils.getDocument(target).uri.toString(), nameNode.range);
            // References to the element itself or to anything inside it may spell its name.
            for (const node of [target, ...AstUtils.streamAllContents(target)]) {
                if (!isNamedScopeNode(node) || ast.isSystem(node)) continue;
                for (const ref of references.findReferences(node, { includeDeclaration: false })) {
                    const source = documents.getDocument(ref.sourceUri);
                    if (!source) continue;
                    for (const segment of segmentsOf(source, ref.segment.range, node)) {
                        if (isTarget(segment.node)) add(ref.sourceUri.toString(), segment.range);
                    }
                }
            }
        }
        // Names in diagram views are not Langium references: the model says what each resolves to.
        const model = this.services.model.ModelService.workspaceModel();
        for (const id of targetIds) {
            for (const { uri, range } of viewNameSegments(model, id)) add(uri, range);
        }
        const result: WorkspaceEdit = { changes: {} };
        for (const [uri, edits] of changes) result.changes![uri] = [...edits.values()];
        return result;
    }

    /** The element whose name is under the cursor, and the range of that name. */
    private targetAt(document: LangiumDocument, position: Position): { node: Named; range: Range } | undefined {
        const root = document.parseResult.value.$cstNode;
        if (!root) return undefined;
        const leaf = CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(position));
        if (!leaf) return undefined;
        const owner = leaf.astNode;
        if (isNamedScopeNode(owner)) {
            const nameNode = GrammarUtils.findNodeForProperty(owner.$cstNode, 'name');
            if (nameNode && CstUtils.isChildNode(leaf, nameNode)) return { node: owner, range: nameNode.range };
        }
        const reference = referenceAt(leaf);
        const target = reference?.ref;
        if (!reference?.$refNode || !target || !isNamedScopeNode(target)) return undefined;
        const segments = segmentsOf(document, reference.$refNode.range, target);
        const offset = document.textDocument.offsetAt(position);
        const segment = segments.find(s => {
            const start = document.textDocument.offsetAt(s.range.start);
            const end = document.textDocument.offsetAt(s.range.end);
            return start <= offset && offset <= end;
        });
        return segment ? { node: segment.node, range: segment.range } : undefined;
    }

    /** A system may be declared in several places (split over files); all of them are renamed. */
    private sameDeclarations(node: Named): Named[] {
        if (!ast.isSystem(node)) return [node];
        const id = qualifiedName(node);
        const result: Named[] = [];
        for (const document of this.services.shared.workspace.LangiumDocuments.all) {
            for (const candidate of AstUtils.streamAllContents(document.parseResult.value)) {
                if (ast.isSystem(candidate) && qualifiedName(candidate) === id) result.push(candidate);
            }
        }
        return result;
    }
}

/** The cross-reference whose text contains `leaf`. */
function referenceAt(leaf: CstNode): Reference | undefined {
    const assignment = GrammarUtils.findAssignment(leaf);
    if (!assignment) return undefined;
    const value = (leaf.astNode as unknown as Record<string, unknown>)[assignment.feature];
    const candidates = Array.isArray(value) ? value : [value];
    return candidates.find((ref): ref is Reference => isReference(ref) && ref.$refNode !== undefined
        && ref.$refNode.offset <= leaf.offset && leaf.end <= ref.$refNode.end);
}

/**
 * Splits the text of a reference to `target` into its dot-separated segments and pairs each with
 * the element it names: the last segment names the target, the ones before name its enclosing
 * elements (an enclosing region may be left out, as in `Shop.a` for a zone of `Shop.euWest`).
 */
function segmentsOf(document: LangiumDocument, range: Range, target: Named): { node: Named; range: Range }[] {
    const text = document.textDocument;
    const start = text.offsetAt(range.start);
    const refText = text.getText(range);
    const parts: { name: string; start: number; end: number }[] = [];
    const pattern = /[^.\s]+/g;
    for (let match = pattern.exec(refText); match; match = pattern.exec(refText)) {
        parts.push({ name: match[0], start: start + match.index, end: start + match.index + match[0].length });
    }
    const chain: Named[] = [];
    for (let node: AstNode | undefined = target; node; node = node.$container) {
        if (isNamedScopeNode(node)) chain.push(node);
    }
    const result: { node: Named; range: Range }[] = [];
    let j = 0;
    for (let i = parts.length - 1; i >= 0 && j < chain.length; j++) {
        if (parts[i].name !== chain[j].name) continue;
        result.push({ node: chain[j], range: { start: text.positionAt(parts[i].start), end: text.positionAt(parts[i].end) } });
        i--;
    }
    return result;
}

/**
 * The segments of the names in diagram views that name the element `id`: the names that resolve to
 * it or to something inside it, at the segment that spells its name (`Orders` in `Shop.Orders -> *`
 * when `Shop.Orders` is renamed, `Shop` in the same text when the system is).
 */
function viewNameSegments(model: ArchModel, id: string): { uri: string; range: Range }[] {
    const result: { uri: string; range: Range }[] = [];
    const renamed = id.split('.');
    const index = renamed.length - 1;
    for (const view of model.diagramViews) {
        for (const rule of view.rules) {
            for (const predicate of rule.predicates) {
                for (const { name, role } of predicateNames(predicate)) {
                    const target = resolveViewName(model, name.text, view.scope, role);
                    if (!target || (target.id !== id && !target.id.startsWith(`${id}.`))) continue;
                    const { start, end } = name.loc.range;
                    if (start.line !== end.line) continue;
                    // The written name is the end of the target's qualified name (a zone may leave out its region).
                    const written = name.text.split('.');
                    const at = index - (target.id.split('.').length - written.length);
                    if (at < 0 || at >= written.length || written[at] !== renamed[index]) continue;
                    const column = start.character + written.slice(0, at).reduce((sum, part) => sum + part.length + 1, 0);
                    result.push({
                        uri: name.loc.uri,
                        range: { start: { line: start.line, character: column }, end: { line: start.line, character: column + written[at].length } }
                    });
                }
            }
        }
    }
    return result;
}
