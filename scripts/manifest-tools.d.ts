// Types of manifest-tools.js for the TypeScript that uses it (the service and the tests).

/** The base URL of the development manifest (manifest.xml at the root of the repository). */
export const DEV_BASE_URL: string;
export const XMLLINT_MISSING: string;
export function defaultSchemaDir(): string;
/** An https origin with an optional path and no trailing slash; throws on anything else. */
export function normaliseBaseUrl(baseUrl: string): string;
export function withBaseUrl(xml: string, baseUrl: string, from?: string): string;
export function manifestBaseUrl(xml: string): string | undefined;
export function checkManifest(xml: string, options?: { schemaDir?: string }): string[];
