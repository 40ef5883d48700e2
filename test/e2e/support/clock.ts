/*
 * The instant the e2e hosts' clock starts at (CC_CLOCK): the demo data is made relative to it,
 * so what the grid shows is the same whatever day the suite runs. Noon UTC keeps it the same
 * calendar day in every time zone from UTC-11 to UTC+11.
 */
export const TEST_CLOCK = '2026-11-16T12:00:00Z';
/** The hosts' "today" (the app's clock runs on from TEST_CLOCK for the few minutes of a run). */
export const TEST_DAY = TEST_CLOCK.slice(0, 10);
/** Epoch ms of TEST_CLOCK plus some days, for planned dates relative to the hosts' today. */
export const testTime = (days = 0, hours = 0): number => Date.parse(TEST_CLOCK) + days * 86_400_000 + hours * 3_600_000;
/** The environment a test host runs with: this process's, its clock started at TEST_CLOCK. */
export const hostEnv = (): Record<string, string> => ({ ...(process.env as Record<string, string>), CC_CLOCK: TEST_CLOCK });
