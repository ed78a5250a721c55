import { LoadScanner, type LoadScanSettings } from '../../shared/mysql/load-scanner.js';
import type { ScanOutcome } from './three-pass-scan.js';

/** Feeds pieces through one LoadScanner as CountingStream does; what it passed and counted. */
export function onePassScan(pieces: readonly Buffer[], settings: LoadScanSettings): ScanOutcome {
  const scanner = new LoadScanner(settings);
  const kept: Buffer[] = [];
  let consumed = 0;
  let cut = false;
  for (const piece of pieces) {
    const taken = scanner.take(piece);
    const part = piece.subarray(0, taken.length);
    consumed += part.length;
    const dropped = new Set(taken.dropped);
    kept.push(Buffer.from(part.filter((_, j) => !dropped.has(j))));
    if (taken.cut) {
      cut = true;
      break;
    }
  }
  const { scan, longest } = scanner.finish();
  return {
    kept: Buffer.concat(kept),
    consumed,
    cut,
    nextLine: scanner.nextLine(),
    headerFields: scan.headerFields,
    records: scan.records,
    fieldCounts: scan.fieldCounts,
    unclosedQuoteLine: scan.unclosedQuoteLine,
    longest,
  };
}

/** The bytes of `text` in pieces of `step` bytes (multibyte characters cut where they fall). */
export function piecesOf(text: string, step: number): Buffer[] {
  const bytes = Buffer.from(text, 'utf8');
  return Array.from({ length: Math.ceil(bytes.length / step) }, (_, i) =>
    bytes.subarray(i * step, i * step + step),
  );
}
