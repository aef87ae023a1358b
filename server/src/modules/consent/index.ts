import { Router } from 'express';
import type { ReceiptKeysResponse } from '../../contracts/index.js';
import type { ConsentAuth, ConsentDeps } from './consent-deps.js';
import { consentRoutes } from './consents/consent-routes.js';
import { eventRoutes } from './events/event-routes.js';
import { loadOrCreateReceiptSigner, type ReceiptSigner } from './receipts/receipt-signer.js';
import { requestRoutes } from './requests/request-routes.js';

export type { ConsentAuth, ConsentDeps } from './consent-deps.js';
export { checkConsentReceipt, RECEIPT_IAT_SKEW_S } from './receipts/check-consent-receipt.js';
export type {
  CheckConsentReceiptOptions,
  CheckConsentReceiptResult,
  ExpectedReceipt,
} from './receipts/check-consent-receipt.js';
export { receiptSha256 } from './receipts/receipt-signer.js';
export type { ReceiptSigner } from './receipts/receipt-signer.js';

/** The consent module's routers, for the composition in app.ts. */
export interface ConsentModule {
  /** The resident's side (requests inbox, answers, consents, live events): mount under `/api`. */
  api: Router;
  /** Public, outside `/api`: `GET /receipt-keys`, the receipt key as a JWK Set. */
  public: Router;
  /** The vault's receipt key (consent countersignatures, deletion receipts). */
  receiptSigner: ReceiptSigner;
}

/**
 * Builds the consent module (issue 5, DESIGN §6): what a resident does with city services'
 * requests and the consents that answer them. Loads (or, on first start, creates) the vault's
 * receipt key, which countersigns every consent receipt.
 */
export function createConsentModule(deps: ConsentDeps, auth: ConsentAuth): ConsentModule {
  const { signer, created } = loadOrCreateReceiptSigner(
    deps.config.consent.receiptSignerKeyFile,
    deps.config.publicOrigin,
  );
  deps.logger.info(
    { kid: signer.publicJwk['kid'], created },
    created ? 'consent: new receipt key created' : 'consent: receipt key loaded',
  );
  const withSigner = { ...deps, receiptSigner: signer };
  const api = Router();
  api.use(requestRoutes(withSigner, auth));
  api.use(consentRoutes(withSigner, auth));
  api.use(eventRoutes(deps, auth));
  // Published so that anyone holding a receipt (a resident whose account is gone, a data
  // protection authority) can check it with a key they did not get from the receipt itself.
  const publicRouter = Router();
  publicRouter.get('/receipt-keys', (_req, res) => {
    const body: ReceiptKeysResponse = { keys: [{ ...signer.publicJwk }] };
    res.set('Cache-Control', 'public, max-age=300').json(body);
  });
  return { api, public: publicRouter, receiptSigner: signer };
}
