/**
 * Words that agree with a number, for messages. One small syntax, used by rule message templates
 * (see `formatMessage` in `lint/engine.ts`) and by code that builds a sentence itself:
 *
 * - `{{count:instance|instances}}` is the singular form when `data.count` is 1 and the plural form
 *   otherwise (0, 2, 1.5...); the number itself is written by `{{count}}` next to it;
 * - a `#` in a form stands for the number, so `{{count:# instance|# instances}}` or
 *   `{{followers:its follower|all # followers}}` is a whole phrase.
 *
 * Verbs agree the same way: `{{idle}} of them {{idle:sits|sit}} idle`. A form may hold any text but
 * `{`, `}` and `|`.
 */

/** The form of `forms` (`"one|other"`) that agrees with `count`, with `#` replaced by the number. */
export function plural(count: number, forms: string): string {
    const bar = forms.indexOf('|');
    const one = bar < 0 ? forms : forms.slice(0, bar);
    const other = bar < 0 ? `${forms}s` : forms.slice(bar + 1);
    return (count === 1 ? one : other).replaceAll('#', String(count));
}

/** `{{name}}` or `{{name:one|other}}`. */
export const PLACEHOLDER = /\{\{\s*(\w+)\s*(?::([^{}|]*\|[^{}|]*))?\}\}/g;

/**
 * Fills the placeholders of a message template: `{{name}}` with `data.name`, `{{name:one|other}}`
 * with the form that agrees with the number `data.name`. A placeholder without data stays as written.
 */
export function fillTemplate(template: string, data: Readonly<Record<string, string | number>> | undefined): string {
    return template.replace(PLACEHOLDER, (whole, key: string, forms: string | undefined) => {
        if (!data || !(key in data)) return whole;
        const value = data[key];
        return forms === undefined ? String(value) : plural(Number(value), forms);
    });
}
