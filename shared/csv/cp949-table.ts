import iconv from 'iconv-lite';

/** Lead bytes of CP949's two-byte characters (0xFE leads none that are assigned). */
export const CP949_FIRST_LEAD = 0x81;
export const CP949_LAST_LEAD = 0xfd;
const FIRST_TRAIL = 0x41;
const LAST_TRAIL = 0xfe;

let table: Uint32Array | undefined;

/**
 * CP949's two-byte characters as their UTF-8 bytes, indexed by `lead << 8 | trail`: the bytes
 * in the low three octets (first byte lowest), their count in the top one; 0 where the pair is
 * not a character. Every CP949 character is in the BMP, so 2 or 3 bytes; ready-made bytes save
 * the decoder computing them per character. Built once, from iconv-lite's table, so it maps
 * exactly what the project accepted before (and what glibc's `iconv -f CP949` maps: checked
 * on every pair). Node's TextDecoder('euc-kr') cannot stand in: its ICU converter is plain
 * EUC-KR and reads the 8,822 Hangul syllables CP949 adds (똠, 갂, 쌰…) as a C1 control plus
 * a letter, silently.
 */
export function cp949Utf8Table(): Uint32Array {
  if (table) return table;
  const built = new Uint32Array(0x10000);
  for (let lead = CP949_FIRST_LEAD; lead <= CP949_LAST_LEAD; lead++) {
    const row = decodeRow(lead) ?? decodeRowPairByPair(lead);
    row.forEach((text, column) => {
      // One character, not iconv-lite's U+FFFD replacement (CP949 has no U+FFFD of its own).
      if (text.length === 1 && text !== '\uFFFD') {
        built[(lead << 8) | (FIRST_TRAIL + column)] = packUtf8(text);
      }
    });
  }
  table = built;
  return built;
}

function packUtf8(character: string): number {
  const bytes = Buffer.from(character, 'utf8');
  return (bytes[0]! | (bytes[1]! << 8) | ((bytes[2] ?? 0) << 16) | (bytes.length << 24)) >>> 0;
}

const ROW_LENGTH = LAST_TRAIL - FIRST_TRAIL + 1;

/**
 * A lead's whole row in one decode (a hundred calls, not 24,000): each pair followed by a line
 * feed, which no CP949 pair contains, so the text splits back into one piece per pair.
 * Undefined if an unassigned pair ever swallowed its line feed.
 */
function decodeRow(lead: number): string[] | undefined {
  const bytes = Buffer.alloc(ROW_LENGTH * 3);
  for (let column = 0; column < ROW_LENGTH; column++) {
    bytes[column * 3] = lead;
    bytes[column * 3 + 1] = FIRST_TRAIL + column;
    bytes[column * 3 + 2] = 0x0a;
  }
  const pieces = iconv.decode(bytes, 'cp949', { stripBOM: false }).split('\n');
  return pieces.length === ROW_LENGTH + 1 ? pieces.slice(0, ROW_LENGTH) : undefined;
}

function decodeRowPairByPair(lead: number): string[] {
  return Array.from({ length: ROW_LENGTH }, (_, column) =>
    iconv.decode(Buffer.from([lead, FIRST_TRAIL + column]), 'cp949', { stripBOM: false }),
  );
}
