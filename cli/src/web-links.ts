/**
 * Web addresses of sysd's pages, from package.json's `repository`. Pure (no file system), so that
 * scripts/gen-config-schema.mjs links the schema's rule descriptions exactly as the SARIF report does.
 */

/**
 * The web page of a package.json `repository`: `"owner/name"`, `"github:owner/name"`, a URL
 * (`git+https://github.com/o/n.git`, `git@github.com:o/n.git`) or `{ "url": ... }`. Undefined when
 * it names none that a browser can open.
 */
export function repositoryWebUrl(repository: unknown): string | undefined {
    const raw = typeof repository === 'string' ? repository
        : typeof repository === 'object' && repository !== null && typeof (repository as { url?: unknown }).url === 'string'
            ? (repository as { url: string }).url : undefined;
    if (raw === undefined) return undefined;
    const shorthand = /^(?:github:)?([A-Za-z0-9][\w.-]*)\/([\w.-]+)$/.exec(raw);
    if (shorthand) return `https://github.com/${shorthand[1]}/${shorthand[2].replace(/\.git$/, '')}`;
    const ssh = /^git@([\w.-]+):([\w.-]+)\/([\w.-]+?)(?:\.git)?$/.exec(raw);
    if (ssh) return `https://${ssh[1]}/${ssh[2]}/${ssh[3]}`;
    const url = /^(?:git\+)?(?:https?|git|ssh):\/\/(?:[^@/]+@)?([\w.-]+)(?::\d+)?\/(.+?)(?:\.git)?\/?$/.exec(raw);
    return url ? `https://${url[1]}/${url[2]}` : undefined;
}

/**
 * Where the rule pages are on the web: `docs/rules/` on the default branch of a GitHub repository
 * (`https://github.com/<owner>/<name>/blob/main/docs/rules/`); undefined for any other address,
 * whose layout is unknown.
 */
export function rulesBaseUrlOf(repositoryUrl: string | undefined): string | undefined {
    return repositoryUrl !== undefined && /^https:\/\/github\.com\/[^/]+\/[^/]+$/.test(repositoryUrl) ? `${repositoryUrl}/blob/main/docs/rules/` : undefined;
}

/**
 * The web address of a rule's page under `base`: `<base><id>.md`, or `base` with `{id}` replaced
 * when it has one (for sites that publish the pages under another name, e.g. `.../rules/{id}.html`).
 */
export function ruleWebUrl(base: string, ruleId: string): string {
    return base.includes('{id}') ? base.split('{id}').join(ruleId) : `${base.endsWith('/') ? base : `${base}/`}${ruleId}.md`;
}
