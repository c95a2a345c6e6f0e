/**
 * Splits text into runs that one font file can draw: the fonts are split by script (Latin, Latin
 * Extended, Cyrillic, Greek, CJK slices…), so "Łukasz Dvořák 李雷" needs several files. Pure.
 */
import type { FontFace, FontRole, FontWeight } from './font-files';

export interface TextRun {
  face: FontFace;
  text: string;
}

const covers = (face: FontFace, cp: number) => face.ranges.some(([a, b]) => cp >= a && cp <= b);
const MARK = /\p{M}/u;

/**
 * Runs of `text` (NFC-normalised) for a role and weight. A character stays in the current run's face when
 * that face covers it (spaces, digits and marks do not break a run), else takes the first face that
 * does: the role's faces first (mono for hashes), then the text faces; a face of the weight asked, else
 * the family's regular. A character no face covers is drawn with the first face (as a missing glyph).
 */
export function textRuns(text: string, faces: FontFace[], role: FontRole, weight: FontWeight): TextRun[] {
  const ordered = [
    ...faces.filter((f) => f.role === role && f.weight === weight),
    ...faces.filter((f) => f.role === role && f.weight !== weight),
    ...faces.filter((f) => f.role !== role && f.role === 'text' && f.weight === weight),
    ...faces.filter((f) => f.role !== role && f.role === 'text' && f.weight !== weight),
  ];
  const runs: TextRun[] = [];
  let current: TextRun | undefined;
  for (const ch of text.normalize('NFC')) {
    const cp = ch.codePointAt(0) as number;
    const keep = current && (covers(current.face, cp) || MARK.test(ch));
    if (current && keep) {
      current.text += ch;
      continue;
    }
    const face = ordered.find((f) => covers(f, cp)) ?? (ordered[0] as FontFace);
    if (current?.face === face) current.text += ch;
    else runs.push((current = { face, text: ch }));
  }
  return runs;
}
