import type { DocumentCategory } from '../api-types';
import type { MessageKey } from '../messages.en';

/**
 * The fixed document taxonomy, in the order the page lists it. The contracts export the same
 * list as a value, but web/ imports only types from there (values would pull zod into the
 * bundle); the checks below make a drift between the two a type error.
 */
export const CATEGORIES = [
  'identity',
  'residence',
  'family',
  'tax',
  'health',
  'education',
  'work',
  'vehicles',
  'housing',
  'other',
] as const satisfies readonly DocumentCategory[];

type Missing = Exclude<DocumentCategory, (typeof CATEGORIES)[number]>;
/** Fails to compile when the contracts gain a category this list lacks. */
export const allCategoriesListed: [Missing] extends [never] ? true : Missing = true;

/** True for one of the taxonomy's categories. */
export function isCategory(value: string): value is DocumentCategory {
  return (CATEGORIES as readonly string[]).includes(value);
}

/** The message that names a category in the resident's language. */
export function categoryMessageKey(category: DocumentCategory): MessageKey {
  return `category.${category}`;
}
