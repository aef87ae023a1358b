import { saveFile } from '../../lib/save-file';

/** Offers `value` as a pretty-printed JSON file named `name`. */
export function saveJsonFile(value: unknown, name: string): void {
  saveFile(new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' }), name);
}
