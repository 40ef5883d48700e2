/** The host on the first-start demo database (20,000 interventions). */
export const port = Number(process.env.CC_E2E_PORT ?? 4399);
/** A second host on a 1,000,000-intervention database, for the tests about scale. */
export const bigPort = port - 1;
