import { AstUtils, CstUtils, GrammarAST, isLeafCstNode, type AstNode } from 'langium';
import type { MarkupContent } from 'vscode-languageserver';
import { describe, expect, it } from 'vitest';
import { keywordDoc, NAME_RULES } from '../../language/src/lsp/keyword-docs.js';
import { topicForKeyword } from '../../language/src/knowledge/index.js';
import { isView } from '../../language/src/generated/ast.js';
import { isDiagramView } from '../../language/src/lsp/symbols.js';
import { exampleWorkspaces, workspace } from '../helpers.js';

const RELATION_VERBS = new Set(['calls', 'reads', 'writes', 'publishes', 'consumes', 'routes', 'replicates', 'syncs']);

describe('hover over the examples', () => {
    for (const example of exampleWorkspaces()) {
        it(`explains every pattern word of ${example.name}`, async () => {
            const ws = await workspace(example.files);
            const hover = ws.services.lsp.HoverProvider!;
            const silent: string[] = [];
            let topics = 0;
            for (const document of ws.documents) {
                const root = document.parseResult.value.$cstNode!;
                for (const leaf of CstUtils.streamCst(root)) {
                    if (!isLeafCstNode(leaf) || leaf.hidden || !GrammarAST.isKeyword(leaf.grammarSource)) continue;
                    const rule = AstUtils.getContainerOfType(leaf.grammarSource, GrammarAST.isParserRule);
                    if (rule && NAME_RULES.has(rule.name)) continue;
                    const word = leaf.grammarSource.value;
                    if (!topicForKeyword(word) && !keywordDoc(word) && ![...'{}();:,./-'].includes(word) && word !== '->') silent.push(word);
                    if (!topicForKeyword(word) && !keywordDoc(word)) continue;
                    const result = await hover.getHoverContent(document, {
                        textDocument: { uri: document.uri.toString() },
                        position: document.textDocument.positionAt(leaf.offset)
                    });
                    const text = (result?.contents as MarkupContent | undefined)?.value ?? '';
                    if (text.trim() === '') silent.push(`${word} (no hover)`);
                    const contexts: string[] = [];
                    for (let node: AstNode | undefined = leaf.astNode; node; node = node.$container) contexts.push(node.$type);
                    const expected = topicForKeyword(word, contexts);
                    // `view` also declares a diagram view, which is no pattern: its hover explains the view.
                    if (word === 'view' && isView(leaf.astNode) && isDiagramView(leaf.astNode)) {
                        expect(text, `view ${leaf.astNode.name}`).toContain('_(diagram view)_');
                        expect(text).not.toContain(expected?.title ?? 'Materialized view');
                        continue;
                    }
                    // Relation verbs show the relation itself (with a link to the topic); other words their topic.
                    if (expected && !RELATION_VERBS.has(word)) {
                        expect(text.startsWith(`**${expected.title}** — ${expected.gist}`), `${word} in ${contexts[0]}`).toBe(true);
                        // A gist and where the full page is (here, with no host to link to, the command that prints it).
                        expect(text.split('\n\n')[1], word).toMatch(new RegExp(`^Full explanation: \`sysd explain ${expected.id}\``));
                        expect(text, word).not.toContain('When to use it');
                        topics++;
                    }
                }
            }
            expect(silent, 'keywords without an explanation').toEqual([]);
            expect(topics, 'pattern words with a topic').toBeGreaterThan(0);
        });
    }
});
