import type { ApprovalQr } from '../../../common/contract/systems';

/**
 * A QR code drawn as one SVG path (made in main: src/node/systems/approval-qr.ts). Plain SVG elements
 * pass the strict CSP; dark modules on white whatever the theme, so a phone can always read it.
 */
export function QrCode({ qr, label }: { qr: ApprovalQr; label: string }) {
  return (
    <svg
      className="systems-qr__code"
      viewBox={`0 0 ${qr.size} ${qr.size}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
      data-testid="systems-qr"
      data-size={qr.size}
    >
      <rect width={qr.size} height={qr.size} fill="#ffffff" />
      <path d={qr.path} fill="#000000" />
    </svg>
  );
}
