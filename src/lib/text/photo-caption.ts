/**
 * A picture's caption with its credit, as web-page text prints it between paragraphs: "Wo früher
 * Kohle verladen wurde Foto: Svenja Hartl/Agentur Nordbild". The caption may be a sentence or two
 * ("Demonstrierende vor dem Landtag am Dienstag. Foto: Lena Sommer/dpa"), the credit may hold
 * initials ("Foto: K. Brandt/epd"), and text extraction sometimes glues the caption to the start of
 * the next paragraph ("… Foto: Tom Weber/dpa Die Feuerwehr war …"), where the credit's
 * "Name/Agency" ends it.
 */

export interface PhotoCaption {
  caption?: string | undefined;
  credit: string;
  /** Body text glued after the credit, if any. */
  rest?: string | undefined;
}

const MARKER = /(?:^|\s)((?:Foto|Fotos|Bild|Illustration|Grafik|Karikatur|Archivfoto|Archivbild):\s*)/gu;
/** A credit: a few words, names with initials, agencies after a slash; no sentence in it. */
const CREDIT = /^(?:\p{Lu}\.\s?|[^\s:!?.]+\.?\s?){1,8}$/u;
const GLUED =
  /^((?:\p{Lu}\.\s?|[^\s:!?./]+\s){0,5}[^\s:!?./]*\s?\/\s?[^\s:!?.]+)\s+(\p{Lu}\p{Ll}*\s.{30,}[.!?…"“”»])$/u;
const MAX_CAPTION = 300;

/** Reads a line as a caption with its credit, or returns `null`. */
export function readPhotoCaption(line: string): PhotoCaption | null {
  // The last marker is the credit's: "Archivbild: Das Rathaus Foto: dpa".
  const marker = [...line.matchAll(MARKER)].at(-1);
  if (!marker) return null;
  const caption = line.slice(0, marker.index).trim();
  if (caption.length > MAX_CAPTION) return null;
  const after = line.slice(marker.index + marker[0].length).trim();
  const label = marker[1]!.trim();
  // A credit ends in a name or an agency, not in a full stop: "… ein Bild: Überall Scherben." is a sentence.
  if (after.length >= 2 && after.length <= 80 && CREDIT.test(after) && !after.endsWith('.')) {
    return { caption: caption || undefined, credit: `${label} ${after}` };
  }
  const glued = GLUED.exec(after);
  if (glued && caption) return { caption, credit: `${label} ${glued[1]!.trim()}`, rest: glued[2]!.trim() };
  return null;
}
