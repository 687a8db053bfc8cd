/** The port `gazette serve` listens on by default. */
export const DEFAULT_PORT = 8080;
