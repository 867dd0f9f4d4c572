import { checkOption } from './config.js';
import type { OptionValues, OptionsSchema, Rule, RuleDefinition } from './types.js';

/**
 * Declares a rule, in the spirit of typescript-eslint's `RuleCreator`: the keys of `meta.messages`
 * become the type of `report({ messageId })` and `meta.options` types `context.options`, so a wrong
 * message id or option name is a compile error. The returned rule reads the configured options
 * through its schema before `check` sees them, which is what makes the typed options true at run time.
 */
export function defineRule<S extends OptionsSchema, M extends string>(definition: RuleDefinition<S, M>): Rule<S, M> {
    const { meta } = definition;
    return {
        meta,
        check: context => definition.check({
            model: context.model,
            options: optionValues(meta.options, context.options),
            text: context.text,
            fixer: context.fixer,
            report: context.report
        })
    };
}

/**
 * The values of a schema's options: each configured value that fits its option, otherwise a copy
 * of the default (so a rule can never change the schema's default lists).
 */
export function optionValues<S extends OptionsSchema>(schema: S, configured: Readonly<Record<string, unknown>>): OptionValues<S> {
    const values: Record<string, unknown> = {};
    for (const [key, option] of Object.entries(schema)) {
        const value = configured[key];
        values[key] = value !== undefined && checkOption(schema, key, value) === undefined ? value : structuredClone(option.default);
    }
    // Every key of the schema now holds a value its option accepts: that is what OptionValues<S> says.
    return values as OptionValues<S>;
}
