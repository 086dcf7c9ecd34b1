// Single-page app: DuckDB and MapLibre only run in the browser.
export const ssr = false;
export const prerender = false;
