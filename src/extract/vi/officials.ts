// Officials: Vietnamese personal names with the titles the text gives them. One left-to-right scan over the tokens
// reads the phrases a title or a name can stand in, as a small grammar rather than sentence by sentence:
//   title    := [nguyên|tân|…] [Phó] head [organisation words] [(bracket)] [, huyện X, tỉnh Y]   (`Chủ tịch UBND xã A, huyện B`)
//   chain    := title ((, | - | kiêm | đồng thời là | và) title)*                                (`Ủy viên BCT, Bí thư Tỉnh ủy`)
//   person   := [chain] [honorific] name [(SN 1970 | title)] [, chain]                            (`bà X, Phó Chủ tịch UBND tỉnh`)
//   list     := chain (gồm | bao gồm | là | :) [các ông|bà|đồng chí] person ((, | ; | và) person)*  (`các Phó Thủ tướng: A, B và C`)
//   names    := person ((, | và) name)*                                                         (`Phó Thủ tướng A, B`: B shares the title)
//   position := (person | Ông | Bà) [hiện | đồng thời | nguyên …] (là | được bầu | giữ chức | được thăng quân hàm …) title
// Ranks and titles count in any case (`đại tướng`, `chủ tịch UBND tỉnh`) when a name follows or they stand in apposition;
// academic ranks and state honours before a name (`PGS.TS`, `Anh hùng Lực lượng vũ trang nhân dân`) are titles too; kinship,
// courtesy and case words (`ông`, `chị`, `cháu`, `đối tượng`, `bị cáo`) are stripped. Later short mentions (`ông Huệ`) and
// bare titles (`Thủ tướng yêu cầu`) join the one person they name.
import { createRequire } from 'node:module';
import type { Official } from '../../core/types.ts';
import honorifics from './lexicons/honorifics.json' with { type: 'json' };
import positions from './lexicons/positions.json' with { type: 'json' };
import surnames from './lexicons/surnames.json' with { type: 'json' };
import titles from './lexicons/titles.json' with { type: 'json' };
import { foldDiacritics, toneKey } from '../../core/fold.ts';
import { type Token } from '../common/text.ts';
import type { RuleContext } from '../common/rules.ts';
import { compoundAt, countryAt, firstWords, type KeyTable, keySet, keyTable, matchPhrase, type OrgPiece, phraseIndex, placeAt, readOrgPhrase } from './organisations.ts';

// natural's package root prints dotenv lines to stdout: load only the distance submodule.
const require = createRequire(import.meta.url);
const jaroWinkler = require('natural/lib/natural/distance/jaro-winkler_distance.js') as (a: string, b: string, options?: { ignoreCase?: boolean }) => number;

const HEADS = phraseIndex(titles.heads);
const HONOURS = phraseIndex(titles.honours);
const NAME_FOLLOWS = phraseIndex(titles.nameFollows);
const STAGE_HONOURS = phraseIndex(titles.stageHonours);
const RANKS = phraseIndex(titles.ranks);
const ROLES = phraseIndex(titles.appositionRoles);
const PREFIXES = keySet(titles.prefixes);
const HONORIFICS = phraseIndex(honorifics);
const SURNAMES = keySet(surnames);
/** Is the token a Vietnamese surname (`Nguyễn`, `Lương`, and `Y` of Ê Đê names)? */
export const isSurname = (t: Token): boolean => SURNAMES[t.key] === true;
const PHO = toneKey('Phó');
const ADVERBS = phraseIndex(positions.adverbs);
const COPULAS = phraseIndex(positions.copulas);
const APPOINTMENTS = phraseIndex(positions.appointments);
const FILLERS = phraseIndex(positions.fillers);
const PROMOTIONS = phraseIndex(positions.promotions);
const PROMOTED_TO = phraseIndex(positions.promotedTo);
const FORMERLY = keySet(positions.formerly);
const PRONOUNS = keyTable<Gender>([
  ...positions.pronouns.male.map((w) => [toneKey(w), 'male'] as const),
  ...positions.pronouns.female.map((w) => [toneKey(w), 'female'] as const),
  ...positions.pronouns.any.map((w) => [toneKey(w), 'any'] as const),
]);
/** Words that open a list of the people a title is shared by (`các Phó Chủ tịch gồm: …`, `hai Phó Bí thư là …`). */
const LIST_LINKS = phraseIndex(['gồm', 'bao gồm', 'gồm có', 'là', 'gồm các', 'là các']);
/** Before a title after a list of names, these make it everyone's (`A và B, hai Phó Chủ tịch UBND tỉnh`). */
const PLURAL_MARKERS = phraseIndex(['các', 'những', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín', 'mười', 'cả hai', 'cả ba', 'đều là', 'cùng là', 'là các', 'là hai', 'đều là các']);
/** Lower-case words of the administrative units that continue a title's place after a comma (`xã A, huyện B, tỉnh C`). */
const ADMIN_UNITS = phraseIndex(['xã', 'phường', 'thị trấn', 'huyện', 'quận', 'thị xã', 'thành phố', 'tỉnh', 'TP', 'TP.']);
/** Words that, in brackets right after a bare name, make it a person (`Trần Văn A (SN 1985, trú …)`, `(35 tuổi)`). */
/** `Nguyễn Văn A (1890-1969)`: a life span in brackets after a bare name. */
const LIFE_SPAN = /^1[6-9]\d\d\s*[-–]\s*(?:1[6-9]|20)\d\d$/u;
const PERSON_ASIDES = phraseIndex(['SN', 'sinh năm', 'sinh ngày', 'trú', 'trú tại', 'ngụ', 'ngụ tại', 'quê', 'quê quán', 'thường trú', 'tạm trú', 'nguyên quán', 'nam', 'nữ']);
const DIPLOMATS = new Set(['Đại sứ', 'Tổng Lãnh sự', 'Lãnh sự', 'Đặc phái viên', 'Trưởng đại diện', 'Tùy viên Quốc phòng', 'Tuỳ viên Quốc phòng'].map(toneKey));
const THI = toneKey('Thị');
const TAI = toneKey('tại');
const VA = toneKey('và');
const KIEM = toneKey('kiêm');
const LEN = toneKey('lên');
const TU = toneKey('từ');
const DONG_THOI = toneKey('đồng thời');
const LUOT = toneKey('lượt');
const DUOC = toneKey('được');
/** Verbs of appointment after the agent of a passive (`được Thủ tướng bổ nhiệm`, `được Chủ tịch nước thăng quân hàm`). */
const AGENT_VERBS = phraseIndex(['bổ nhiệm', 'bổ nhiệm lại', 'bầu', 'phong', 'thăng', 'điều động', 'điều động , bổ nhiệm', 'cử', 'giao', 'chỉ định', 'phân công', 'phê chuẩn', 'luân chuyển', 'giới thiệu', 'tín nhiệm', 'phong quân hàm', 'thăng quân hàm', 'thăng cấp bậc hàm', 'phong cấp bậc hàm', 'trao quyết định', 'quyết định']);
/** Every word of the adverbs, to walk back over them. */
const ADVERB_WORDS = keySet(positions.adverbs.flatMap((a) => toneKey(a).split(' ')));
/** Honorifics only women carry: the person after one is a `Bà` a pronoun may stand for. */
const FEMALE_HONORIFICS = keySet(['bà', 'chị', 'cô', 'nữ', 'cô giáo', 'bà cụ', 'cụ bà', 'em gái', 'chị gái', 'mẹ', 'vợ', 'nữ sinh', 'cô gái', 'người phụ nữ', 'nữ doanh nhân', 'nữ ca sĩ', 'hoa hậu', 'á hậu', 'ni sư']);
/**
 * What a token can start, by its key (one look-up per token): most words start nothing; the others only what their
 * lexicons allow, so the scan tries a title reading only at a title's first word, a position only at a verb's, and so on.
 */
const CAN_TITLE = 1;
const CAN_HONORIFIC = 2;
const CAN_POSITION = 4;
const CAN_NAME = 8;
const STARTS = keyTable<number>([]);
const mark = (keys: Iterable<string>, bit: number) => {
  for (const k of keys) STARTS[k] = (STARTS[k] ?? 0) | bit;
};
mark([...Object.keys(PREFIXES), ...firstWords(HEADS), ...firstWords(HONOURS), ...firstWords(ROLES), PHO], CAN_TITLE);
mark(firstWords(HONORIFICS), CAN_HONORIFIC);
mark([...firstWords(COPULAS), ...firstWords(APPOINTMENTS), ...firstWords(PROMOTIONS)], CAN_POSITION);
mark(Object.keys(SURNAMES), CAN_NAME);
/** First words of a position or of the adverbs before one (`hiện là`, `được bầu`). */
const POSITION_OR_ADVERB = keyTable([...firstWords(COPULAS), ...firstWords(APPOINTMENTS), ...firstWords(PROMOTIONS), ...firstWords(ADVERBS)].map((k) => [k, true] as const));
/** Nouns before a capitalised run that make it the name of a street, school, prize… rather than a person (`đường Lê Lợi`, `Trường THPT Chu Văn An`). */
const NAMED_AFTER_LIST = ['đường', 'phố', 'trường', 'cầu', 'ngõ', 'hẻm', 'quận', 'phường', 'xã', 'huyện', 'tỉnh', 'khu', 'tượng', 'lăng', 'đền', 'chùa', 'giải', 'quỹ', 'tên', 'hiệu', 'tàu', 'nhà', 'công viên', 'quảng trường', 'bảo tàng', 'di tích', 'bến', 'chợ', 'thôn', 'làng', 'ấp', 'bản', 'phòng', 'lớp', 'đại lộ', 'viện', 'bệnh viện', 'học viện', 'THPT', 'THCS', 'tiểu học', 'sân', 'cúp', 'kênh', 'sông', 'núi', 'đảo', 'đèo', 'hồ', 'lô', 'khóm', 'tổ', 'đội', 'xóm', 'mang tên', 'nhà văn hóa', 'đình', 'phòng khám', 'cửa hàng', 'công ty', 'tập đoàn'].map(toneKey);
const NAMED_AFTER = keySet(NAMED_AFTER_LIST);
const NAMED_AFTER_SECOND = keySet(NAMED_AFTER_LIST.filter((k) => k.includes(' ')).map((k) => k.split(' ').pop()!));
/** Steering and organising committees carry a lower-case description (`Trưởng ban Chỉ đạo phòng chống thiên tai …`, `Trưởng Ban tổ chức triển lãm`). */
const DESCRIBED_ENDS = new Set(['chỉ đạo', 'tổ chức', 'ban', 'điều hành', 'quản lý', 'soạn thảo', 'biên tập', 'bảo vệ', 'chăm sóc sức khỏe'].map(toneKey));
/** Verbs of speech that make a bare name before them a person (`Nguyễn Văn A cho biết`, `Tô Lâm nhấn mạnh`). */
const SPEECH_VERBS = phraseIndex(['cho biết', 'nói', 'chia sẻ', 'phát biểu', 'khẳng định', 'nhấn mạnh', 'cho rằng', 'bày tỏ', 'tâm sự', 'kể lại', 'đề nghị', 'yêu cầu', 'trả lời', 'thông tin', 'nhận định', 'chỉ đạo', 'lưu ý', 'đề xuất', 'kiến nghị', 'giải thích', 'cho hay', 'kể', 'thừa nhận', 'khai nhận', 'khai', 'bị bắt', 'bị khởi tố', 'bị tạm giữ', 'bị truy nã', 'bị tuyên phạt']);
/** Words that end a lower-case description after a title: the verb of the sentence. */
const CLAUSE_VERBS = phraseIndex(['chủ trì', 'cho biết', 'phát biểu', 'yêu cầu', 'đề nghị', 'nhấn mạnh', 'dự', 'làm việc', 'kiểm tra', 'khẳng định', 'báo cáo', 'trao', 'tặng', 'cùng', 'đã', 'đang', 'sẽ', 'vừa', 'là', 'có', 'được', 'thăm', 'tham dự', 'chỉ đạo', 'trình bày', 'điều hành', 'ký', 'tiếp', 'chúc mừng', 'thông tin', 'giới thiệu', 'nêu', 'lưu ý', 'đánh giá', 'ghi nhận', 'tuyên bố', 'nói', 'chia sẻ', 'khai mạc', 'bế mạc', 'đồng chủ trì', 'đọc', 'công bố', 'quán triệt', 'cho hay', 'nhận', 'gửi', 'hội đàm', 'hội kiến', 'tiếp xúc', 'đề xuất', 'kiến nghị']);

type Gender = 'male' | 'female' | 'any';

/** Something the scan found, in text order. */
interface Item {
  /** title: a title phrase, maybe with the name it introduces; name: a name after an honorific, in a list or with a cue; short: `ông Huệ`; role: a position given by a verb. */
  kind: 'title' | 'name' | 'short' | 'role';
  /** Offsets in the text of the whole item, and its tokens [startTok, endTok). */
  start: number;
  end: number;
  startTok: number;
  endTok: number;
  /** Sentence number (sentences end at . ! ? … and line breaks). */
  sent: number;
  title?: string;
  /** short with a title: the whole phrase, read as a title when the word names nobody (`Giám đốc Công ty Vinamilk`). */
  whole?: string;
  /** More titles of the same phrase: the rest of a position's chain, or a local office without its district and province. */
  more?: string[];
  /** Title head written in lower case: it needs a name after it or a person before it. */
  lowercase?: boolean;
  /** An academic rank or honour (`PGS.TS`): a title only with a name. */
  honour?: boolean;
  name?: string;
  nameStart?: number;
  nameEnd?: number;
  /** A title written in parentheses right after the name (`Nguyễn Văn A (Đoàn ĐBQH tỉnh B)`). */
  parenTitle?: string;
  /** Titles the person shares with a list they stand in (`các Phó Chủ tịch gồm: A, B`, `Phó Thủ tướng A, B`). */
  shared?: string[];
  /** A title after a plural word (`A và B, hai Phó Chủ tịch UBND tỉnh`): everyone of the list before it holds it. */
  plural?: boolean;
  /** Where chaining to the person before is measured from (the plural word, when there is one). */
  chainFrom?: number;
  /** role: titles that go one to each person of the list before, in order (`lần lượt giữ chức …`). */
  respectively?: string[];
  /** role: whose position it is. */
  subject?: 'prev' | 'pronoun' | 'sentence';
  subjectItem?: Item;
  gender?: Gender;
  /** Rule id when it is not implied by the kind. */
  rule?: string;
}

function isNameToken(t: Token | undefined): boolean {
  return Boolean(t && t.kind === 'cap' && t.text.length <= 8);
}

/** Does a sentence end between tokens k-1 and k? (`:` and `;` do not end one here: lists run through them.) */
function sentenceBreak(tokens: readonly Token[], k: number): boolean {
  const t = tokens[k];
  if (!t) return true;
  if (t.newlineBefore) return true;
  const prev = tokens[k - 1];
  return prev !== undefined && (prev.text === '.' || prev.text === '!' || prev.text === '?' || prev.text === '…');
}

/**
 * Split a run of capitalised tokens [from, to) into (organisation prefix, personal name): the name is the
 * longest-reaching suffix of 2–4 syllables that starts with a surname and not inside or at a place name or inside
 * an organisation's word (`Hà Nội Vương Đình Huệ` → `Vương Đình Huệ`; `Trung ương Đoàn Bùi Quang Huy` → `Bùi Quang Huy`).
 * Returns the name's first token index or -1.
 */
function nameStartInRun(tokens: readonly Token[], from: number, to: number, allowPlaceStart: boolean, phraseFrom = from): number {
  // Token indexes covered by multi-token places and compounds (read from the phrase's start: `Trung ương Đoàn` begins
  // before the capitalised run), so a name never starts inside one.
  const placeStart = new Set<number>();
  const inside = new Set<number>();
  // A compound reaching into the run starts at most a few words before it.
  for (let k = Math.max(Math.min(phraseFrom, from), from - 4); k < to; k++) {
    const place = placeAt(tokens, k);
    const len = Math.max(place, compoundAt(tokens, k));
    if (len > 1 && k + len <= to) {
      if (place === len) placeStart.add(k);
      for (let q = k + 1; q < k + len; q++) inside.add(q);
      k += len - 1;
    }
  }
  for (let p = Math.max(from, to - 4); p <= to - 2; p++) {
    if (inside.has(p)) continue;
    if (SURNAMES[tokens[p]!.key] !== true) continue;
    if (placeStart.has(p) && !(allowPlaceStart && p === from)) continue;
    // `Trường Đại học Y Hà Nội`: a one-letter surname (`Y`, of Ê Đê names) before a place's whole name is no person.
    if (tokens[p]!.text.length === 1 && placeStart.has(p + 1) && placeAt(tokens, p + 1) === to - p - 1) continue;
    return p;
  }
  return -1;
}

/** The run of name-like capitalised tokens ending at `end` (exclusive) and going back no further than `min`. */
function capRunStart(tokens: readonly Token[], end: number, min: number): number {
  let s = end;
  while (s - 1 >= min && isNameToken(tokens[s - 1]) && !tokens[s]?.newlineBefore) s--;
  return s;
}

/**
 * A foreign name after a title phrase that ends in a foreign country (`Bộ trưởng Ngoại giao Hoa Kỳ Antony Blinken`,
 * `Chủ tịch nước Trung Quốc Tập Cận Bình`): the 1–4 capitalised words after the country. Returns the name's first token or -1.
 */
function foreignNameStart(tokens: readonly Token[], pieces: readonly OrgPiece[], phraseEnd: number): number {
  // `Đại sứ Hoa Kỳ tại Việt Nam Marc Knapper`: once a foreign country is named, the name follows the last place.
  let sawCountry = false;
  for (const { start } of pieces) {
    // `Lào Cai` is a Vietnamese province, not `Lào`: a longer place wins.
    const country = countryAt(tokens, start) >= placeAt(tokens, start) ? countryAt(tokens, start) : 0;
    if (country > 0) sawCountry = true;
    const len = country || (sawCountry ? placeAt(tokens, start) : 0);
    if (len === 0) continue;
    const from = start + len;
    const run = phraseEnd - from;
    if (run < 1 || run > 4) continue;
    let ok = true;
    for (let k = from; k < phraseEnd; k++) if (tokens[k]!.kind !== 'cap' || tokens[k]!.text.length > 16 || placeAt(tokens, k) > 0 || matchPhrase(tokens, k, HEADS) > 0) ok = false;
    // One word is a name only when it is not a common Vietnamese word written at a sentence start.
    if (ok && (run >= 2 || tokens[from]!.text.length >= 4)) return from;
  }
  return -1;
}

// Onset, vowel, final: the shape of a Vietnamese syllable without its marks (`Chinh`, `Huệ`); `Putin`, `Biden` are not.
const VIET_SYLLABLE = /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnptiouy])?$/;

/**
 * After heads that are always followed by a person (`Tổng Bí thư`, `Ngoại trưởng`, ranks), the 2–4 capitalised words right
 * after the head are a name even without a Vietnamese surname (`Trường Chinh`, `Antony Blinken`); one foreign-shaped word
 * is a name too (`Tổng thống Putin`). Returns the end of the name (exclusive) or -1.
 */
function nameRightAfterHead(tokens: readonly Token[], headEnd: number): number {
  let k = headEnd;
  while (k < tokens.length && k - headEnd < 5 && tokens[k]!.kind === 'cap' && tokens[k]!.text.length <= 14 && !tokens[k]!.newlineBefore && placeAt(tokens, k) === 0 && compoundAt(tokens, k) === 0 && matchPhrase(tokens, k, HEADS) === 0) k++;
  const run = k - headEnd;
  if (run < 1 || run > 4 || tokens[k]?.kind === 'cap' || tokens[k]?.kind === 'upper') return -1;
  if (run === 1 && (tokens[headEnd]!.text.length < 4 || VIET_SYLLABLE.test(foldDiacritics(tokens[headEnd]!.key)))) return -1;
  return k;
}

/** The token after the bracket that opens at `at`, when it closes within `max` tokens on the same line; else -1. */
function bracketEnd(tokens: readonly Token[], at: number, max = 16): number {
  if (tokens[at]?.text !== '(') return -1;
  for (let k = at + 1; k < tokens.length && k - at <= max; k++) {
    const t = tokens[k]!;
    if (t.newlineBefore || t.text === '(') return -1;
    if (t.text === ')') return k + 1;
  }
  return -1;
}

/** Length of a surname-led personal name (2–4 capitalised syllables, not a place) at token i; 0 when there is none. */
function nameRunAt(tokens: readonly Token[], i: number): number {
  const first = tokens[i];
  if (!first || first.kind !== 'cap' || SURNAMES[first.key] !== true || headAt(tokens, i) > 0) return 0;
  let to = i;
  while (to < tokens.length && to - i < 5 && isNameToken(tokens[to]) && (to === i || !tokens[to]!.newlineBefore)) to++;
  const run = to - i;
  if (run < 2 || run > 4 || placeAt(tokens, i) >= run) return 0;
  return run;
}

/** Is the capitalised run at i the name of a street, school, prize… (`đường Lê Lợi`, `Trường THPT Chu Văn An`)? */
function namedAfter(tokens: readonly Token[], i: number): boolean {
  const prev = tokens[i - 1];
  if (prev === undefined) return false;
  if (prev.kind === 'upper' || NAMED_AFTER[prev.key] === true) return true;
  // Two-word nouns (`công viên`, `bệnh viện`): joined only when the second word ends one.
  return i >= 2 && NAMED_AFTER_SECOND[prev.key] === true && NAMED_AFTER[`${tokens[i - 2]!.key} ${prev.key}`] === true;
}

/** A title head at token i (with `Phó` before any head): its length in tokens, 0 when none. */
function headAt(tokens: readonly Token[], i: number): number {
  const t = tokens[i];
  if (!t || t.kind === 'num' || t.kind === 'punct') return 0;
  const own = matchPhrase(tokens, i, HEADS);
  if (t.key === PHO) {
    const deputy = matchPhrase(tokens, i + 1, HEADS);
    if (deputy > 0 && 1 + deputy > own) return 1 + deputy;
  }
  return own;
}

/** After a verb no one is named by a lone word: a word read as a short name is the end of the title (`… Trung ương Đảng`). */
function wholeTitle(read: TitleRead | null): TitleRead | null {
  if (!read || read.shortNameTok < 0) return read;
  return { ...read, titleEndTok: read.shortNameTok + 1, endTok: Math.max(read.endTok, read.shortNameTok + 1), shortNameTok: -1 };
}

/** What reading a title at a token found. */
interface TitleRead {
  startTok: number;
  /** After the whole phrase (its name included). */
  endTok: number;
  titleEndTok: number;
  lowercase: boolean;
  honour: boolean;
  nameStartTok: number;
  nameEndTok: number;
  /** A name in brackets after the title (`Bí thư Tỉnh ủy (ông Nguyễn Văn A)`). */
  bracketName: boolean;
  /** End of the office before its district and province were read on (`Chủ tịch UBND xã Tân Phú`), or -1. */
  localEndTok: number;
  /** A one-word name closing the phrase (`Thủ tướng Chính`, `bộ trưởng Sơn`): a later mention of someone, or -1. */
  shortNameTok: number;
  /** End of the head (`Phó Chủ tịch` in `Phó Chủ tịch UBND tỉnh`). */
  headEndTok: number;
}

const MINISTERIAL = new Set(['Bộ trưởng', 'Thứ trưởng', 'Thứ trưởng Thường trực'].map((t) => toneKey(t)));
const OFFICES = 'Bộ|Sở|Ban|Cục|Tổng cục|Vụ|Ủy ban|Uỷ ban';
/** A shared title ending in an office word (`Giám đốc Sở`), and a bracket opening with one (`(Bộ Tài chính)`). */
const ENDS_WITH_OFFICE = new RegExp(`(?:^|\\s)(?:${OFFICES})$`, 'u');
const OPENS_WITH_OFFICE = new RegExp(`^(?:${OFFICES})\\s`, 'u');

/**
 * A shared title completed by the ministry or department a bracket names: `Bộ trưởng` + `(Kế hoạch và Đầu tư)` →
 * `Bộ trưởng Bộ Kế hoạch và Đầu tư`; `Giám đốc Sở` + `(Tài chính)` → `Giám đốc Sở Tài chính`; `Bộ trưởng` + `(Bộ Tài
 * chính)` → `Bộ trưởng Bộ Tài chính`. Null when the bracket is a title of its own or the shared title takes no portfolio.
 */
function withPortfolio(shared: string, paren: string): string | null {
  const opensWithOffice = OPENS_WITH_OFFICE.test(paren);
  if (MINISTERIAL.has(toneKey(shared))) return opensWithOffice ? `${shared} ${paren}` : `${shared} Bộ ${paren}`;
  if (ENDS_WITH_OFFICE.test(shared) && !opensWithOffice) return `${shared} ${paren}`;
  return null;
}

/** `(Phó Chính ủy Quân khu 7)`, `(Đoàn ĐBQH tỉnh Quảng Ninh)`, `(Giám đốc Sở …)` right after a name: its text, else null. */
function parenthesised(ctx: RuleContext, tokens: readonly Token[], at: number): string | null {
  if (tokens[at]?.text !== '(') return null;
  const first = tokens[at + 1];
  if (!first || (first.kind !== 'cap' && first.kind !== 'upper' && !(first.kind === 'lower' && headAt(tokens, at + 1) > 0))) return null;
  let from = at + 1;
  if (PREFIXES[first.key] === true) from++;
  const head = headAt(tokens, from);
  const pieces = readOrgPhrase(tokens, from + head, 24, { title: head > 0 });
  let end = pieces.length ? pieces[pieces.length - 1]!.end : from + head;
  // `(Phó Chủ tịch UBND tỉnh, Trưởng ban …)`: a chain of titles in the bracket.
  while (tokens[end]?.text === ',' && headAt(tokens, end + 1) > 0) {
    const h = headAt(tokens, end + 1);
    const more = readOrgPhrase(tokens, end + 1 + h, 24, { title: true });
    end = more.length ? more[more.length - 1]!.end : end + 1 + h;
  }
  if (end === at + 1 || tokens[end]?.text !== ')') return null;
  // A bare place (`(Hà Nội)`, `(Đồng Tháp)`) or a year is not a title; a head or an organisation word is.
  if (head === 0 && !pieces.some((p) => !p.nameLike && placeAt(tokens, p.start) !== p.end - p.start)) return null;
  return slice(ctx, tokens[at + 1]!, tokens[end - 1]!);
}

function slice(ctx: RuleContext, a: Token, b: Token): string {
  return ctx.text.slice(a.start, b.end);
}

/**
 * Read a title phrase at token i: [prefix] head [organisation] [bracket] [, admin unit …] [name]. Null when no head
 * starts there. `apposition` says the phrase stands after a comma, bracket or dash (it may then run over lower-case words to the next comma).
 */
function readTitle(tokens: readonly Token[], i: number, apposition: boolean, given?: KeyTable<true>): TitleRead | null {
  const t = tokens[i];
  if (!t) return null;
  let h = i;
  if (PREFIXES[t.key] === true && headAt(tokens, i + 1) > 0) h = i + 1;
  let headLen = headAt(tokens, h);
  let honour = false;
  if (headLen === 0) {
    headLen = matchPhrase(tokens, h, HONOURS);
    honour = headLen > 0;
  }
  // `Đại úy A, cán bộ Đồn Biên phòng B`: a rank-and-file position, a title only in apposition.
  if (headLen === 0 && apposition && h === i) headLen = matchPhrase(tokens, h, ROLES);
  if (headLen === 0) return null;
  const lowercase = tokens[h]!.kind === 'lower';
  const headEnd = h + headLen;
  if (honour) {
    // `GS.TS Nguyễn Văn A`, `TS. Lê Đăng Doanh`, `PGS. TS Trần B`: honours (each maybe with its dot) before a name.
    let k = headEnd;
    for (;;) {
      if (tokens[k]?.text === '.' && tokens[k - 1]!.kind === 'upper') k++;
      const more = matchPhrase(tokens, k, HONOURS);
      if (more === 0 || headAt(tokens, k) > 0) break;
      k += more;
    }
    // `Nhà thơ Tố Hữu`, `Nhà báo Hữu Thọ`: writers and artists go by pen and stage names without a surname.
    let run = nameRunAt(tokens, k);
    if (run === 0 && matchPhrase(tokens, h, STAGE_HONOURS) === headLen) {
      const end = nameRightAfterHead(tokens, k);
      if (end - k >= 2) run = end - k;
    }
    if (run > 0) return { startTok: i, endTok: k + run, titleEndTok: k, lowercase, honour, nameStartTok: k, nameEndTok: k + run, bracketName: false, localEndTok: -1, shortNameTok: -1, headEndTok: headEnd };
    // `Đại tá, PGS.TS Nguyễn Văn Hòa`: an honour before a rank or title still opens a chain.
    if (tokens[k]?.text === ',' && (headAt(tokens, k + 1) > 0 || matchPhrase(tokens, k + 1, HONOURS) > 0)) return { startTok: i, endTok: k, titleEndTok: k, lowercase, honour, nameStartTok: -1, nameEndTok: -1, bracketName: false, localEndTok: -1, shortNameTok: -1, headEndTok: headEnd };
    return null;
  }
  let pieces = readOrgPhrase(tokens, headEnd, 24, { title: true });
  // `Đại sứ Việt Nam tại Lào Nguyễn Minh Tâm`: a diplomat's post names the country with `tại`.
  let phraseEnd = pieces.length ? pieces[pieces.length - 1]!.end : headEnd;
  if (tokens[phraseEnd]?.key === TAI && placeAt(tokens, phraseEnd + 1) > 0 && DIPLOMATS.has(tokens.slice(h, headEnd).map((x) => x.key).join(' '))) {
    pieces = [...pieces, ...readOrgPhrase(tokens, phraseEnd + 1, 24, { title: true })];
    phraseEnd = pieces[pieces.length - 1]!.end;
  }
  // `Phó Tư lệnh kiêm Tham mưu trưởng Quân khu 7`: `kiêm` joins a second head into the same title.
  while (tokens[phraseEnd]?.key === KIEM && headAt(tokens, phraseEnd + 1) > 0) {
    const next = phraseEnd + 1 + headAt(tokens, phraseEnd + 1);
    const more = readOrgPhrase(tokens, next, 24, { title: true });
    pieces = [...pieces, { start: phraseEnd, end: next, nameLike: false }, ...more];
    phraseEnd = pieces[pieces.length - 1]!.end;
  }
  let nameFloor = headEnd;
  // `Bí thư Tỉnh ủy (nhiệm kỳ 2020–2025) Nguyễn Văn Thể`: a bracket inside the title, before more of it or the name.
  const close = bracketEnd(tokens, phraseEnd);
  let bracketName = false;
  if (close > 0 && tokens[close]?.kind === 'cap' && !tokens[close]!.newlineBefore) {
    const more = readOrgPhrase(tokens, close, 24, { title: true });
    if (more.length) {
      pieces = [...pieces, { start: phraseEnd, end: close, nameLike: false }, ...more];
      phraseEnd = more[more.length - 1]!.end;
      nameFloor = close;
    }
  } else if (close > 0) {
    // `Bí thư Tỉnh ủy (ông Nguyễn Văn A)`: the holder's name in the bracket.
    let k = phraseEnd + 1;
    const hon = matchPhrase(tokens, k, HONORIFICS);
    k += hon;
    const run = nameRunAt(tokens, k);
    if (run > 0 && k + run === close - 1) {
      return { startTok: i, endTok: close, titleEndTok: phraseEnd, lowercase, honour, nameStartTok: k, nameEndTok: k + run, bracketName: (bracketName = true), localEndTok: -1, shortNameTok: -1, headEndTok: headEnd };
    }
  }
  // `Chủ tịch Quốc hội Trần Thanh Mẫn điều hành`: lower-case words after a name are the sentence's, not the title's.
  let lowerTail = pieces.length;
  while (lowerTail > 0 && tokens[pieces[lowerTail - 1]!.start]!.kind === 'lower') lowerTail--;
  if (lowerTail > 0 && lowerTail < pieces.length) {
    const cut = pieces[lowerTail - 1]!.end;
    if (nameIn(tokens, pieces, h, headEnd, nameFloor, cut) >= 0) {
      pieces = pieces.slice(0, lowerTail);
      phraseEnd = cut;
    }
  }
  let nameStart = nameIn(tokens, pieces, h, headEnd, nameFloor, phraseEnd);
  // `Chủ tịch UBND xã Tân Phú, huyện Đức Hòa, tỉnh Long An`: the place of a local office runs on through its units.
  // The office is also kept without them: a title is matched word by word, and `Phú,` is not `Phú`.
  const localEnd = phraseEnd;
  while (nameStart < 0 && tokens[phraseEnd]?.text === ',' && matchPhrase(tokens, phraseEnd + 1, ADMIN_UNITS) > 0) {
    const unit = matchPhrase(tokens, phraseEnd + 1, ADMIN_UNITS);
    if (tokens[phraseEnd + 1 + unit]?.kind !== 'cap' || pieces.length === 0) break;
    const more = readOrgPhrase(tokens, phraseEnd + 1, 24, { title: true });
    if (more.length < 2) break;
    pieces = [...pieces, ...more];
    phraseEnd = more[more.length - 1]!.end;
    nameFloor = more[0]!.end;
    nameStart = nameIn(tokens, pieces, h, headEnd, nameFloor, phraseEnd);
  }
  // `Thủ tướng Chính yêu cầu`: one word ending the phrase is the given name of someone named before.
  let shortNameTok = -1;
  const lastPiece = pieces[pieces.length - 1];
  if (given && nameStart < 0 && lastPiece && lastPiece.nameLike && lastPiece.end === phraseEnd && lastPiece.end - lastPiece.start === 1 && given[tokens[lastPiece.start]!.key] === true && (pieces.length === 1 || !pieces[pieces.length - 2]!.nameLike)) {
    shortNameTok = lastPiece.start;
    phraseEnd = lastPiece.start;
  }
  let titleEndTok = nameStart >= 0 ? nameStart : phraseEnd;
  let endTok = shortNameTok >= 0 ? shortNameTok + 1 : phraseEnd;
  if (nameStart < 0 && tokens[phraseEnd]?.kind === 'lower' && !lowercase) {
    // `Trưởng ban Chỉ đạo phòng chống thiên tai …,`: a lower-case description up to the clause's verb or punctuation.
    const lastKey = tokens.slice(Math.max(i, titleEndTok - 2), titleEndTok).map((x) => x.key);
    if (DESCRIBED_ENDS.has(lastKey.slice(-2).join(' ')) || DESCRIBED_ENDS.has(lastKey[lastKey.length - 1] ?? '')) {
      let k = phraseEnd;
      while (k < tokens.length && k - phraseEnd < 12 && (tokens[k]!.kind === 'lower' || tokens[k]!.kind === 'upper' || (tokens[k]!.text === ',' && tokens[k + 1]?.kind === 'lower' && matchPhrase(tokens, k + 1, CLAUSE_VERBS) === 0 && headAt(tokens, k + 1) === 0)) && !tokens[k]!.newlineBefore && matchPhrase(tokens, k, CLAUSE_VERBS) === 0) k++;
      const stop = tokens[k];
      if (k > phraseEnd && (!stop || stop.kind === 'punct' || matchPhrase(tokens, k, CLAUSE_VERBS) > 0) && tokens[k - 1]!.key !== VA && tokens[k - 1]!.text !== ',') titleEndTok = endTok = k;
    }
    // An appositive title runs to the comma that closes it (`X, Giám đốc Đại học Bách khoa Hà Nội, cho biết`,
    // `bà Y, Trưởng phòng Tuyển sinh, …`): lower-case syllables of a proper name the lexicon does not know stay in.
    if (titleEndTok === phraseEnd && apposition) {
      let k = phraseEnd;
      // It never runs into the next person (`…, Chủ tịch Quốc hội và bà Nguyễn Thị Thanh, …`).
      while (k < tokens.length && k - phraseEnd < 8 && tokens[k]!.kind !== 'punct' && tokens[k]!.kind !== 'num' && !tokens[k]!.newlineBefore && tokens[k]!.key !== VA && PRONOUNS[tokens[k]!.key] === undefined && !(tokens[k]!.kind === 'cap' && SURNAMES[tokens[k]!.key] === true) && matchPhrase(tokens, k, CLAUSE_VERBS) === 0 && matchPhrase(tokens, k, SPEECH_VERBS) === 0) k++;
      // A sentence's end closes it only after one word: longer, the words are the sentence's verb phrase (`…, Đội phó Đội Cảnh sát hình sự thụ lý.`).
      const closes = tokens[k]?.text === ',' || tokens[k]?.text === ')' || tokens[k]?.text === ';' || (tokens[k]?.text === '.' && k - phraseEnd === 1);
      if (k > phraseEnd && closes && tokens[k - 1]!.key !== VA) titleEndTok = endTok = k;
    }
  }
  const localEndTok = phraseEnd > localEnd && tokens[localEnd]?.text === ',' ? localEnd : -1;
  return { startTok: i, endTok, titleEndTok, lowercase, honour, nameStartTok: nameStart, nameEndTok: nameStart >= 0 ? phraseEnd : -1, bracketName, localEndTok, shortNameTok, headEndTok: headEnd };
}

/**
 * The name at the end of a title phrase [head h … end): a surname-led run of capitalised words after `floor`, a foreign name
 * after a country, or any name right after a head that is always followed by a person. Its first token, or -1.
 */
function nameIn(tokens: readonly Token[], pieces: readonly OrgPiece[], h: number, headEnd: number, floor: number, end: number): number {
  const runStart = capRunStart(tokens, end, floor);
  let start = -1;
  if (end - runStart >= 2) start = nameStartInRun(tokens, runStart, end, runStart === floor, floor);
  if (start < 0 && pieces.length > 0) start = foreignNameStart(tokens, pieces, end);
  if (start < 0 && floor === headEnd && end > headEnd && matchPhrase(tokens, h, NAME_FOLLOWS) === headEnd - h && nameRightAfterHead(tokens, headEnd) === end) start = headEnd;
  return start;
}

/** The scan's state for a list of people sharing titles (`các Phó Chủ tịch gồm: A, B và C`), until the sentence ends. */
interface ListShare {
  titles: string[];
  sent: number;
  /** People named in it so far: a new title list after some names replaces it (`…: A, B; các đồng chí Bí thư: C, D`). */
  named: number;
  /** A semicolon was passed: a person with a title of their own after it starts something else (`…: A, B; Bộ trưởng C`). */
  semicolon?: boolean;
}

function scan(ctx: RuleContext): Item[] {
  const { tokens } = ctx;
  const items: Item[] = [];
  let sent = 0;
  let list: ListShare | null = null;
  /** Sentence number of each token index reached so far (monotone scan). */
  let sentAt = 0;
  const sentenceOf = (k: number): number => {
    while (sentAt < k) {
      sentAt++;
      if (sentenceBreak(tokens, sentAt)) sent++;
    }
    return sent;
  };
  /** The last person item pushed: a position needs one in its sentence. */
  const named: { last: Item | null } = { last: null };
  /** Given names (last syllables) of the people named so far: a lone one after a title is a later mention. */
  const givenNames = keyTable<true>([]);
  const push = (item: Item): Item => {
    if (item.kind === 'name' || item.name) {
      named.last = item;
      givenNames[toneKey(item.name!.slice(item.name!.lastIndexOf(' ') + 1))] = true;
    }
    if (list && list.semicolon && list.named > 0 && item.kind === 'title' && item.name && !item.honour && matchPhrase(tokens, item.startTok, RANKS) === 0) list = null;
    if (list && (item.kind === 'name' || item.name) && item.sent === list.sent) {
      item.shared = [...(item.shared ?? []), ...list.titles];
      list.named++;
    }
    items.push(item);
    return item;
  };
  /** A person item for the name [from, to) (token indexes), with the title item it came with if any. */
  const nameItem = (from: number, to: number, start: number, rule: string, extra: Partial<Item> = {}): Item => {
    const item: Item = { kind: 'name', start, end: tokens[to - 1]!.end, startTok: from, endTok: to, sent: sentenceOf(from), name: slice(ctx, tokens[from]!, tokens[to - 1]!), nameStart: tokens[from]!.start, nameEnd: tokens[to - 1]!.end, rule, ...extra };
    const paren = parenthesised(ctx, tokens, to);
    if (paren) item.parenTitle = paren;
    return item;
  };
  /**
   * After a person, bare names joined by `,`/`và` are people too, and share the lead's title when they have none of their
   * own (`Phó Thủ tướng Trần Hồng Hà, Lê Thành Long`; `các bị cáo A, B và C`). Returns the token after the last name.
   */
  const continueNames = (lead: Item, from: number, share: string[]): number => {
    let j = from;
    for (;;) {
      const close = bracketEnd(tokens, j);
      let k = close > 0 ? close : j;
      if (tokens[k]?.text === ',' && tokens[k + 1]?.key === VA) k += 2;
      else if (tokens[k]?.text === ',' || tokens[k]?.key === VA) k += 1;
      else return j;
      const run = nameRunAt(tokens, k);
      if (run === 0 || namedAfter(tokens, k) || sentenceBreak(tokens, k)) return j;
      const after = k + run;
      // A name with its own title (`…, Nguyễn Văn B, Bí thư Đảng ủy xã`) does not share the lead's.
      const own = (tokens[after]?.text === ',' && headAt(tokens, after + 1) > 0) || (tokens[after]?.text === '(' && parenthesised(ctx, tokens, after) !== null);
      push(nameItem(k, after, tokens[k]!.start, 'official.name-list', own ? {} : { shared: share }));
      void lead;
      j = after;
    }
  };

  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    const here = sentenceOf(i);
    if (list && list.sent !== here) list = null;
    if (list) {
      // Inside a shared list: separators, asides and bare names are its parts; anything else ends it.
      if (t.text === ',' || t.text === ';' || t.text === ':' || t.key === VA || t.key === 'các' || t.kind === 'num' || (t.text === '(' && bracketEnd(tokens, i) > 0)) {
        if (t.text === ';') list.semicolon = true;
        i = t.text === '(' ? bracketEnd(tokens, i) : i + 1;
        continue;
      }
      const run = nameRunAt(tokens, i);
      if (run > 0) {
        push(nameItem(i, i + run, t.start, 'official.title-list'));
        i += run;
        continue;
      }
    }
    // Most words open nothing: one look-up tells whether any lexicon the scan starts from holds this one.
    const can = STARTS[t.key] ?? 0;
    if (can === 0) {
      list = null;
      i++;
      continue;
    }
    const prevText = tokens[i - 1]?.text ?? '';
    const read = (can & CAN_TITLE) === 0 ? null : readTitle(tokens, i, prevText === ',' || prevText === '(' || prevText === '–' || prevText === '-' || tokens[i - 1]?.key === VA || tokens[i - 1]?.key === KIEM, givenNames);
    if (read) {
      const item: Item = {
        kind: 'title',
        start: tokens[read.startTok]!.start,
        end: tokens[Math.max(read.endTok, read.titleEndTok) - 1]!.end,
        startTok: read.startTok,
        endTok: read.endTok,
        sent: here,
        title: slice(ctx, tokens[read.startTok]!, tokens[read.titleEndTok - 1]!),
        lowercase: read.lowercase,
        honour: read.honour,
      };
      if (read.localEndTok > 0 && read.localEndTok < read.titleEndTok) item.more = [slice(ctx, tokens[read.startTok]!, tokens[read.localEndTok - 1]!)];
      if (read.shortNameTok >= 0 && read.titleEndTok > read.startTok) {
        const word = tokens[read.shortNameTok]!;
        items.push({ kind: 'short', start: item.start, end: word.end, startTok: read.startTok, endTok: read.endTok, sent: here, title: item.title!, whole: slice(ctx, tokens[read.startTok]!, word), lowercase: read.lowercase, chainFrom: item.chainFrom, plural: item.plural, name: word.text, nameStart: word.start, nameEnd: word.end });
        i = read.endTok;
        continue;
      }
      // `A và B, hai Phó Chủ tịch UBND tỉnh`: a plural word before the title.
      const plural = pluralBefore(tokens, i);
      if (plural >= 0) {
        item.plural = true;
        item.chainFrom = tokens[plural]!.start;
      }
      if (read.nameStartTok >= 0) {
        item.name = slice(ctx, tokens[read.nameStartTok]!, tokens[read.nameEndTok - 1]!);
        item.nameStart = tokens[read.nameStartTok]!.start;
        item.nameEnd = tokens[read.nameEndTok - 1]!.end;
        const paren = read.bracketName ? null : parenthesised(ctx, tokens, read.endTok);
        if (paren) item.parenTitle = paren;
        push(item);
        i = continueNames(item, read.endTok, read.honour ? [] : [item.title!]);
        continue;
      }
      // A lower-case title with no name, nothing before it to chain to and no list after it matters to nobody
      // (`các bộ trưởng`, `đại biểu dự họp`): not kept.
      const linked = matchPhrase(tokens, read.endTok, LIST_LINKS) > 0 || tokens[read.endTok]?.text === ':';
      if (read.lowercase && !linked && !(prevText === ',' || prevText === '(' || prevText === '–' || prevText === '-' || tokens[i - 1]?.key === VA || tokens[i - 1]?.key === KIEM)) {
        i = read.endTok;
        continue;
      }
      push(item);
      i = read.endTok;
      // `các Phó Thủ tướng: A, B và C`, `hai Phó Bí thư là ông A và bà B`: one title shared by a list of names.
      let k = i;
      const link = matchPhrase(tokens, k, LIST_LINKS);
      if (link > 0) k += link;
      if (tokens[k]?.text === ':') k++;
      if (k > i && !item.honour) {
        // `thăng quân hàm Thiếu tướng cho 3 Đại tá: A, B và C`: a list inside a promotion adds its title.
        const titlesNow: string[] = [...(list && list.sent === here && list.named === 0 ? list.titles : []), item.title!];
        list = { titles: titlesNow, sent: here, named: 0 };
        i = k;
      }
      continue;
    }
    // Honorific + name (`đồng chí Ngô Thị Thanh Hằng`) or short mention (`ông Huệ`).
    const honLen = (can & CAN_HONORIFIC) === 0 ? 0 : matchPhrase(tokens, i, HONORIFICS);
    if (honLen > 0) {
      const from = i + honLen;
      // `đồng chí Đại tướng Phan Văn Giang`, `ông Nguyễn Văn A`: a title or a position after the honorific is read on its own.
      if (headAt(tokens, from) > 0 || matchPhrase(tokens, from, HONOURS) > 0) {
        i = from;
        continue;
      }
      const run = nameRunAt(tokens, from);
      if (run > 0) {
        const item = push(nameItem(from, from + run, t.start, 'official.honorific-name', FEMALE_HONORIFICS[honLen === 1 ? t.key : `${t.key} ${tokens[i + 1]!.key}`] === true ? { gender: 'female' } : {}));
        i = continueNames(item, from + run, []);
        continue;
      }
      const next = tokens[from];
      if (next && isNameToken(next) && !isNameToken(tokens[from + 1]) && placeAt(tokens, from) === 0) {
        items.push({ kind: 'short', start: t.start, end: next.end, startTok: i, endTok: from + 1, sent: here, name: next.text, nameStart: next.start, nameEnd: next.end });
        i = from + 1;
        continue;
      }
      // `Ông là Phó Tư lệnh …`, `Bà hiện là …`: a pronoun before a position stands for the person last named.
      const gender = POSITION_OR_ADVERB[tokens[from]?.key ?? ''] === true ? PRONOUNS[honLen === 1 ? t.key : `${t.key} ${tokens[i + 1]!.key}`] : undefined;
      if (gender) {
        const role = readPosition(ctx, from, here);
        if (role) {
          role.subject = 'pronoun';
          role.gender = gender;
          role.start = t.start;
          items.push(role);
          i = role.endTok;
          continue;
        }
      }
    }
    // A position given by a verb after a person (`ông A hiện là …`, `được bổ nhiệm làm …`, `giữ chức …`): only
    // after a person named in the sentence, or for a promotion (whose person may follow).
    const role = (can & CAN_POSITION) !== 0 && (named.last?.sent === here || matchPhrase(tokens, i, PROMOTIONS) > 0) ? readPosition(ctx, i, here) : null;
    if (role) {
      // `thăng quân hàm Thượng tướng cho Trung tướng Lê Quốc Hùng`: the promoted person follows.
      const to = role.endTok + matchPhrase(tokens, role.endTok, PROMOTED_TO);
      if (role.rule === 'official.promotion' && to > role.endTok) {
        list = { titles: [role.title!], sent: here, named: 0 };
        i = to;
        continue;
      }
      const subject = subjectBefore(items, tokens, i, here);
      if (subject) {
        role.subject = subject.kind;
        role.subjectItem = subject.item;
        items.push(role);
        i = role.endTok;
        continue;
      }
    }
    // A bare name that is a person: a title follows in apposition, its middle syllable is `Thị` (only women's names carry it),
    // a verb of speech follows, or a bracket with a birth year or an address (`Trần Văn A (SN 1985, trú …)`).
    const run = (can & CAN_NAME) !== 0 && t.kind === 'cap' && !isNameToken(tokens[i - 1]) ? nameRunAt(tokens, i) : 0;
    if (run > 0 && !namedAfter(tokens, i)) {
      const to = i + run;
      const after = tokens[to];
      let rule: string | null = null;
      const headFrom = to + 1 + (PREFIXES[tokens[to + 1]?.key ?? ''] === true ? 1 : 0);
      if ((after?.text === ',' || after?.text === '-' || after?.text === '–') && tokens[headFrom] !== undefined && (tokens[headFrom]!.kind === 'cap' || headFrom > to + 1) && headAt(tokens, headFrom) > 0) rule = 'official.name-apposition';
      else if (run >= 3 && tokens[i + 1]!.key === THI) rule = 'official.name-thi';
      else if (after?.kind === 'lower' && !after.newlineBefore && matchPhrase(tokens, to, SPEECH_VERBS) > 0) rule = 'official.name-speaks';
      else if (after?.text === '(' && (matchPhrase(tokens, to + 1, PERSON_ASIDES) > 0 || (tokens[to + 1]?.kind === 'num' && (tokens[to + 2]?.key === 'tuổi' || LIFE_SPAN.test(tokens[to + 1]!.text))))) rule = 'official.name-aside';
      else if (after?.kind === 'lower' && !after.newlineBefore && POSITION_OR_ADVERB[after.key] === true && readPosition(ctx, to, here) !== null) rule = 'official.name-position';
      if (rule) {
        const item = push(nameItem(i, to, t.start, rule));
        i = continueNames(item, to, []);
        continue;
      }
    }
    i++;
  }
  return items;
}

/** Index of a plural word right before the title at i (`hai Phó Chủ tịch`, `đều là Ủy viên`), or -1. */
function pluralBefore(tokens: readonly Token[], i: number): number {
  for (let back = 1; back <= 3; back++) {
    const k = i - back;
    if (k < 0) return -1;
    if (matchPhrase(tokens, k, PLURAL_MARKERS) === back) return tokens[k - 1]?.text === ',' || tokens[k - 1]?.text === '(' || tokens[k - 1]?.text === '-' ? k : -1;
  }
  return -1;
}

function skipAdverbs(tokens: readonly Token[], i: number): number {
  let k = i;
  for (let n = 0; n < 4; n++) {
    const len = matchPhrase(tokens, k, ADVERBS);
    if (len === 0) break;
    k += len;
  }
  return k;
}

/**
 * A position given by a verb at token i (after adverbs): `hiện là Phó Thủ tướng`, `được bầu giữ chức Chủ tịch UBND tỉnh`,
 * `được thăng quân hàm từ Đại tá lên Thiếu tướng`. A role item (its subject still to find), or null. A title with its own
 * name after the verb (`là Chủ tịch UBND tỉnh Nguyễn Văn B`) is that person's, not a position: null.
 */
function readPosition(ctx: RuleContext, i: number, sent: number): Item | null {
  const { tokens } = ctx;
  const from = skipAdverbs(tokens, i);
  // The adverbs before the verb, also those the scan passed over before reaching it (`nguyên là`, `lần lượt giữ chức`).
  let back = i;
  while (back > 0 && i - back < 3 && tokens[back - 1]!.kind === 'lower' && ADVERB_WORDS[tokens[back - 1]!.key] === true) back--;
  const adverbs = tokens.slice(back, from);
  const formerly = adverbs.some((x) => FORMERLY[x.key] === true);
  let k = from;
  let rule = 'official.position';
  const copula = matchPhrase(tokens, k, COPULAS);
  const appointment = copula > 0 ? 0 : matchPhrase(tokens, k, APPOINTMENTS);
  const promotion = matchPhrase(tokens, k, PROMOTIONS);
  if (copula > 0) {
    rule = 'official.copula';
    k += copula;
  } else if (appointment > 0 || promotion > 0) {
    if (promotion >= appointment) rule = 'official.promotion';
    k += Math.max(appointment, promotion);
  } else return null;
  if (tokens[k]?.text === ',' && copula === 0) k++;
  for (let n = 0; n < 3; n++) {
    const filler = matchPhrase(tokens, k, FILLERS);
    if (filler === 0 || headAt(tokens, k) > 0) break;
    k += filler;
  }
  // `thăng quân hàm từ Đại tá lên Thiếu tướng`: the rank reached.
  if (tokens[k]?.key === TU) {
    const before = readTitle(tokens, k + 1, false);
    if (before && tokens[before.endTok]?.key === LEN) k = before.endTok + 1;
  }
  const read = wholeTitle(readTitle(tokens, k, false));
  if (!read || read.honour || read.nameStartTok >= 0) return null;
  // `hiện là Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy Lào Cai`: the chain after the verb.
  const reads = [read];
  for (;;) {
    let next = reads[reads.length - 1]!.titleEndTok;
    if (tokens[next]?.text === ',' || tokens[next]?.key === VA) next++;
    else if (tokens[next]?.key === KIEM) next++;
    else break;
    if (tokens[next]?.key === DONG_THOI) next++;
    const more = wholeTitle(readTitle(tokens, next, false));
    if (!more || more.nameStartTok >= 0 || more.honour) break;
    reads.push(more);
  }
  const text = ctx.text;
  const former = (title: string) => (formerly && PREFIXES[tokens[read.startTok]!.key] !== true ? `nguyên ${title}` : title);
  // `giữ chức Chủ tịch và Phó Chủ tịch UBND tỉnh`: heads written bare before the last title share its organisation.
  const last = reads[reads.length - 1]!;
  const org = reads.length > 1 && last.titleEndTok > last.headEndTok ? text.slice(tokens[last.headEndTok]!.start, tokens[last.titleEndTok - 1]!.end) : '';
  const titlesRead = reads.map((r) => former(text.slice(tokens[r.startTok]!.start, tokens[r.titleEndTok - 1]!.end) + (org && r !== last && r.titleEndTok === r.headEndTok ? ` ${org}` : '')));
  const local = read.localEndTok > 0 ? [former(text.slice(tokens[read.startTok]!.start, tokens[read.localEndTok - 1]!.end))] : [];
  const end = last.titleEndTok;
  const role: Item = { kind: 'role', start: tokens[i]!.start, end: tokens[end - 1]!.end, startTok: i, endTok: end, sent, title: titlesRead[0]!, more: [...titlesRead.slice(1), ...local], rule };
  // `ông A và ông B lần lượt giữ chức Chủ tịch và Phó Chủ tịch`: one title each, in order.
  if (reads.length > 1 && adverbs.some((x) => x.key === LUOT)) role.respectively = titlesRead;
  return role;
}

/** Whose is a position at token i: the person item right before (adverbs and a bracket between), or earlier in the sentence across a short aside. */
function subjectBefore(items: readonly Item[], tokens: readonly Token[], i: number, sent: number): { kind: 'prev' | 'sentence'; item: Item } | null {
  let last: Item | undefined;
  for (let n = items.length - 1; n >= 0; n--) {
    const it = items[n]!;
    if (it.kind === 'name' || it.name) {
      last = it;
      break;
    }
    if (it.kind === 'role' || it.sent !== sent) break;
  }
  if (!last || last.sent !== sent) return null;
  let k = last.endTok;
  const close = bracketEnd(tokens, k);
  if (close > 0) k = close;
  // `bầu đồng chí A, Ủy viên Bộ Chính trị, giữ chức …`: the person's own titles in apposition stand between.
  for (let n = items.indexOf(last) + 1; n < items.length; n++) {
    const it = items[n]!;
    if (it.kind !== 'title' || it.name || (tokens[k]?.text !== ',' && tokens[k]?.text !== '-' && tokens[k]?.text !== '–') || it.startTok !== k + 1) break;
    k = it.endTok;
  }
  if (k !== last.endTok && tokens[k]?.text === ',' && skipAdverbs(tokens, k + 1) === i) return { kind: 'prev', item: last };
  const verbAt = skipAdverbs(tokens, k);
  if (verbAt === i || k === i) return { kind: 'prev', item: last };
  // `A được Bộ trưởng Bộ Quốc phòng bổ nhiệm giữ chức …`, `A được Chủ tịch nước thăng quân hàm …`: the agent of a passive
  // stands between the person and the position, its verb ending where the position starts (or being its verb).
  if (tokens[verbAt]?.key === DUOC && i - verbAt <= 14) {
    let verbEnds = matchPhrase(tokens, i, AGENT_VERBS) > 0;
    for (let q = i - 1; q > verbAt && q >= i - 3 && !verbEnds; q--) verbEnds = matchPhrase(tokens, q, AGENT_VERBS) === i - q;
    let clean = verbEnds;
    for (let r = verbAt + 1; r < i && clean; r++) if (tokens[r]!.text === ',' || matchPhrase(tokens, r, SPEECH_VERBS) > 0) clean = false;
    if (clean) return { kind: 'prev', item: last };
  }
  // `Ông A, sinh năm 1970, quê Hà Tĩnh, được bổ nhiệm …`, `Cụ B năm nay 95 tuổi, là …`: an aside closed by a comma, without
  // a verb or a title of its own.
  if (i - k > 12) return null;
  let comma = i;
  while (comma > k && tokens[comma - 1]!.kind === 'lower' && ADVERB_WORDS[tokens[comma - 1]!.key] === true) comma--;
  if (comma - 1 <= k || tokens[comma - 1]!.text !== ',') return null;
  for (let q = k; q < comma - 1; q++) if (headAt(tokens, q) > 0 || matchPhrase(tokens, q, CLAUSE_VERBS) > 0 || matchPhrase(tokens, q, SPEECH_VERBS) > 0) return null;
  return { kind: 'sentence', item: last };
}

/** The people found so far, by fold key of the name and in order of first mention. */
interface People {
  byKey: Map<string, Person>;
  order: Person[];
}

interface Person {
  name: string;
  key: string;
  titles: string[];
  /** Fold keys of `titles`, in the same order. */
  titleKeys: string[];
  mentions: string[];
  span: [number, number];
  rule: string;
  female: boolean;
  /** The given name (last syllable of `key`), and without diacritics once a mention needs it: short mentions compare them. */
  givenKey: string;
  givenBare?: string;
}

function personFor(people: People, name: string, start: number, end: number, rule: string): Person {
  const key = toneKey(name);
  let p = people.byKey.get(key);
  if (!p) {
    p = { name, key, titles: [], titleKeys: [], mentions: [], span: [start, end], rule, female: key.includes(` ${THI} `), givenKey: key.split(' ').pop()! };
    people.byKey.set(key, p);
    people.order.push(p);
  }
  if (!p.mentions.includes(name)) p.mentions.push(name);
  return p;
}

/** An item's titles: its own and the others its phrase gave. */
function titlesOf(item: Item): string[] {
  return item.title ? [item.title, ...(item.more ?? [])] : [];
}

function addTitle(p: Person, title: string): void {
  let end = title.length;
  while (end > 0 && (title[end - 1] === ',' || title[end - 1] === ' ')) end--;
  const cleaned = end === title.length ? title : title.slice(0, end);
  if (!cleaned) return;
  const key = toneKey(cleaned);
  if (p.titleKeys.includes(key)) return;
  p.titles.push(cleaned);
  p.titleKeys.push(key);
}

/** Text between two items that chains their titles: a comma, a dash or bracket after a name, `kiêm`, `đồng thời (là)`, and after a person `và`. */
const CHAIN_BEFORE_NAME = /^\s*(?:[,(–-]|,?\s*(?:kiêm|đồng thời(?:\s+là)?))\s*$/u;
const CHAIN_AFTER_NAME = /^\s*(?:[,(–-]|,?\s*(?:kiêm|và|đồng thời(?:\s+là)?|nguyên là|hiện là|cũng là))\s*$/u;
function chained(ctx: RuleContext, from: number, to: number, afterName: boolean): boolean {
  if (to < from || to - from > 20) return false;
  return (afterName ? CHAIN_AFTER_NAME : CHAIN_BEFORE_NAME).test(ctx.text.slice(from, to));
}
const LIST_JOIN = /^\s*(?:\([^()]{0,80}\))?\s*(?:,|và|,\s*và|;)\s*(?:(?:ông|bà|anh|chị|đồng chí)\s+)?$/u;

export function extractOfficials(ctx: RuleContext): Official[] {
  const items = scan(ctx);
  const people: People = { byKey: new Map(), order: [] };
  const order = people.order;
  const personOf = new Map<Item, Person>();

  // Titles waiting for a name that follows them (`Bí thư Trung ương Đảng, Trưởng ban … Bùi Thị Minh Hoài`).
  let pending: Item[] = [];
  // The person whose appositive title list is still open (`bà X, T1, T2`), and where it last ended.
  let open: { person: Person; end: number } | null = null;
  // People named one after another (`ông A và ông B`): a plural title after them is everyone's.
  let group: Person[] = [];
  let groupEnd = -1;
  let lastPerson: Person | null = null;
  let lastMale: Person | null = null;
  let lastFemale: Person | null = null;
  const shorts: Item[] = [];
  const unnamedTitles: Item[] = [];

  const seen = (person: Person, item: Item) => {
    lastPerson = person;
    if (person.female || item.gender === 'female') {
      person.female = true;
      lastFemale = person;
    } else lastMale = person;
  };

  for (const item of items) {
    // `ông Huệ, Trưởng ban …`, `Thủ tướng Chính`, `ông Huệ hiện là …`: a short mention is the person named before, and
    // takes titles like a full one.
    const shortFor = item.kind === 'short' ? matchShortMention(item.name!, order) : null;
    if (item.kind === 'short' && !shortFor && item.whole) {
      // Nobody goes by that word: the phrase is a title whose organisation ends in it (`Giám đốc Công ty Vinamilk`).
      item.kind = 'title';
      item.title = item.whole;
      item.name = undefined;
    }
    if (item.kind === 'short') {
      shorts.push(item);
      open = null;
      pending = [];
      if (shortFor) {
        personOf.set(item, shortFor);
        for (const title of titlesOf(item)) addTitle(shortFor, title);
        open = { person: shortFor, end: item.nameEnd! };
        lastPerson = shortFor;
        if (shortFor.female) lastFemale = shortFor;
        else lastMale = shortFor;
      }
      continue;
    }
    if (item.kind === 'role') {
      let person: Person | null = null;
      if (item.subjectItem) person = personOf.get(item.subjectItem) ?? null;
      else if (item.subject === 'pronoun') person = item.gender === 'female' ? (lastFemale ?? lastPerson) : item.gender === 'male' ? (lastMale ?? lastPerson) : lastPerson;
      if (person && item.respectively && group.length === item.respectively.length && group[group.length - 1] === person) {
        item.respectively.forEach((title, k) => addTitle(group[k]!, title));
      } else if (person && !item.respectively) {
        for (const title of titlesOf(item)) addTitle(person, title);
        open = { person, end: item.end };
      }
      pending = [];
      continue;
    }
    if (item.kind === 'name' || item.name) {
      const person = personFor(people, item.name!, item.nameStart!, item.nameEnd!, item.rule ?? (item.kind === 'name' ? 'official.honorific-name' : 'official.title-name'));
      personOf.set(item, person);
      const last = pending[pending.length - 1];
      if (last && (chained(ctx, last.end, item.start, false) || (item.kind === 'name' && /^\s*,\s*$/.test(ctx.text.slice(last.end, item.start))))) {
        for (const p of pending) for (const title of titlesOf(p)) addTitle(person, title);
      }
      pending = [];
      for (const title of titlesOf(item)) addTitle(person, title);
      // `các Bộ trưởng: Nguyễn Chí Dũng (Kế hoạch và Đầu tư)`: the bracket names the shared title's ministry.
      const portfolio = item.parenTitle && item.shared?.length === 1 ? withPortfolio(item.shared[0]!, item.parenTitle) : null;
      if (portfolio) addTitle(person, portfolio);
      else {
        for (const s of item.shared ?? []) addTitle(person, s);
        if (item.parenTitle) addTitle(person, item.parenTitle);
      }
      if (groupEnd >= 0 && LIST_JOIN.test(ctx.text.slice(groupEnd, item.start)) && !item.title) group.push(person);
      else group = [person];
      groupEnd = item.nameEnd!;
      open = { person, end: item.nameEnd! };
      seen(person, item);
      continue;
    }
    // A title without a name.
    if (open && chained(ctx, open.end, item.chainFrom ?? item.start, true) && !item.honour) {
      // `ông A và ông B, hai Phó Chủ tịch UBND tỉnh`: a plural title after a list is everyone's in it.
      const holders = item.plural && group.includes(open.person) ? group : [open.person];
      for (const h of holders) for (const title of titlesOf(item)) addTitle(h, title);
      open.end = item.end;
      groupEnd = -1;
      continue;
    }
    open = null;
    groupEnd = -1;
    if (item.lowercase && !item.honour) {
      // A lower-case title opens nothing on its own (`các bộ trưởng, thứ trưởng`), but may chain to one before it.
      const last = pending[pending.length - 1];
      if (last && chained(ctx, last.end, item.start, false)) pending = [...pending, item];
      else pending = [];
      continue;
    }
    const last = pending[pending.length - 1];
    pending = last && chained(ctx, last.end, item.start, false) ? [...pending, item] : [item];
    if (!item.honour) unnamedTitles.push(item);
  }

  // Short mentions join the one person whose given name they are (`ông Huệ` → Vương Đình Huệ).
  for (const s of shorts) {
    const person = matchShortMention(s.name!, order);
    if (person && !person.mentions.includes(ctx.text.slice(s.start, s.end))) person.mentions.push(ctx.text.slice(s.start, s.end));
  }
  // A title without a name links to the person who holds it, when exactly one does.
  if (unnamedTitles.length > 0) {
    const heldWords = order.map((p) => p.titleKeys.map((k) => k.split(' ')));
    for (const t of unnamedTitles) {
      const want = toneKey(t.title!).split(' ');
      // `Thủ tướng yêu cầu` is the Prime Minister, not a `Phó Thủ tướng`: the title must not be preceded by `Phó`.
      const holders = order.filter((_, n) => heldWords[n]!.some((words) => holdsTitle(words, want)));
      if (holders.length === 1 && !holders[0]!.mentions.includes(t.title!)) holders[0]!.mentions.push(t.title!);
    }
  }

  return order.map((p) => ({
    name: p.name,
    titles: dropContainedTitles(p.titles, p.titleKeys),
    mentions: p.mentions,
    span: p.span,
    rule: p.rule,
    implied: [],
  }));
}

/** The person a one-syllable mention refers to: same given name (tone-folded), or nearly the same without diacritics. */
function matchShortMention(given: string, people: readonly Person[]): Person | null {
  const key = toneKey(given);
  const exact = people.filter((p) => p.givenKey === key);
  if (exact.length === 1) return exact[0]!;
  if (exact.length > 1) return null;
  const bare = foldDiacritics(given).toLowerCase();
  const close = people.filter((p) => jaroWinkler((p.givenBare ??= foldDiacritics(p.name.split(' ').pop() ?? '').toLowerCase()), bare) >= 0.94);
  return close.length === 1 ? close[0]! : null;
}

/** Does a held title (its fold key's words) contain the bare title `want` as its own words, not as part of a deputy's title? */
function holdsTitle(words: readonly string[], want: readonly string[]): boolean {
  for (let i = 0; i + want.length <= words.length; i++) {
    if (want.every((w, k) => words[i + k] === w) && words[i - 1] !== PHO) return true;
  }
  return false;
}

/** `Trưởng ban Dân vận` is dropped when `Trưởng ban Dân vận Trung ương` is also there. */
function dropContainedTitles(list: readonly string[], keys: readonly string[]): string[] {
  if (list.length < 2) return [...list];
  return list.filter((_, i) => !keys.some((k, j) => j !== i && k.length > keys[i]!.length && (k.startsWith(keys[i]! + ' ') || k.includes(' ' + keys[i]! + ' ') || k.endsWith(' ' + keys[i]!))));
}

