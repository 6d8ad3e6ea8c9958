/** The import graph of the non-test TypeScript under `dirs`: file -> the files it imports (absolute paths). */
export function importGraph(dirs: string[]): Map<string, Set<string>>;
/** The circles of `graph`: each a sorted list of the files of one strongly connected component. */
export function importCircles(graph: Map<string, Set<string>>): string[][];
