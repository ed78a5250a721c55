/**
 * A UTF-8 CSV of a given size for the benchmarks that need large files (filing-reads.ts,
 * crawler-sample.ts): Korean header names and values, a number column (so a crawler takes the
 * first row as the header), a quoted memo with a comma. Deterministic and streamed to disk in
 * blocks of about 1 MB, so a 1 GiB file costs no more memory than a small one.
 */
import { createWriteStream } from 'node:fs';

const HEADER = '학생번호,이름,학교명,주소,메모,등록일\n';
const NAMES = ['김민준', '이서연', '박지호', '최수아', '정예준', '강하은', '조도윤', '윤서준'];
const SCHOOLS = ['서울초등학교', '해운대중학교', '수성고등학교', '분당초등학교'];
const TOWNS = ['서울특별시 강남구', '부산광역시 해운대구', '대구광역시 수성구', '경기도 성남시'];
const MEMOS = ['특이사항 없음', '전학 예정, 서류 확인', '상담 요청', '결석 2회'];
const ROWS_PER_BLOCK = 10_000;

/** Row `n` of the file: every field picked from `n`, so the same `n` gives the same bytes. */
function row(n: number): string {
  const at = <T>(list: readonly T[], k: number): T => list[k % list.length]!;
  const day = String(1 + (n % 28)).padStart(2, '0');
  return `${100_000 + n},${at(NAMES, n)},${at(SCHOOLS, n >> 3)},${at(TOWNS, n >> 5)} ${n % 300}번길,"${at(MEMOS, n >> 7)}",2025-08-${day}\n`;
}

/**
 * Writes whole rows until the file holds at least `bytes` bytes (it ends on a line break, so
 * it is at most one row longer); returns its size.
 */
export async function writeUtf8Csv(path: string, bytes: number): Promise<number> {
  const out = createWriteStream(path);
  const done = new Promise<void>((resolve, reject) => {
    out.once('finish', resolve);
    out.once('error', reject);
  });
  let written = 0;
  let n = 0;
  let pending = HEADER;
  let pendingBytes = Buffer.byteLength(HEADER);
  while (written < bytes) {
    for (let i = 0; i < ROWS_PER_BLOCK && written + pendingBytes < bytes; i++) {
      const line = row(n++);
      pending += line;
      pendingBytes += Buffer.byteLength(line);
    }
    const block = Buffer.from(pending, 'utf8');
    pending = '';
    pendingBytes = 0;
    written += block.length;
    if (!out.write(block)) await new Promise<void>((resolve) => out.once('drain', resolve));
  }
  out.end();
  await done;
  return written;
}
