/** The Node DuckDB lives with the build scripts (scripts/first-paint.ts runs the app's queries ahead of time). */
export { createNodeDuckDB, type NodeDuckDB } from '../../scripts/duckdb-node.ts';
