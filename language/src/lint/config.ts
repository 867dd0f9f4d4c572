import type { OptionsSchema, Rule, SeverityOrOff } from './types.js';

/** How a rule is configured: a severity, or `[severity, { options }]` as in ESLint. */
export type RuleSetting = SeverityOrOff | [SeverityOrOff] | [SeverityOrOff, Record<string, unknown>];

/** The shape of `sysd.config.json`, `.sysdrc.json` and of the `sysd.rules` setting (as `rules`). */
export interface LintConfig {
    rules?: Record<string, RuleSetting>;
}

export interface ResolvedRule {
    severity: SeverityOrOff;
    options: Record<string, unknown>;
}

export type ResolvedConfig = Map<string, ResolvedRule>;

const SEVERITIES: readonly string[] = ['off', 'hint', 'info', 'warning', 'error'];

/** A problem in a configuration (unknown rule, bad severity, wrong option type). */
export interface ConfigProblem {
    source: string;
    message: string;
}

/**
 * Applies configuration layers, least specific first, over each rule's defaults. Invalid entries
 * are reported and skipped; a rule's options are merged key by key over its defaults.
 */
export function resolveConfig(rules: readonly Rule[], layers: { source: string; config: LintConfig | undefined }[], problems: ConfigProblem[] = []): ResolvedConfig {
    const byId = new Map(rules.map(rule => [rule.meta.id, rule] as const));
    const resolved: ResolvedConfig = new Map();
    for (const rule of rules) {
        resolved.set(rule.meta.id, { severity: rule.meta.defaultSeverity, options: defaultOptions(rule.meta.options) });
    }
    for (const { source, config } of layers) {
        if (!config?.rules) continue;
        if (typeof config.rules !== 'object' || Array.isArray(config.rules)) {
            problems.push({ source, message: '"rules" must be an object mapping rule ids to severities.' });
            continue;
        }
        for (const [id, setting] of Object.entries(config.rules)) {
            const rule = byId.get(id);
            if (!rule) {
                problems.push({ source, message: `Unknown rule '${id}'. Run 'sysd rules' to list the rules.` });
                continue;
            }
            const [severity, options] = Array.isArray(setting) ? setting : [setting, undefined];
            if (typeof severity !== 'string' || !SEVERITIES.includes(severity)) {
                problems.push({ source, message: `Rule '${id}': severity must be one of ${SEVERITIES.join(', ')}, not ${JSON.stringify(severity)}.` });
                continue;
            }
            const current = resolved.get(id)!;
            const merged = { ...current.options };
            if (options !== undefined) {
                if (typeof options !== 'object' || options === null || Array.isArray(options)) {
                    problems.push({ source, message: `Rule '${id}': options must be an object.` });
                } else {
                    for (const [key, value] of Object.entries(options)) {
                        const error = checkOption(rule.meta.options, key, value);
                        if (error) problems.push({ source, message: `Rule '${id}': ${error}` });
                        else merged[key] = value;
                    }
                }
            }
            resolved.set(id, { severity, options: merged });
        }
    }
    return resolved;
}

export function defaultOptions(schema: OptionsSchema): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (const [key, option] of Object.entries(schema)) result[key] = structuredClone(option.default);
    return result;
}

/** Why `value` does not fit the option `key` of `schema`, or undefined when it does. */
export function checkOption(schema: OptionsSchema, key: string, value: unknown): string | undefined {
    const option = schema[key];
    if (!option) {
        const known = Object.keys(schema);
        return `unknown option '${key}'${known.length ? ` (known: ${known.join(', ')})` : ' (the rule has no options)'}.`;
    }
    switch (option.type) {
        case 'number':
            if (typeof value !== 'number' || Number.isNaN(value)) return `option '${key}' must be a number.`;
            if (option.minimum !== undefined && value < option.minimum) return `option '${key}' must be at least ${option.minimum}.`;
            if (option.maximum !== undefined && value > option.maximum) return `option '${key}' must be at most ${option.maximum}.`;
            return undefined;
        case 'boolean':
            return typeof value === 'boolean' ? undefined : `option '${key}' must be true or false.`;
        case 'string':
            if (typeof value !== 'string') return `option '${key}' must be a string.`;
            if (option.enum && !option.enum.includes(value)) return `option '${key}' must be one of ${option.enum.join(', ')}.`;
            return undefined;
        case 'string[]':
            return Array.isArray(value) && value.every(v => typeof v === 'string') ? undefined : `option '${key}' must be a list of strings.`;
    }
}

/** Parses `id=severity` (the CLI's `--rule`) into a config layer. */
export function parseRuleFlag(flag: string): { id: string; setting: RuleSetting } | undefined {
    const match = /^([a-z0-9-]+)=(off|hint|info|warning|error)$/.exec(flag.trim());
    return match ? { id: match[1], setting: match[2] as SeverityOrOff } : undefined;
}
