// What "Explain This" explains, read from what the editor already knows at the cursor: the links of
// sysd's hover there (the language server links a word's topic and the rules of its findings to the
// explain command, see `explainClientOptions`) and the diagnostics under the cursor. No `vscode`
// import (unit-tested in Node).

/** The command that opens a topic or rule page; hovers link to it. */
export const COMMAND_EXPLAIN = 'sysd.explain';

/** `topic:<id>` or `rule:<id>`, as "SysD: Explain..." takes it. */
export type ExplainArgument = `topic:${string}` | `rule:${string}`;

/** Every `command:sysd.explain?[...]` argument linked from `markdown`, in order. */
export function explainLinks(markdown: string): ExplainArgument[] {
    const found: ExplainArgument[] = [];
    const pattern = new RegExp(`\\]\\(command:${COMMAND_EXPLAIN.replace(/\./g, '\\.')}\\?([^\\s)]+)`, 'g');
    for (const match of markdown.matchAll(pattern)) {
        let args: unknown;
        try {
            args = JSON.parse(decodeURIComponent(match[1]));
        } catch {
            continue;
        }
        const first: unknown = Array.isArray(args) ? args[0] : args;
        if (typeof first === 'string' && /^(topic|rule):[a-z0-9]+(-[a-z0-9]+)*$/.test(first)) found.push(first as ExplainArgument);
    }
    return found;
}

/**
 * A diagnostic as far as this needs it. sysd's lint findings carry the rule id as their code with the
 * rule's page as its target (`{ value, target }`); syntax and reference errors have a plain code.
 */
export interface CursorDiagnostic {
    source?: string;
    code?: string | number | { value: string | number; target?: unknown };
}

/**
 * What to explain at the cursor, most specific first: the pattern of the word (the topic its hover
 * links), else the rule of a sysd finding under the cursor, else a rule the hover links (a component's
 * findings); undefined when there is nothing (the caller offers the list of every page).
 */
export function explainTarget(hovers: readonly string[], diagnostics: readonly CursorDiagnostic[], languageId: string): ExplainArgument | undefined {
    const links = hovers.flatMap(explainLinks);
    const topic = links.find(link => link.startsWith('topic:'));
    if (topic) return topic;
    for (const diagnostic of diagnostics) {
        if (diagnostic.source !== languageId) continue;
        const code = typeof diagnostic.code === 'object' && diagnostic.code.target !== undefined ? diagnostic.code.value : undefined;
        if (typeof code === 'string' && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(code)) return `rule:${code}`;
    }
    return links.find(link => link.startsWith('rule:'));
}
