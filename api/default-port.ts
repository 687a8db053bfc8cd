/** The default port of `gazette serve`: its own module, so that the CLI's help does not load the server. */
export const DEFAULT_PORT = 8080;
