// Provinces and centrally-run cities (the 63 of 2008–2025, the units the press of those years
// reports by), so that statistics can be queried by place. The store tags a statistic with the
// first place its sentence names, else the one its article title names. Names are matched with
// diacritics and đ folded but case kept: proper nouns are capitalised, and that keeps the common
// words `hòa bình` (peace) and `thái bình` apart from the provinces Hòa Bình and Thái Bình.
// "Hồ Chí Minh" alone is the person far more often than the city, so the city needs `TP`/`Thành phố`.

interface PlaceEntry {
  name: string;
  aliases?: string[];
}

const PLACES: PlaceEntry[] = [
  { name: 'Hà Nội' },
  { name: 'Thành phố Hồ Chí Minh', aliases: ['TP.HCM', 'TP. HCM', 'TP HCM', 'TPHCM', 'TP.Hồ Chí Minh', 'TP. Hồ Chí Minh', 'TP Hồ Chí Minh', 'thành phố Hồ Chí Minh', 'Sài Gòn'] },
  { name: 'Hải Phòng' }, { name: 'Đà Nẵng' }, { name: 'Cần Thơ' },
  { name: 'An Giang' }, { name: 'Bà Rịa - Vũng Tàu', aliases: ['Bà Rịa – Vũng Tàu', 'Bà Rịa-Vũng Tàu', 'Bà Rịa Vũng Tàu', 'BR-VT', 'Vũng Tàu'] },
  { name: 'Bắc Giang' }, { name: 'Bắc Kạn', aliases: ['Bắc Cạn'] }, { name: 'Bạc Liêu' }, { name: 'Bắc Ninh' },
  { name: 'Bến Tre' }, { name: 'Bình Định' }, { name: 'Bình Dương' }, { name: 'Bình Phước' }, { name: 'Bình Thuận' },
  { name: 'Cà Mau' }, { name: 'Cao Bằng' }, { name: 'Đắk Lắk', aliases: ['Đắc Lắc', 'Đăk Lăk', 'Đắk Lắc'] },
  { name: 'Đắk Nông', aliases: ['Đăk Nông'] }, { name: 'Điện Biên' }, { name: 'Đồng Nai' }, { name: 'Đồng Tháp' },
  { name: 'Gia Lai' }, { name: 'Hà Giang' }, { name: 'Hà Nam' }, { name: 'Hà Tĩnh' }, { name: 'Hải Dương' },
  { name: 'Hậu Giang' }, { name: 'Hòa Bình' }, { name: 'Hưng Yên' }, { name: 'Khánh Hòa' }, { name: 'Kiên Giang' },
  { name: 'Kon Tum' }, { name: 'Lai Châu' }, { name: 'Lâm Đồng' }, { name: 'Lạng Sơn' }, { name: 'Lào Cai' },
  { name: 'Long An' }, { name: 'Nam Định' }, { name: 'Nghệ An' }, { name: 'Ninh Bình' }, { name: 'Ninh Thuận' },
  { name: 'Phú Thọ' }, { name: 'Phú Yên' }, { name: 'Quảng Bình' }, { name: 'Quảng Nam' }, { name: 'Quảng Ngãi' },
  { name: 'Quảng Ninh' }, { name: 'Quảng Trị' }, { name: 'Sóc Trăng' }, { name: 'Sơn La' }, { name: 'Tây Ninh' },
  { name: 'Thái Bình' }, { name: 'Thái Nguyên' }, { name: 'Thanh Hóa' },
  { name: 'Thừa Thiên Huế', aliases: ['Thừa Thiên - Huế', 'Thừa Thiên – Huế', 'Huế'] },
  { name: 'Tiền Giang' }, { name: 'Trà Vinh' }, { name: 'Tuyên Quang' }, { name: 'Vĩnh Long' }, { name: 'Vĩnh Phúc' },
  { name: 'Yên Bái' },
];

/** Diacritics and đ removed, case and length-changing punctuation kept. */
function foldKeepCase(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const byFolded = new Map<string, string>();
for (const place of PLACES) {
  for (const form of [place.name, ...(place.aliases ?? [])]) byFolded.set(foldKeepCase(form), place.name);
}
// Longest forms first so that `Bà Rịa - Vũng Tàu` wins over `Vũng Tàu`; a space in a name
// matches any run of spaces. `Thái Bình Dương` is the Pacific, not the province.
const alternation = [...byFolded.keys()]
  .sort((a, b) => b.length - a.length)
  .map((form) => escapeRegExp(form).replace(/ /g, '\\s+'))
  .join('|');
const PLACE_RE = new RegExp(`(?<![\\p{L}\\p{N}_])(?<!Thai\\s+)(${alternation})(?![\\p{L}\\p{N}_])(?!\\s+Duong)`, 'u');

/** The canonical name of the first province or city named in `text`, or null. */
export function findPlace(text: string): string | null {
  const match = PLACE_RE.exec(foldKeepCase(text));
  if (!match?.[1]) return null;
  return byFolded.get(match[1].replace(/\s+/g, ' ')) ?? null;
}

/** Canonical names, for help texts and validation. */
export const placeNames: readonly string[] = PLACES.map((p) => p.name);
