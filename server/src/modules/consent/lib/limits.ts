/** The most requests `GET /api/requests` lists (newest first). */
export const MAX_LISTED_REQUESTS = 200;
/** The most consents `GET /api/consents` lists (newest first). */
export const MAX_LISTED_CONSENTS = 200;
/**
 * How many of a resident's grants are read to find the consent that answered each request (the
 * storage port has no lookup by request): far more than any resident makes.
 */
export const MAX_GRANTS_SCANNED = 1000;
