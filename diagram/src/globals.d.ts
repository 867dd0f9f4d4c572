// Globals that every host of the diagram code has (Node 17+, browsers, Web Workers) but that the
// ES library files do not declare. The package's tsconfig loads neither the DOM nor Node's types,
// so that a browser- or Node-only API cannot slip in unnoticed; these are the exceptions.
declare function structuredClone<T>(value: T): T;
