import { describe, expect, it } from 'vitest';
import { previewBlobType, previewKind } from './preview-kind';

describe('previewKind', () => {
  it('previews raster images and PDFs only', () => {
    expect(previewKind('image/png')).toBe('image');
    expect(previewKind('IMAGE/JPEG')).toBe('image');
    expect(previewKind('application/pdf')).toBe('pdf');
  });

  it('never previews what could run script in the page origin', () => {
    for (const type of ['text/html', 'image/svg+xml', 'application/xhtml+xml', 'text/xml', '']) {
      expect(previewKind(type), type).toBeNull();
    }
  });

  it('gives PDFs exactly application/pdf', () => {
    expect(previewBlobType('pdf', 'Application/PDF')).toBe('application/pdf');
    expect(previewBlobType('image', 'Image/PNG')).toBe('image/png');
  });
});
