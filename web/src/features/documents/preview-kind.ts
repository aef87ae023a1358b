/**
 * What the page may show in place, by MIME type: a short list, because a `blob:` URL has the
 * page's own origin. Raster images go in an `<img>` (which never runs scripts); PDFs in an
 * `<iframe>`, where the browser's PDF viewer renders them. Anything else (HTML, SVG, text…) is
 * only offered for download.
 */
export type PreviewKind = 'image' | 'pdf' | null;

const IMAGE_TYPES = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/bmp',
]);

/** The preview for a MIME type, or null for none. */
export function previewKind(type: string): PreviewKind {
  const normal = type.trim().toLowerCase();
  if (IMAGE_TYPES.has(normal)) return 'image';
  if (normal === 'application/pdf') return 'pdf';
  return null;
}

/** The exact type a preview Blob gets, whatever the metadata said. */
export function previewBlobType(kind: Exclude<PreviewKind, null>, type: string): string {
  return kind === 'pdf' ? 'application/pdf' : type.trim().toLowerCase();
}
