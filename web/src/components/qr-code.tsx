import qrcode from 'qrcode-generator';
import { useMemo } from 'react';

/**
 * A QR code as one SVG path (no inline styles: the CSP forbids them; sizes come from the
 * stylesheet). Alphanumeric mode fits a recovery code (upper-case letters, digits, hyphens).
 */
export function QrCode({ value, label, testId }: { value: string; label: string; testId: string }) {
  const { size, path } = useMemo(() => {
    const qr = qrcode(0, 'M');
    qr.addData(value, /^[0-9A-Z $%*+\-./:]*$/.test(value) ? 'Alphanumeric' : 'Byte');
    qr.make();
    const count = qr.getModuleCount();
    let d = '';
    for (let row = 0; row < count; row++) {
      for (let col = 0; col < count; col++) {
        if (qr.isDark(row, col)) d += `M${col + 4} ${row + 4}h1v1h-1z`;
      }
    }
    return { size: count + 8, path: d }; // a quiet zone of four modules (ISO/IEC 18004)
  }, [value]);
  return (
    <svg
      className="qr-code"
      data-testid={testId}
      role="img"
      aria-label={label}
      viewBox={`0 0 ${size} ${size}`}
      shapeRendering="crispEdges"
    >
      <rect width={size} height={size} className="qr-light" />
      <path d={path} className="qr-dark" />
    </svg>
  );
}
