/** How long the `blob:` URL stays valid (the browser reads it when the save starts). */
const REVOKE_AFTER_MS = 60_000;

/** Offers `value` as a pretty-printed JSON file named `name` (an `<a download>` click). */
export function saveJsonFile(value: unknown, name: string): void {
  const blob = new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' });
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
