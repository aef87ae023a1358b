import {
  fetchConsentReceipt,
  receiptFileBlob,
  receiptFileName,
} from '../../../lib/consent-receipt';
import { saveFile } from '../../../lib/save-file';

/**
 * `GET /api/consents/:id/receipt` (the receipt the resident signed, the vault's countersignature
 * and the key to check it), saved as a JSON file to keep. Resolves with the file's name.
 */
export async function downloadReceipt(consentId: string): Promise<string> {
  const file = receiptFileName(consentId);
  saveFile(receiptFileBlob(await fetchConsentReceipt(consentId)), file);
  return file;
}
