import type { AstNode, CstNode, LangiumDocument } from 'langium';
import { AstUtils, CstUtils, GrammarAST, GrammarUtils } from 'langium';
import type { HoverProvider } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import { explainMarkdown } from '../analysis/index.js';
import type { Finding } from '../lint/types.js';
import { findTechnology } from '../model/technologies.js';
import type { ComponentModel, RelationModel, SourceLocation } from '../model/types.js';
import { resolveViewName, viewNameSuggestions, type ViewNameRole } from '../model/views.js';
import type { ArchModel } from '../model/workspace.js';
import { enclosingSystem, isNamedScopeNode, qualifiedName } from '../names.js';
import type { SysdServices } from '../sysd-module.js';
import { analysisReports } from './code-lens.js';
import { commandLink, effectiveProps, formatFinding, rangeContains, relationSettings, relationSummary, sameRange, topicGist, type PageLinks } from './describe.js';
import { keywordDoc, NAME_RULES } from './keyword-docs.js';
import { isDiagramView } from './symbols.js';
import { valueWordAt, type ValueWord } from './value-words.js';
import { topicForKeyword, topicUrlFromRuleUrl, type Topic } from '../knowledge/index.js';

const RELATION_KEYWORDS = new Set(['calls', 'reads', 'writes', 'publishes', 'consumes', 'routes', 'replicates', 'syncs', '->']);

/**
 * Hover for names and references (documentation, kind, technology, effective properties, relations
 * and lint findings, all from the semantic model), for relation keywords (the relation's effective
 * settings and findings), for keywords that name a pattern or concept (the topic's gist from the
 * knowledge base and a link to its full page, as a linter shows a message and a rule link) and for
 * other keywords (their gist). Findings link to their rule pages and topics to their pages: in a
 * client that names an explain command in its initialization options (VS Code's), a click opens the
 * page there; otherwise the links go where the host publishes the pages, when it says where.
 */
export class SysdHoverProvider implements HoverProvider {
    /** The client's command that opens a topic or rule page (`explainCommand` of {@link SysdHoverProvider.initialize}). */
    private explainCommand: string | undefined;

    constructor(private readonly services: SysdServices) {
        // The language server loads every service before it fires this, so no hover is answered first.
        services.shared.lsp.LanguageServer.onInitialize(params => this.initialize(params.initializationOptions));
    }

    /**
     * Reads the client's initialization options: `{ explainCommand: "sysd.explain" }` makes the links
     * of hovers run that command with `topic:<id>` or `rule:<id>`; anything else keeps the page links.
     */
    initialize(options: unknown): void {
        const command = typeof options === 'object' && options !== null ? (options as { explainCommand?: unknown }).explainCommand : undefined;
        this.explainCommand = typeof command === 'string' && /^[\w.-]{1,100}$/.test(command) ? command : undefined;
    }

    /** Where a hover's topic and rule links lead: the client's explain command, else the published pages. */
    private get links(): PageLinks {
        const command = this.explainCommand;
        if (command) return { topic: id => commandLink(command, `topic:${id}`), rule: id => commandLink(command, `rule:${id}`) };
        const ruleUrl = this.services.lint.docsUrl;
        return { topic: id => topicUrlFromRuleUrl(ruleUrl, id), rule: ruleUrl };
    }

    getHoverContent(document: LangiumDocument, params: HoverParams): Hover | undefined {
        const root = document.parseResult.value.$cstNode;
        if (!root) return undefined;
        const offset = document.textDocument.offsetAt(params.position);
        const leaf = CstUtils.findLeafNodeAtOffset(root, offset);
        if (!leaf || leaf.hidden) return undefined;
        const markdown = this.hoverFor(document, leaf);
        return markdown ? { contents: { kind: 'markdown', value: markdown }, range: leaf.range } : undefined;
    }

    private hoverFor(document: LangiumDocument, leaf: CstNode): string | undefined {
        const inView = this.describeViewWord(leaf);
        if (inView) return inView;
        const analysed = this.describeAnalysedName(document, leaf);
        if (analysed) return analysed;
        const declared = this.services.references.References.findDeclarations(leaf);
        const target = declared.find(node => isNamedScopeNode(node));
        if (target) return this.describeDeclaration(target);
        const valueWord = valueWordAt(leaf);
        if (valueWord) return this.describeValueWord(document, leaf, valueWord);
        if (GrammarAST.isKeyword(leaf.grammarSource)) {
            const word = leaf.grammarSource.value;
            // A keyword spelled where a name goes (`: kafka`, `key user`) is a name, not the keyword.
            const rule = AstUtils.getContainerOfType(leaf.grammarSource, GrammarAST.isParserRule);
            if (rule && NAME_RULES.has(rule.name)) return this.describeNameWord(leaf);
            const found = topicForKeyword(word, contextTypes(leaf.astNode));
            if (RELATION_KEYWORDS.has(word)) {
                const relationText = this.describeRelationAt(document, leaf);
                if (relationText) {
                    if (!found) return relationText;
                    const url = this.links.topic(found.id);
                    return `${relationText}\n\n_Learn more:_ ${url ? `[${found.title}](${url})` : found.title} — ${found.gist}`;
                }
            }
            if (found) return this.describeTopic(document, leaf, found);
            const doc = keywordDoc(word);
            // `*` in bold markers would read as more markers: punctuation is shown as code.
            const shown = /\p{L}/u.test(word) ? `**${word}**` : `\`${word}\``;
            if (doc) return this.withFindingsHere(document, leaf, `${shown} _(${doc.category})_ — ${doc.gist}`);
            return undefined;
        }
        return this.describeNameWord(leaf);
    }

    /**
     * The words of a diagram view: its `view` keyword and its name describe the view (the word `view`
     * also starts a materialized read model, whose topic the knowledge base has), and a name in an
     * `include` or `exclude` rule says what it resolves to in the workspace and where that is declared.
     */
    private describeViewWord(leaf: CstNode): string | undefined {
        const node = leaf.astNode;
        if (ast.isView(node) && isDiagramView(node)) {
            const keyword = GrammarAST.isKeyword(leaf.grammarSource) && leaf.grammarSource.value === 'view';
            const name = GrammarUtils.findNodeForProperty(node.$cstNode, 'name');
            if (keyword || (name && rangeContains(name.range, leaf.range))) return this.describeDiagramView(node);
            return undefined;
        }
        if (!ast.isViewPredicate(node)) return undefined;
        if (GrammarAST.isKeyword(leaf.grammarSource) && (leaf.grammarSource.value === '->' || leaf.grammarSource.value === '<->')) {
            const both = leaf.grammarSource.value === '<->';
            return `\`${leaf.grammarSource.value}\` _(in a view)_ — ${both
                ? '`X <-> *` shows X and every component related to it either way; `X <-> Y` the relations between X and Y, both ways.'
                : '`X -> *` shows X and every component it has a relation to, `* -> X` those that have one to X; `X -> Y` the relations from X (or anything in it) to Y.'}`;
        }
        for (const feature of ['source', 'target', 'placementName'] as const) {
            const text = node[feature];
            const cst = GrammarUtils.findNodeForProperty(node.$cstNode, feature);
            if (!text || text === '*' || !cst || !rangeContains(cst.range, leaf.range)) continue;
            return this.describeViewName(node, text, feature === 'placementName' ? node.placement ?? 'region' : 'element');
        }
        return undefined;
    }

    private describeDiagramView(node: ast.View): string {
        const id = qualifiedName(node);
        const model = this.services.model.ModelService.workspaceModel();
        const view = model.diagramViews.find(v => v.id === id);
        const title = view?.title ? ` — ${view.title}` : '';
        const parts = [`**view** \`${id}\`${title} _(diagram view)_`];
        if (view?.description) parts.push(view.description);
        if (view?.doc) parts.push(view.doc);
        parts.push(DIAGRAM_VIEW_GIST);
        const rules = view?.rules.length ?? 0;
        parts.push(rules === 0
            ? 'No `include` yet: the view shows nothing.'
            : `${rules} ${rules === 1 ? 'rule' : 'rules'}; pick the view in the preview's view picker, or export it with \`sysd export --view ${id}\`.`);
        return parts.join('\n\n');
    }

    private describeViewName(node: ast.ViewPredicate, text: string, role: ViewNameRole): string {
        const model = this.services.model.ModelService.workspaceModel();
        const scope = enclosingSystem(node);
        const target = resolveViewName(model, text, scope, role);
        if (!target) {
            const suggestions = viewNameSuggestions(model, text, scope, role);
            const what = role === 'element' ? 'component or system' : role;
            return `\`${text}\` resolves to no ${what}${suggestions.length > 0 ? `; did you mean ${suggestions.map(s => `\`${s}\``).join(', ')}?` : '.'}`;
        }
        let what: string;
        let loc: SourceLocation | undefined;
        let doc: string | undefined;
        let contains = '';
        if (target.kind === 'component') {
            const component = model.component(target.id);
            what = component?.kind ?? 'component';
            loc = component?.loc;
            doc = component?.doc;
        } else if (target.kind === 'system') {
            const system = model.systems.get(target.id);
            what = 'system';
            loc = system?.loc;
            doc = system?.doc;
            const prefix = `${target.id}.`;
            let count = 0;
            for (const id of model.components.keys()) if (id.startsWith(prefix)) count++;
            contains = `Shows everything in it: ${count} ${count === 1 ? 'component' : 'components'}.`;
        } else if (target.kind === 'region') {
            what = 'region';
            loc = model.regions.get(target.id)?.loc;
            let count = 0;
            for (const c of model.components.values()) if (c.props.placements.some(p => model.regionOf(p) === target.id)) count++;
            contains = `Shows the components placed in it: ${count}.`;
        } else {
            what = 'zone';
            const region = model.regions.get(model.regionOf(target.id) ?? '');
            loc = region?.zones.find(z => z.id === target.id)?.loc ?? region?.loc;
        }
        const where = loc ? ` — declared in \`${basename(loc.uri)}\`, line ${loc.range.start.line + 1}` : '';
        return [`\`${text}\` is the **${what}** \`${target.id}\`${where}`, contains, doc].filter(Boolean).join('\n\n');
    }

    /** The name of a `flow` or `slo`: its failure analysis with the arithmetic, and the findings on it. */
    private describeAnalysedName(document: LangiumDocument, leaf: CstNode): string | undefined {
        const node = leaf.astNode;
        if (!(ast.isFlow(node) || ast.isSlo(node)) || !node.name) return undefined;
        const name = GrammarUtils.findNodeForProperty(node.$cstNode, 'name');
        if (!name || !rangeContains(name.range, leaf.range)) return undefined;
        const report = analysisReports(this.services).get(`${ast.isFlow(node) ? 'flow' : 'slo'} ${qualifiedName(node)}`);
        if (!report) return undefined;
        return this.withFindingsHere(document, leaf, explainMarkdown(report).trimEnd());
    }

    /**
     * A value word (`lru`, `allkeys-lru`, `volatile`): its topic or gist under its canonical value,
     * what an alias stands for, or that the word is unknown with the known values.
     */
    private describeValueWord(document: LangiumDocument, leaf: CstNode, { vocab, word, value }: ValueWord): string | undefined {
        if (value === undefined) {
            return `**${word}** — not a ${vocab.what} sysd knows. Known: ${vocab.values.join(', ')}.`;
        }
        const alias = value !== word.toLowerCase() ? `\`${word}\` means **${value}** (${vocab.what}).\n\n` : '';
        const found = topicForKeyword(value, contextTypes(leaf.astNode));
        if (found && !alias) return this.describeTopic(document, leaf, found);
        const doc = keywordDoc(value);
        const gist = found ? topicGist(found, this.links) : doc ? `**${value}** _(${vocab.what})_ — ${doc.gist}` : `**${value}** _(${vocab.what})_`;
        return this.withFindingsHere(document, leaf, `${alias}${gist}`);
    }

    /** A word in a name position: a component's technology gets its catalog entry. */
    private describeNameWord(leaf: CstNode): string | undefined {
        const node = leaf.astNode;
        if (!ast.isComponent(node) || !node.technology) return undefined;
        const technologyNode = GrammarUtils.findNodeForProperty(node.$cstNode, 'technology');
        if (!technologyNode || !rangeContains(technologyNode.range, leaf.range)) return undefined;
        const tech = findTechnology(node.technology);
        if (!tech) return `**${node.technology}** — a technology sysd does not know; no defaults apply.`;
        return `**${tech.title}** (\`${node.technology}\`) — ${tech.summary}\n\nFits: ${tech.kinds.join(', ')}`;
    }

    /**
     * A keyword's topic: its gist and the link to the full page (which keeps the whole text one click
     * away), then the findings at this place.
     */
    private describeTopic(document: LangiumDocument, leaf: CstNode, t: Topic): string {
        return this.withFindingsHere(document, leaf, topicGist(t, this.links));
    }

    private withFindingsHere(document: LangiumDocument, leaf: CstNode, text: string): string {
        const here = this.findingsHere(document, leaf);
        return here.length > 0 ? `${text}\n\n${findingsSection(here, this.links.rule, 'Findings here')}` : text;
    }

    /** Findings of this document whose range covers the hovered word. */
    private findingsHere(document: LangiumDocument, leaf: CstNode): Finding[] {
        const uri = document.uri.toString();
        const findings = this.services.model.ModelService.allFindings().get(uri) ?? [];
        return findings.filter(f => rangeContains(f.loc.range, leaf.range));
    }

    private describeDeclaration(node: AstNode & { name: string }): string | undefined {
        const id = qualifiedName(node);
        const model = this.services.model.ModelService.workspaceModel();
        if (ast.isComponent(node)) {
            const component = model.component(id);
            if (component) return this.describeComponent(model, component);
        }
        if (ast.isSystem(node)) {
            const system = model.systems.get(id);
            return [`**system** \`${id}\``, system?.doc].filter(Boolean).join('\n\n');
        }
        if (ast.isRegion(node)) {
            const region = model.regions.get(id);
            const zones = region?.zones.map(z => z.name).join(', ');
            return `**region** \`${id}\`${zones ? `\n\nZones: ${zones}` : ''}`;
        }
        if (ast.isZone(node)) return `**zone** \`${id}\``;
        return undefined;
    }

    private describeComponent(model: ArchModel, c: ComponentModel): string {
        const short = (other: string) => shortName(c, other);
        const sections: string[] = [];
        const tech = findTechnology(c.technology);
        let title = `**${c.kind}** \`${c.id}\``;
        if (c.technology) title += ` : ${c.technology}${tech ? ` (${tech.title})` : ' (unknown technology)'}`;
        sections.push(title);
        if (c.doc) sections.push(c.doc);

        const props = effectiveProps(c);
        if (props.length > 0) {
            // A topic inherits its broker's technology defaults.
            const source = c.technology ?? model.component(c.parent)?.technology ?? 'the technology';
            const lines = props.map(p => `- ${p.label}: ${p.value}${p.fromTechnology ? ` _(from ${source})_` : ''}`);
            sections.push(`**Properties**\n${lines.join('\n')}`);
        }

        const children = model.children(c.id);
        if (children.length > 0) sections.push(`**Contains** ${children.map(child => `${child.kind} ${child.name}`).join(', ')}`);

        const out = model.outgoing(c.id);
        const incoming = model.incoming(c.id);
        if (out.length + incoming.length > 0) {
            const lines = [
                ...out.map(r => `- → ${relationLine(r, short)}`),
                ...incoming.map(r => `- ← ${relationLine(r, short)}`)
            ];
            sections.push(`**Relations**\n${lines.join('\n')}`);
        }

        const findings = [
            ...this.findingsAbout(c.id, c.loc.uri, c.loc.nameRange ?? c.loc.range),
            // Findings about the relations this component starts.
            ...out.flatMap(r => this.findingsAbout(r.id, r.loc.uri, undefined))
        ];
        if (findings.length > 0) sections.push(findingsSection(findings, this.links.rule));
        return sections.join('\n\n');
    }

    private describeRelationAt(document: LangiumDocument, leaf: CstNode): string | undefined {
        const node = leaf.astNode;
        const relationNode = ast.isTopRelation(node) && node.relation ? node.relation : node;
        const range = relationNode.$cstNode?.range;
        if (!range) return undefined;
        const uri = document.uri.toString();
        const model = this.services.model.ModelService.workspaceModel();
        const relations = model.relations.filter(r => r.loc.uri === uri && sameRange(r.loc.range, range));
        if (relations.length === 0) return undefined;
        const sections: string[] = [];
        for (const r of relations) {
            const doc = keywordDoc(r.kind === 'uses' ? '->' : r.kind);
            const settings = relationSettings(r);
            const lines = [`**${relationSummary(r)}**${doc ? ` — ${doc.gist}` : ''}`];
            lines.push(settings.length > 0 ? `Settings: ${settings.join(', ')}` : 'No settings (no timeout, retries or circuit breaker).');
            const findings = this.findingsAbout(r.id, uri, r.loc.range);
            if (findings.length > 0) lines.push(findingsSection(findings, this.links.rule));
            sections.push(lines.join('\n\n'));
        }
        return sections.join('\n\n---\n\n');
    }

    /** Findings reported about an element: by id anywhere, or without an id inside its range. */
    private findingsAbout(id: string, uri: string, range: ComponentModel['loc']['range'] | undefined): Finding[] {
        const service = this.services.model.ModelService;
        const result: Finding[] = [];
        for (const [findingUri, findings] of service.allFindings()) {
            for (const finding of findings) {
                if (finding.elements.includes(id)) result.push(finding);
                else if (range && finding.elements.length === 0 && findingUri === uri && rangeContains(range, finding.loc.range)) result.push(finding);
            }
        }
        return result;
    }
}

/** What a diagram view is, after its own title and description. */
const DIAGRAM_VIEW_GIST = 'A diagram view says what the preview, `sysd export` and the Mermaid and Markdown exports draw: '
    + 'its `include` and `exclude` rules are read in order, and an element is shown when the last rule that matches it includes it. '
    + 'Unlike `view ... materialized`, it is not a read model: it stores nothing.';

function basename(uri: string): string {
    return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

/** A bulleted list of findings; each names its rule, linked to the rule's page when the host knows it. */
function findingsSection(findings: Finding[], docsUrl: (ruleId: string) => string | undefined, heading = 'Findings'): string {
    const seen = new Set<string>();
    const lines: string[] = [];
    for (const finding of findings) {
        const line = `- ${formatFinding(finding, docsUrl)}`;
        if (seen.has(line)) continue;
        seen.add(line);
        lines.push(line);
    }
    return `**${heading}**\n${lines.join('\n')}`;
}

/** The AST node types around a word, innermost first (for `word@Type` keyword entries). */
function contextTypes(node: AstNode | undefined): string[] {
    const types: string[] = [];
    for (let current = node; current; current = current.$container) types.push(current.$type);
    return types;
}

function relationLine(r: RelationModel, short: (id: string) => string): string {
    const settings = relationSettings(r);
    return `${relationSummary(r, short)}${settings.length > 0 ? ` (${settings.join(', ')})` : ''}`;
}

/** An id relative to the component's system, when it is in the same one. */
function shortName(c: ComponentModel, id: string): string {
    if (c.system && id.startsWith(`${c.system}.`)) return id.substring(c.system.length + 1);
    return id;
}

