import type { ComponentModel, RelationModel, SourceLocation } from '../../model/types.js';
import type { ArchModel } from '../../model/workspace.js';
import { LineIndex } from '../text.js';
import type { Fixer, TextEditModel } from '../types.js';

/**
 * Text helpers for the resilience rules' quick fixes. The model says what a component declares;
 * these locate where a member is written (outside comments and strings, and at the component's own
 * brace level, so a broker's topics or a nested replication block never match by accident).
 */

type TextSource = (uri: string) => string | undefined;

/** Same-length copy of `text` with comments and string literals replaced by spaces. */
function blankCommentsAndStrings(text: string): string {
    const out: string[] = [];
    let i = 0;
    while (i < text.length) {
        const two = text.slice(i, i + 2);
        let stop = i + 1;
        if (two === '//') {
            const newline = text.indexOf('\n', i);
            stop = newline < 0 ? text.length : newline;
        } else if (two === '/*') {
            const close = text.indexOf('*/', i + 2);
            stop = close < 0 ? text.length : close + 2;
        } else if (text[i] === '"' || text[i] === "'") {
            let j = i + 1;
            while (j < text.length && text[j] !== text[i] && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
            stop = Math.min(j + 1, text.length);
        } else {
            out.push(text[i]);
            i++;
            continue;
        }
        out.push(text.slice(i, stop).replace(/[^\n]/g, ' '));
        i = stop;
    }
    return out.join('');
}

interface Body {
    lines: LineIndex;
    /** Offset in the document where `masked` starts. */
    start: number;
    masked: string;
}

/** Line indexes of recently seen documents: fixes are built for many findings of one document per run. */
const recentIndexes: LineIndex[] = [];

function lineIndex(source: string): LineIndex {
    const known = recentIndexes.find(index => index.text === source);
    if (known) return known;
    const created = new LineIndex(source);
    recentIndexes.unshift(created);
    if (recentIndexes.length > 4) recentIndexes.pop();
    return created;
}

function body(text: TextSource, loc: SourceLocation): Body | undefined {
    const source = text(loc.uri);
    if (source === undefined) return undefined;
    const lines = lineIndex(source);
    const start = lines.offset(loc.range.start);
    const end = lines.offset(loc.range.end);
    return { lines, start, masked: blankCommentsAndStrings(source.slice(start, end)) };
}

/**
 * Matches of `pattern` inside an element whose range starts at its keyword (a component or a
 * nested block), at brace depth 1: directly among the element's own members.
 */
function memberMatches(text: TextSource, loc: SourceLocation, pattern: RegExp, nested = false): { b: Body; match: RegExpExecArray }[] {
    const b = body(text, loc);
    if (!b) return [];
    const flags = new Set([...pattern.flags, 'g', 'd']);
    const global = new RegExp(pattern.source, [...flags].join(''));
    const depths: number[] = [];
    let depth = 0;
    for (const ch of b.masked) {
        depths.push(depth);
        if (ch === '{') depth++;
        else if (ch === '}') depth--;
    }
    const found: { b: Body; match: RegExpExecArray }[] = [];
    for (let m = global.exec(b.masked); m; m = global.exec(b.masked)) {
        if (m[0].length === 0) global.lastIndex++;
        if (depths[m.index] === 1 || (nested && depths[m.index] > 1)) found.push({ b, match: m });
    }
    return found;
}

/** True when the element declares a member matching `pattern` (comments ignored); `nested` also looks inside its blocks. */
export function declaresMember(text: TextSource, loc: SourceLocation, pattern: RegExp, nested = false): boolean {
    return memberMatches(text, loc, pattern, nested).length > 0;
}

/**
 * Replaces the last member matching `pattern` (the declaration that wins) with `replacement`
 * (`$1`-style groups allowed); `nested` also looks inside the element's blocks (such as
 * `replication consensus { nodes 3 }`). Undefined when the element does not declare such a member.
 */
export function replaceMember(text: TextSource, loc: SourceLocation, pattern: RegExp, replacement: string, nested = false): TextEditModel | undefined {
    const all = memberMatches(text, loc, pattern, nested);
    const last = all[all.length - 1];
    if (!last) return undefined;
    const { b, match } = last;
    const from = b.start + match.index;
    // Groups are read from the document, not the masked copy, and expanded by hand: lookarounds in
    // `pattern` would not match again on the matched text alone.
    const group = (n: number) => {
        const span = match.indices?.[n];
        return span ? b.lines.text.slice(b.start + span[0], b.start + span[1]) : '';
    };
    return {
        uri: loc.uri,
        range: { start: b.lines.position(from), end: b.lines.position(from + match[0].length) },
        newText: replacement.replace(/\$(\d)/g, (_, n: string) => group(Number(n)))
    };
}

/**
 * Removes a member (e.g. a `stateful` flag): its whole line when it stands alone on it, otherwise
 * the word with its `;` and the spaces after it.
 */
export function removeMember(text: TextSource, loc: SourceLocation, word: string): TextEditModel | undefined {
    const alone = new RegExp(`\\n[ \\t]*${word}(?![\\w-])[ \\t]*;?[ \\t]*(?=\\r?\\n)`);
    const inline = new RegExp(`(?<=[{;\\s])${word}(?![\\w-])[ \\t]*;?[ \\t]*`);
    // `\n` before the word sits at depth 1 as well, so the line form is found by the same matcher.
    return replaceMember(text, loc, alone, '') ?? replaceMember(text, loc, inline, '');
}

/**
 * Location of a component's `replication single-leader` declaration: from `single-leader` to its
 * closing brace, or just the keyword when it has no braces. Undefined when the text does not
 * declare single-leader replication (for instance when it comes from the technology).
 */
export function singleLeaderBlock(text: TextSource, component: ComponentModel): SourceLocation | undefined {
    const found = memberMatches(text, component.loc, /\breplication\s+single-leader(?![\w-])/);
    const last = found[found.length - 1];
    if (!last) return undefined;
    const { b, match } = last;
    const keywordStart = match.index + match[0].length - 'single-leader'.length;
    let cursor = match.index + match[0].length;
    while (cursor < b.masked.length && /\s/.test(b.masked[cursor])) cursor++;
    let end = match.index + match[0].length;
    if (b.masked[cursor] === '{') {
        let depth = 0;
        for (let i = cursor; i < b.masked.length; i++) {
            if (b.masked[i] === '{') depth++;
            else if (b.masked[i] === '}' && --depth === 0) {
                end = i + 1;
                break;
            }
        }
        if (depth !== 0) return undefined;
    }
    return { uri: component.loc.uri, range: { start: b.lines.position(b.start + keywordStart), end: b.lines.position(b.start + end) } };
}

/**
 * An edit that puts `setting` into the component's single-leader replication: inside its braces,
 * opening braces after a bare `single-leader`, or as a new `replication single-leader { ... }` line
 * when the replication comes from the technology.
 */
export function addToSingleLeader(text: TextSource, fixer: Fixer, component: ComponentModel, setting: string): TextEditModel | undefined {
    const block = singleLeaderBlock(text, component);
    if (block) return fixer.addProperty(block, setting);
    return fixer.addProperty(component.loc, `replication single-leader { ${setting} }`);
}

/** The location of a relation's target reference (where its squiggle goes). */
export function relationTargetLoc(relation: { loc: SourceLocation; targetRange?: SourceLocation['range'] }): SourceLocation {
    return { uri: relation.loc.uri, range: relation.targetRange ?? relation.loc.range };
}

/** Relations into `id` whose source is a client outside our control (a browser, a partner system). */
export function fromExternalClients(model: ArchModel, id: string): RelationModel[] {
    return model.incoming(id).filter(r => {
        const source = model.component(r.source);
        return source?.kind === 'client' && source.props.external;
    });
}
