import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ruleCatalog, type Severity } from '@sysd/language';
import { packageInfo, rulePage, ruleWebUrl } from '../package-info.js';
import { inertJson } from './inert.js';
import type { CliDiagnostic, FileReport, ProblemKind, Range } from '../workspace.js';

/** Driver rules for problems that are not lint findings. */
const BUILTIN_RULES: readonly { kind: Exclude<ProblemKind, 'lint'>; id: string; name: string; short: string; full: string }[] = [
    {
        kind: 'syntax', id: 'sysd-syntax', name: 'SysdSyntax',
        short: 'The file does not follow the .sysd grammar.',
        full: 'The parser could not read part of the file: a keyword, name, value or brace is missing or out of place. The rest of the file is still checked as far as it can be read.'
    },
    {
        kind: 'reference', id: 'sysd-reference', name: 'SysdReference',
        short: 'A name does not refer to any declared element.',
        full: 'A relation, placement or block names an element that is not declared in this file, in the files it imports, or anywhere else in the checked workspace.'
    },
    {
        kind: 'model', id: 'sysd-model', name: 'SysdModel',
        short: 'The architecture described is inconsistent.',
        full: 'The file parses and links, but what it states cannot hold together: for example a name declared twice, a value out of range, or an import that cannot be used.'
    }
];

type SarifLevel = 'error' | 'warning' | 'note';

function level(severity: Severity): SarifLevel {
    return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

function pascalCase(id: string): string {
    return id.split(/[^A-Za-z0-9]+/).filter(Boolean).map(part => part[0].toUpperCase() + part.slice(1)).join('');
}

/**
 * The whole "What it detects" section of a rule's page (up to the next heading) as text: each
 * paragraph on one line, each list item on its own line, blocks separated by a blank line. The
 * section often introduces its conditions with a colon and lists them, so its first paragraph alone
 * would stop at "...where:". Undefined when the page has no such section.
 */
export function detectsSection(page: string | undefined): string | undefined {
    if (!page) return undefined;
    const lines = page.split(/\r?\n/);
    const start = lines.findIndex(line => /^##\s+What it detects\s*$/.test(line));
    if (start < 0) return undefined;
    const blocks: string[][] = [];
    let block: string[] = [];
    const flush = () => {
        if (block.length > 0) blocks.push(block);
        block = [];
    };
    let fence = false;
    for (const line of lines.slice(start + 1)) {
        const isFence = /^\s*(```|~~~)/.test(line);
        if (!fence && !isFence && /^#{1,2}\s/.test(line)) break;
        if (fence || isFence) {
            // A code block is kept as written, and is a block of its own.
            if (isFence && !fence) flush();
            block.push(line);
            if (isFence) fence = !fence;
            if (!fence) flush();
        } else if (line.trim() === '') {
            flush();
        } else if (block.length === 0 || /^\s*([-*+]|\d+[.)])\s/.test(line)) {
            block.push(line.trim());
        } else {
            block[block.length - 1] += ` ${line.trim()}`;
        }
    }
    flush();
    const text = blocks.map(lines => lines.join('\n')).join('\n\n').trim();
    return text || undefined;
}

/** Relative links of a rule page (`[x](other-rule.md)`, `../topics/y.md#z`) made absolute against the page's web address. */
function absoluteLinks(markdown: string, pageUrl: string): string {
    return markdown.replace(/\]\((?![a-z][a-z0-9+.-]*:|#|\/)([^)\s]+)\)/gi, (whole, target: string) => {
        try {
            return `](${new URL(target, pageUrl).href})`;
        } catch {
            return whole;
        }
    });
}

/** A location's URI: relative to the working folder (with `%SRCROOT%`) when the file is below it. */
function artifactLocation(cwd: string, absolute: string): { uri: string; uriBaseId?: string } {
    const relative = path.relative(cwd, absolute);
    if (relative && !relative.startsWith('..') && !path.isAbsolute(relative)) {
        return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
    }
    return { uri: pathToFileURL(absolute).href };
}

/** SARIF regions are 1-based; the end column points just past the last character. */
function region(range: Range) {
    return {
        startLine: range.start.line + 1,
        startColumn: range.start.character + 1,
        endLine: range.end.line + 1,
        endColumn: range.end.character + 1
    };
}

export interface SarifInput {
    files: readonly FileReport[];
    cwd: string;
    /** I/O problems and configuration problems, reported as tool notifications. */
    ioProblems: readonly string[];
    configProblems: readonly string[];
    /** Configuration files that cannot be used at all (notifications at level error). */
    configErrors?: readonly string[];
    /**
     * Where the rule pages are on the web (see `ruleWebUrl`): each rule's `helpUri`, and the base of
     * the relative links in its help. Undefined: no `helpUri` (never a path of this machine).
     */
    rulesBaseUrl: string | undefined;
}

/**
 * SARIF 2.1.0 with one run, as GitHub code scanning reads it: every rule in the driver (with help
 * from its page), one result per diagnostic with `ruleId`/`ruleIndex`, a physical location relative
 * to `%SRCROOT%` (the working folder) and related locations.
 */
function buildSarif(input: SarifInput): object {
    const info = packageInfo();
    const rules: object[] = [];
    const indexById = new Map<string, number>();
    for (const { id, description, defaultSeverity, type } of ruleCatalog()) {
        const page = rulePage(id);
        const helpUri = page !== undefined && input.rulesBaseUrl !== undefined ? ruleWebUrl(input.rulesBaseUrl, id) : undefined;
        const help = page === undefined ? description : helpUri !== undefined ? absoluteLinks(page, helpUri) : page;
        indexById.set(id, rules.length);
        rules.push({
            id,
            name: pascalCase(id),
            shortDescription: { text: description },
            fullDescription: { text: detectsSection(page) ?? description },
            ...(helpUri !== undefined ? { helpUri } : {}),
            help: { text: help, markdown: help },
            // A rule that is off by default is listed disabled, at the level it reports when turned on.
            defaultConfiguration: defaultSeverity === 'off' ? { enabled: false, level: 'note' } : { level: level(defaultSeverity) },
            properties: { tags: ['sysd', 'architecture', type], precision: 'high', 'problem.severity': severityTag(defaultSeverity === 'off' ? 'info' : defaultSeverity) }
        });
    }
    const builtinIndex = new Map<ProblemKind, number>();
    for (const builtin of BUILTIN_RULES) {
        builtinIndex.set(builtin.kind, rules.length);
        indexById.set(builtin.id, rules.length);
        rules.push({
            id: builtin.id,
            name: builtin.name,
            shortDescription: { text: builtin.short },
            fullDescription: { text: builtin.full },
            help: { text: builtin.full, markdown: builtin.full },
            defaultConfiguration: { level: 'error' },
            properties: { tags: ['sysd', builtin.kind], precision: 'very-high', 'problem.severity': 'error' }
        });
    }

    const results: object[] = [];
    for (const file of input.files) {
        for (const d of file.diagnostics) {
            const { ruleId, ruleIndex } = resultRule(d, indexById, builtinIndex);
            results.push({
                ruleId,
                ruleIndex,
                level: level(d.severity),
                message: { text: d.message },
                // SARIF's own `message.id` must name one of the rule's `messageStrings`, which would
                // need the message's arguments; the property bag carries the rule's message id as is.
                ...(d.messageId !== null ? { properties: { messageId: d.messageId } } : {}),
                locations: [{ physicalLocation: { artifactLocation: artifactLocation(input.cwd, file.absolute), region: region(d.range) } }],
                ...(d.related.length > 0 ? {
                    relatedLocations: d.related.map((related, i) => ({
                        id: i + 1,
                        physicalLocation: { artifactLocation: artifactLocation(input.cwd, related.file), region: region(related.range) },
                        message: { text: related.message }
                    }))
                } : {})
            });
        }
    }

    const notifications = [
        ...input.ioProblems.map(text => ({ level: 'error', message: { text } })),
        ...(input.configErrors ?? []).map(text => ({ level: 'error', message: { text } })),
        ...input.configProblems.map(text => ({ level: 'warning', message: { text } }))
    ];
    return {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [{
            tool: {
                driver: {
                    name: 'sysd',
                    version: info.version,
                    semanticVersion: info.version,
                    ...(info.informationUri !== undefined ? { informationUri: info.informationUri } : {}),
                    rules
                }
            },
            originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(input.cwd.endsWith(path.sep) ? input.cwd : input.cwd + path.sep).href } },
            columnKind: 'utf16CodeUnits',
            invocations: [{
                executionSuccessful: input.ioProblems.length === 0,
                ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {})
            }],
            results
        }]
    };
}

function resultRule(d: CliDiagnostic, indexById: Map<string, number>, builtinIndex: Map<ProblemKind, number>): { ruleId: string; ruleIndex: number } {
    if (d.rule !== null && indexById.has(d.rule)) return { ruleId: d.rule, ruleIndex: indexById.get(d.rule)! };
    const kind = d.kind === 'lint' ? 'model' : d.kind;
    const index = builtinIndex.get(kind)!;
    return { ruleId: BUILTIN_RULES.find(rule => rule.kind === kind)!.id, ruleIndex: index };
}

function severityTag(severity: Severity): string {
    return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'recommendation';
}

export function formatSarif(input: SarifInput): string {
    return `${inertJson(JSON.stringify(buildSarif(input), null, 2))}\n`;
}
