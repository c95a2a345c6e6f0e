export { createUnicodePdf, UnicodePdf, A4 } from './unicode-pdf';
export type { TextStyle, PageInfo, DocumentInfo } from './unicode-pdf';
export { fontFaces, fontRoot, parseUnicodeRange, fontFileName } from './font-files';
export type { FontFace } from './font-files';
export { textRuns } from './text-runs';
export type { TextRun } from './text-runs';
