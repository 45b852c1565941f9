// English-edition bylines and credits, which Vietnamese papers' English pages print as a line of
// their own at the top or the foot of the story: `By Minh Anh – Translated by Mai Hoa`, `Story:
// Thu Hang; Photos: Quang Hieu`, `Reporting by Khanh Vu; Editing by Ed Davies`, `Story and photos:
// Ngoc Ha/VNS`, `By Thanh Ha (VNA)`. Such a line is page furniture: the cleaners drop it wherever it
// stands and keep the names as the author; the English extractor never reads it for people. A line
// is a byline only when each of its parts is a credit label with names (`Translated by Mai Hoa`) or
// names alone beside a labelled part, and every name is capitalised words or an agency: `By 2030,
// the city …` and `By the end of June …` are prose.

const MAX_LENGTH = 160;
// `By`, `Story:`, `Story by`, `Text and photos:`, `Additional reporting by`, `Translated by`, `Photos:`.
const LABEL_WORDS = 'story|stories|text|words|article|reporting|report|reported|written|writing|translated|translation|edited|editing|compiled|produced|photos?|photographs?|photography|pictures?|images?|video|videos|footage|graphics?|design|designed|illustrations?|infographics?|reporters?|correspondents?';
const LABELLED = new RegExp(`^(?:by|(?:additional\\s+)?(?:${LABEL_WORDS})(?:\\s*(?:and|&|,)\\s*(?:${LABEL_WORDS}))*\\s*(?::|\\s+by\\b))\\s*(.+)$`, 'iu');
/** Agencies and papers credited beside or instead of a person. */
const AGENCY = /^(?:VNA|VNS|VOV|VNN|VTV|VNP|VTC|VnExpress|Vietnam\s+News|VietnamPlus|Nhan\s+Dan|NDO|Tuoi\s+Tre|Thanh\s+Nien|AFP|AP|Reuters|Xinhua|EFE|Kyodo|Yonhap|Bernama|TTXVN|Sputnik|TASS|Getty\s+Images|EPA)$/u;
// A person's name: one to six capitalised words (`Mai Hoa`, `Le Thi Thu Hang`, `Nguyễn Văn A`, `Ed Davies`).
const PERSON = /^\p{Lu}[\p{L}\p{M}'’.-]*(?:\s+\p{Lu}[\p{L}\p{M}'’.-]*){0,5}$/u;
// Parts: split at `;`, `|`, dashes, `/`, and at a comma that opens another credit (`…, edited by Tran Binh`).
const PARTS = new RegExp(`\\s*(?:[;|•–—]|\\s-\\s|\\/|,(?=\\s*(?:${LABEL_WORDS})\\s*(?::|\\s+by\\b)))\\s*`, 'iu');
const NAMES = /\s*(?:,|&|\band\b)\s*/u;

const isNames = (s: string): boolean => {
  const names = s.replace(/\s*\([^()]{1,30}\)\s*$/u, '').replace(/[.\s]+$/u, '').split(NAMES).filter(Boolean);
  return names.length > 0 && names.length <= 5 && names.every((n) => AGENCY.test(n) || PERSON.test(n));
};

/** The names a byline line credits (`Minh Anh, Mai Hoa`), or null when the line is not a byline. */
export function englishBylineOf(line: string): string | null {
  if (line.length > MAX_LENGTH * 2) return null; // before trim(): a 5 MB paragraph is not copied to learn it is prose
  const text = line.trim();
  if (text.length < 4 || text.length > MAX_LENGTH) return null;
  const parts = text.split(PARTS).filter(Boolean);
  if (parts.length > 6) return null;
  let labelled = 0;
  const names: string[] = [];
  for (const part of parts) {
    const m = LABELLED.exec(part);
    if (m) {
      if (!isNames(m[1]!)) return null;
      labelled++;
      names.push(m[1]!.replace(/[.\s]+$/u, ''));
    } else if (isNames(part)) names.push(part.replace(/[.\s]+$/u, ''));
    else return null;
  }
  return labelled > 0 ? names.join(', ') : null;
}
