import type { z } from 'zod';
import { httpErrors } from './errors.js';

/**
 * Parses untrusted input with a zod schema at the edge (STYLE §7). The error names the fields that
 * are wrong and why, never echoes the values.
 */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = result.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
    .join('; ');
  throw httpErrors.validation(`The request is not valid (${fields}).`);
}
