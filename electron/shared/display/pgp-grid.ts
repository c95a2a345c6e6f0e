/**
 * The PGP words of a fingerprint as a numbered grid a witness can read aloud and follow: four words per row
 * (one row = two hex groups of four digits), numbered 1–32 for a SHA-256. The same rows on both stations'
 * screens and in the ceremony record.
 */
export interface NumberedWord {
  /** 1-based position, as read aloud. */
  number: number;
  word: string;
}

export const PGP_GRID_COLUMNS = 4;

/** ["topmost", "Istanbul", …] → [[{1, topmost}, {2, Istanbul}, {3, …}, {4, …}], [{5, …}, …], …]. */
export function pgpWordRows(words: readonly string[], columns = PGP_GRID_COLUMNS): NumberedWord[][] {
  const rows: NumberedWord[][] = [];
  words.forEach((word, i) => {
    if (i % columns === 0) rows.push([]);
    rows[rows.length - 1]!.push({ number: i + 1, word });
  });
  return rows;
}
