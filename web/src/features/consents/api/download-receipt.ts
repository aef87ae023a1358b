import { apiGet } from '../../../lib/api';
import type { ConsentReceiptResponse } from '../../../lib/consent-types';
import { saveFile } from '../../../lib/save-file';

/**
 * `GET /api/consents/:id/receipt` (the receipt the resident signed, the vault's countersignature
 * and the key to check it), saved as a JSON file to keep. Resolves with the file's name.
 */
export async function downloadReceipt(consentId: string): Promise<string> {
  const receipt = await apiGet<ConsentReceiptResponse>(
    `/api/consents/${encodeURIComponent(consentId)}/receipt`,
  );
  const file = `consent-receipt-${consentId}.json`;
  saveFile(new Blob([`${JSON.stringify(receipt, null, 2)}\n`], { type: 'application/json' }), file);
  return file;
}
