/** One entry of the knowledge base: a pattern or concept, compiled from `docs/topics/<id>.md`. */
export interface Topic {
    /** kebab-case, the file name of the page. */
    id: string;
    title: string;
    /** One line. */
    gist: string;
    /**
     * Words of the language that open this topic on hover. `word` applies everywhere; `word@Type`
     * applies only inside an AST node of that type (`hash@AlgorithmProp`) and wins over `word`.
     */
    keywords: string[];
    /** Ids of related topics. */
    related: string[];
    /** Ids of the lint rules that check this topic. */
    rules: string[];
    /**
     * The sections of the notes the topic is drawn from, cited as `001 › "## Heading" › "### Sub"`.
     * Readers see them through `formatSource` (sources.ts): the note's title and the section's heading.
     */
    seeds: string[];
    /** Markdown of the four body sections. */
    sections: TopicSections;
}

export interface TopicSections {
    howItWorks: string;
    whenToUse: string;
    tradeOffs: string;
    withoutIt: string;
}
