/** How long a `blob:` URL stays valid (the browser reads it when the save starts). */
const REVOKE_AFTER_MS = 60_000;

/** Offers a Blob (a decrypted document, an export) as a download named `name` (an `<a download>` click). */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
