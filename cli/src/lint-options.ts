/**
 * The options that choose which lint configuration applies (`--rule`, `--config`), shared by
 * `sysd check` and `sysd export` so a diagram's badges and a page's findings match the check.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfigFile, parseRuleFlag, ruleCatalog, type LintConfig, type RuleSetting } from '@sysd/language';
import { UsageError, type OptionSpec, type ParsedArgs, single } from './args.js';
import { describeFsError } from './files.js';

export const LINT_OPTIONS: OptionSpec[] = [
    { name: 'rule', value: true, repeatable: true },
    { name: 'config', alias: 'c', value: true }
];

export const LINT_OPTIONS_HELP = `  --rule <id>=<severity>        set a rule's severity: off, hint, info, warning or error;
                                repeat for several rules; wins over configuration files
  -c, --config <path>           use this configuration file instead of the nearest
                                sysd.config.json / .sysdrc.json above each file
`;

export interface LintSelection {
    rules: Record<string, RuleSetting>;
    configFile?: { path: string; config: LintConfig };
}

/**
 * Reads `--rule` and `--config`. Malformed flags throw a UsageError; a configuration file that
 * cannot be read or parsed is returned as `error` (a message without the `sysd: error:` prefix).
 * The configuration file is read here, once: the analysis uses what was read.
 */
export function readLintSelection(args: ParsedArgs, cwd: string): LintSelection | { error: string } {
    const rules = parseRules(args);
    const configPath = single(args, 'config');
    if (configPath === undefined) return { rules };
    if (configPath === '') throw new UsageError(`Option '--config' needs a path.`);
    const absolute = path.resolve(cwd, configPath);
    let stat: fs.Stats;
    try {
        stat = fs.statSync(absolute);
    } catch (error) {
        return { error: `the configuration file ${configPath} ${describeFsError(error)}` };
    }
    if (!stat.isFile()) return { error: `the configuration file ${configPath} is not a regular file` };
    const loaded = loadConfigFile(absolute);
    if (loaded.error || !loaded.config) {
        return { error: loaded.error ? loaded.error.split(absolute).join(configPath) : `${configPath} cannot be used as a configuration file` };
    }
    return { rules, configFile: { path: absolute, config: loaded.config } };
}

function parseRules(args: ParsedArgs): Record<string, RuleSetting> {
    const known = new Set(ruleCatalog().map(rule => rule.id));
    const rules: Record<string, RuleSetting> = {};
    for (const value of args.options.get('rule') ?? []) {
        const parsed = parseRuleFlag(value);
        if (!parsed) {
            throw new UsageError(`--rule needs id=severity with severity off, hint, info, warning or error (got '${value}').`);
        }
        if (!known.has(parsed.id)) {
            throw new UsageError(`Unknown rule '${parsed.id}' in --rule. Run 'sysd rules' to list the rules.`);
        }
        rules[parsed.id] = parsed.setting;
    }
    return rules;
}
