import type { AstNode } from 'langium';
import { AbstractFormatter, Formatting, type FormattingRegion } from 'langium/lsp';
import * as ast from '../generated/ast.js';

/**
 * Formats .sysd text:
 * - 4-space indentation inside braces (the editor's tab size and spaces setting apply);
 * - a block written over several lines gets one member per line; a block written on one line
 *   (`{ replicas 2; owns Db }`) stays on one line with single spaces;
 * - single spaces around `->` (and a view's `<->`) and around the `:` before a technology or protocol;
 * - `;` and `,` hug the word before them; blank lines between members and all comments are kept.
 * Formatting is idempotent: formatting formatted text changes nothing.
 */
export class SysdFormatter extends AbstractFormatter {
    protected format(node: AstNode): void {
        if (ast.isModel(node)) {
            this.formatModel(node);
            return;
        }
        const f = this.getNodeFormatter(node);
        const colons = f.keywords(':');
        if (colons.nodes.length > 0) colons.surround(Formatting.oneSpace());
        const arrows = f.keywords('->', '<->');
        if (arrows.nodes.length > 0) arrows.surround(Formatting.oneSpace());
        const commas = f.keywords(',');
        if (commas.nodes.length > 0) {
            commas.prepend(Formatting.noSpace());
            commas.append(Formatting.oneSpace());
        }
        this.formatSemicolons(f.keywords(';'));
        this.formatBraces(node);
    }

    private formatModel(model: ast.Model): void {
        const f = this.getNodeFormatter(model);
        const members = [...model.imports, ...model.elements];
        members.forEach((member, index) => {
            const region = f.node(member);
            if (index === 0) region.prepend(Formatting.noIndent({ allowMore: true }));
            else region.prepend(Formatting.newLine({ allowMore: true }));
        });
    }

    private formatBraces(node: AstNode): void {
        const f = this.getNodeFormatter(node);
        const open = f.keyword('{');
        const close = f.keyword('}');
        if (open.nodes.length === 0 || close.nodes.length === 0) return;
        const openNode = open.nodes[0];
        const closeNode = close.nodes[0];
        open.prepend(Formatting.oneSpace());
        const interior = f.interior(open, close);
        const multiLine = closeNode.range.start.line > openNode.range.end.line;
        if (multiLine) {
            interior.prepend(Formatting.indent({ allowMore: true }));
            close.prepend(Formatting.newLine());
        } else if (interior.nodes.length > 0) {
            interior.prepend(Formatting.oneSpace());
            close.prepend(Formatting.oneSpace());
        } else {
            close.prepend(Formatting.oneSpace());
        }
    }

    /** `;` stays attached to the word before it (this wins over the rules for block members). */
    private formatSemicolons(semicolons: FormattingRegion): void {
        if (semicolons.nodes.length > 0) semicolons.prepend(Formatting.noSpace({ priority: 2 }));
    }
}

