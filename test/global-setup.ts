// Starts embedded Postgres + S3 for integration tests (filled in by the foundation).
// DESK_TEST_NO_SERVICES=1 skips it for pure unit runs.
export default async function setup(): Promise<void> {}
