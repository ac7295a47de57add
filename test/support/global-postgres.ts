import { type PostgresServer, postgresBinDir, startPostgres } from "./postgres";

/**
 * One throwaway PostgreSQL server for the whole test run: every test file creates its databases in
 * it (through ITFM_TEST_DATABASE_URL, which the workers inherit) instead of starting a cluster of its
 * own. A server given by the caller's ITFM_TEST_DATABASE_URL is used as it is.
 */
let server: PostgresServer | undefined;

export async function setup(): Promise<void> {
  if (process.env.ITFM_TEST_DATABASE_URL || postgresBinDir() === null) return;
  server = await startPostgres();
  process.env.ITFM_TEST_DATABASE_URL = server.adminUrl;
}

export async function teardown(): Promise<void> {
  await server?.stop();
  server = undefined;
}
