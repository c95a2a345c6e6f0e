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
// eslint-disable-next-line no-control-regex -- every ASCII code point, controls included, is one range
const ASCII = /^[\x00-\x7f]*$/;
const coversAscii = (face: FontFace) => face.ranges.some(([a, b]) => a <= 0 && b >= 0x7f);

// The faces in the order a character tries them, per face list, role and weight: a record asks thousands of
// times, and the list has ~120 faces (Noto Sans SC alone comes in ~100 slices).
const orderCache = new WeakMap<FontFace[], Map<string, FontFace[]>>();

function orderedFaces(faces: FontFace[], role: FontRole, weight: FontWeight): FontFace[] {
  let byStyle = orderCache.get(faces);
  if (!byStyle) orderCache.set(faces, (byStyle = new Map()));
  const key = `${role}/${weight}`;
  let ordered = byStyle.get(key);
  if (!ordered) {
    ordered = [
      ...faces.filter((f) => f.role === role && f.weight === weight),
      ...faces.filter((f) => f.role === role && f.weight !== weight),
      ...faces.filter((f) => f.role !== role && f.role === 'text' && f.weight === weight),
      ...faces.filter((f) => f.role !== role && f.role === 'text' && f.weight !== weight),
    ];
    byStyle.set(key, ordered);
  }
  return ordered;
}

/**
 * Runs of `text` (NFC-normalised) for a role and weight. A character stays in the current run's face when
 * that face covers it (spaces, digits and marks do not break a run), else takes the first face that
 * does: the role's faces first (mono for hashes), then the text faces; a face of the weight asked, else
 * the family's regular. A character no face covers is drawn with the first face (as a missing glyph).
 */
export function textRuns(text: string, faces: FontFace[], role: FontRole, weight: FontWeight): TextRun[] {
  const ordered = orderedFaces(faces, role, weight);
  const nfc = text.normalize('NFC');
  // Most of a record is ASCII: one run in the first face when it covers all of ASCII, as the loop would give.
  if (ordered[0] && ASCII.test(nfc) && coversAscii(ordered[0]))
    return nfc ? [{ face: ordered[0], text: nfc }] : [];
  const runs: TextRun[] = [];
  let current: TextRun | undefined;
  for (const ch of nfc) {
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
