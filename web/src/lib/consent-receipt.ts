import { apiGet } from './api';
import type { ConsentReceiptResponse } from './consent-types';

/**
 * `GET /api/consents/:id/receipt`: the receipt the resident signed, the vault's countersignature
 * and the key to check it. Shared by the consents page and "Export everything" (Settings), so that
 * both keep the same file.
 */
export function fetchConsentReceipt(consentId: string): Promise<ConsentReceiptResponse> {
  return apiGet<ConsentReceiptResponse>(`/api/consents/${encodeURIComponent(consentId)}/receipt`);
}

/** The receipt's file name, as the resident keeps it. */
export function receiptFileName(consentId: string): string {
  return `consent-receipt-${consentId}.json`;
}

/** The receipt as the file's bytes: pretty-printed JSON with a final newline. */
export function receiptFileBlob(receipt: ConsentReceiptResponse): Blob {
  return new Blob([`${JSON.stringify(receipt, null, 2)}\n`], { type: 'application/json' });
}
