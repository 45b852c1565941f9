// Page-furniture vocabulary shared by the HTML and the plain-text cleaners. Vietnamese first,
// then the languages of the development set (English, German, French, Polish), because the
// generic extractor meets them all. Lines are compared after NFC, lower-casing and trimming
// trailing colons/arrows, so `Tin liên quan:` and `TIN LIÊN QUAN »` both match.

/** Headings that open a related-articles, "more news" or comments block. */
const FURNITURE_HEADINGS = [
  // vi
  'tin liên quan', 'bài liên quan', 'bài viết liên quan', 'tin tức liên quan', 'tin cùng chuyên mục',
  'cùng chuyên mục', 'bài cùng chuyên mục', 'đọc thêm', 'có thể bạn quan tâm', 'bạn có thể quan tâm',
  'có thể bạn muốn xem', 'tin khác', 'các tin khác', 'tin tức khác', 'bài khác', 'các bài khác', 'xem thêm',
  'nên xem', 'đừng bỏ lỡ', 'tin mới', 'tin mới nhất', 'tin mới hơn', 'tin cũ hơn', 'tin nổi bật', 'tin đọc nhiều',
  'đọc nhiều', 'đọc nhiều nhất', 'xem nhiều', 'xem nhiều nhất', 'tin xem nhiều', 'tin hot', 'tiêu điểm', 'ý kiến bạn đọc',
  'ý kiến', 'bình luận', 'viết bình luận', 'gửi bình luận', 'gửi ý kiến', 'các bài mới đăng', 'các bài đã đăng',
  'các tin đã đưa', 'các tin mới', 'tham khảo thêm', 'tin bài liên quan', 'chủ đề', 'từ khóa', 'từ khoá', 'tags',
  'tin ảnh', 'video nổi bật', 'tin cùng loại', 'bài đọc nhiều', 'mới nhất', 'chuyên mục',
  // en
  'related', 'related articles', 'related stories', 'related posts', 'related news', 'related content',
  'related coverage', 'related links', 'related topics', 'read more', 'read also', 'also read', 'see also', 'more from',
  'more stories', 'more news', 'more on this story', 'more on this topic', 'you may also like', 'you might also like',
  'recommended', 'recommended for you', 'most read', 'most popular', 'most viewed', 'trending', 'trending now',
  'comments', 'leave a comment', 'leave a reply', 'post a comment', 'add a comment', 'share this', 'share this article',
  'share this story', 'share', 'latest news', 'top stories', 'popular posts', 'recent posts',
  'about the author', 'about the authors', 'more information', 'while you are here', 'related reading',
  'more from this author', 'further reading', 'sign up for our newsletter', 'newsletter',
  // de
  'über den autor', 'über die autorin', 'über die autoren', 'zum autor', 'zur autorin', 'kontakt', 'pressekontakt',
  'weitere informationen', 'mehr informationen', 'zum weiterlesen', 'weiterlesen', 'mehr themen', 'schon gelesen',
  'lust auf mehr', 'das könnte dich auch interessieren', 'weitere beiträge', 'auch lesenswert', 'mehr zum thema',
  'quellen', 'quellenangaben', 'downloads', 'diesen artikel teilen', 'artikel bewerten', 'eine antwort schreiben',
  'kommentieren', 'kommentar schreiben', 'lesen sie auch', 'mehr zum thema', 'weitere artikel', 'das könnte sie auch interessieren', 'kommentare',
  'ähnliche artikel', 'verwandte artikel', 'auch interessant', 'meistgelesen', 'artikel teilen', 'teilen',
  // fr
  'à lire aussi', 'lire aussi', 'sur le même sujet', 'articles similaires', 'commentaires', 'voir aussi',
  'les plus lus', 'partager', 'articles liés', 'à propos de l’auteur', "à propos de l'auteur", 'publier un commentaire',
  'laisser un commentaire', 'dans la même rubrique', 'à voir aussi',
  // es
  'noticias relacionadas', 'te puede interesar', 'también te puede interesar', 'lee también', 'más noticias',
  'comentarios', 'compartir', 'sobre el autor',
  // pl
  'czytaj też', 'czytaj także', 'zobacz też', 'zobacz także', 'komentarze', 'podobne artykuły', 'polecamy',
  'najczęściej czytane', 'udostępnij', 'o autorze', 'czytaj więcej',
];
const HEADING_SET = new Set(FURNITURE_HEADINGS);

// Any whitespace but a single space: `\s` holds no-break and ideographic spaces and the BOM too.
const UNTIDY_SPACE = /[^\S ]| {2}/;

/** `s.replace(/\s+/g, ' ')`, without building a new string when every gap already is one space (most text). */
export function collapseSpaces(s: string): string {
  return UNTIDY_SPACE.test(s) ? s.replace(/\s+/g, ' ') : s;
}

// Marks trimmed off a line's start and end before comparing (`» Tin liên quan:`, `Read more (3)…`).
const LEAD_MARKS = new Set([...' ›»>•▶►-–—|:'].map((c) => c.charCodeAt(0)));
const TRAIL_MARKS = new Set([...' :›»>•▶►-–—|()?!.…0123456789'].map((c) => c.charCodeAt(0)));

export function foldLine(s: string): string {
  const t = collapseSpaces(s.normalize('NFC').toLowerCase());
  // Spaces are single ' ' here, so the marks are matched by character code instead of by regex.
  let start = 0;
  let end = t.length;
  while (start < end && LEAD_MARKS.has(t.charCodeAt(start))) start++;
  while (end > start && TRAIL_MARKS.has(t.charCodeAt(end - 1))) end--;
  return (start === 0 && end === t.length ? t : t.slice(start, end)).trim();
}

/** A block that is only a furniture heading (`Tin liên quan`, `Read more:`, `Lesen Sie auch`). */
export function isFurnitureHeading(text: string): boolean {
  if (text.length > 48) return false;
  return HEADING_SET.has(foldLine(text));
}

// Short lines that are never article prose: copyright, share/print/login prompts, image ids,
// gallery labels, "back to top". Tested per line, on lines under ~200 characters.
const BOILERPLATE_PATTERNS: RegExp[] = [
  /^(©|\(c\)|copyright\b)/i,
  /\ball rights reserved\b|\btous droits réservés\b|\balle rechte vorbehalten\b|\bwszelkie prawa zastrzeżone\b/i,
  /^(bản quyền|giữ bản quyền|ghi rõ nguồn)/i,
  // Image ids and gallery labels left by CMS exports: `4201 2b389c6e81347d6a2425`, `4203 image gallery 5`.
  /^\d{2,}\s+[0-9a-f]{12,}$/i,
  /^\d*\s*(image|photo)\s+gallery\s*\d*$/i,
  /^(ảnh|photo|image|foto)\s*\d+\s*(\/|of|trên)\s*\d+$/i,
  // Login/share/print prompts.
  /^đăng nhập( để .*)?$/i,
  /^(đăng ký|đăng xuất|quên mật khẩu)$/i,
  /^(chia sẻ|chia sẻ bài viết|chia sẻ qua|in bài|in bài viết|gửi bài|gửi email|lưu bài|lưu bài viết|quay lại|trở về|về đầu trang|lên đầu trang|phiên bản di động|bản in|bản mobile)(\s*[:|].*)?$/i,
  /^(zalo|facebook|twitter|x|linkedin|email|e-mail|print|tweet|pinterest|whatsapp|telegram|messenger|copy link|sao chép liên kết)(\s*[|/,·]\s*(zalo|facebook|twitter|x|linkedin|email|e-mail|print|tweet|pinterest|whatsapp|telegram|messenger|copy link))*$/i,
  /^(share|share on|share via|share this|tweet this|email this|print this|print|back to top|log ?in|sign ?in|sign up|subscribe|subscribe now)\b.{0,30}$/i,
  /^(mã xác nhận|họ tên|họ và tên|số điện thoại|tiêu đề|nội dung|email của bạn|địa chỉ email)\s*[:(*]/i,
  /^(follow us|folgen sie uns|suivez-nous|obserwuj nas)\b/i,
  // Photo credits: `Foto: dpa`, `(Bild: Privat)`, `Ảnh: TTXVN`, `Getty Images`, `AFP / NAME`.
  /^[([]?\s*(foto|fotos|photo|photos|bild|bilder|image|images|credit|credits|crédits?( photos?)?|quelle|source|ảnh|nguồn ảnh|zdjęcie|fot\.?)\s*:/i,
  /^\(?(foto|bild|photo|ảnh)\s*:?[^.]{0,60}\)$/i,
  /^.{0,60}(getty images|shutterstock|imago images|picture alliance|istock(photo)?|dpa|afp|reuters|ap photo|keystone|wenn\.com)\s*\)?$/i,
  /\b(we use cookies|this (web)?site uses cookies|diese website verwendet cookies|utilise des cookies|korzystamy z (plików )?cookies)\b/i,
  // Ad labels left where an ad slot was.
  /^(quảng cáo|advertisement|advertising|sponsored|anzeige|werbung|publicidad|publicité|reklama|pub)$/i,
  // Newsletter, app and social prompts (`Sign up for our newsletter…`, `Melde dich hier für unseren Newsletter an`).
  /^(?=.{0,300}$)(?=.*\b(newsletter|podcast|e-?paper|app|apps|telegram|whatsapp|instagram|facebook|twitter)\b).*\b(sign(ing)? up|subscribe|subscription|abonn\w*|anmeld\w*|melde\w* dich|inscri\w*|suscr[ií]b\w*|s[ií]guenos|follow|folge|folgen|download|herunterladen|zapisz|subskrypc\w*|đăng ký|theo dõi)\b/i,
  /^(if you (enjoyed|liked|value)|support (our|independent) journalism|we want to hear what you think|never miss (the latest|a story))/i,
  /^(sie (sind|müssen sich) (aktuell )?(nicht )?(eingeloggt|einloggen)|you must be logged in|vous devez être connecté)/i,
  /^(?=.{0,200}$)(?=.*\bnewsletters?\b).*\b(sign(ing)? up|subscribe|abonn\w*|anmeld\w*|inscri\w*|suscr\w*|register|join|erhalten sie|bestellen|kostenlos|gratis|free|hier|here|jetzt|now)\b/i,
  /^(?=.{0,60}$)[^.!?]*\bnewsletters?\b[^.!?]*$/i,
  /^(?=.{0,160}$)(subscribe|abonnieren|abonnez|suscr[ií]bete|zapisz się|đăng ký nhận)\b/i,
  /^(?=.{0,300}$).*\b(already a subscriber|subscribers? (also )?(receive|get)|become a (member|subscriber)|hazte (miembro|socio)|jetzt abonnieren|abonnent(in)? werden|get (regular|the latest|our) updates|stay (informed|up to date|in the know))\b/i,
  // Meta labels on their own line: `Aktualisiert: 03.04.2020`, `Last modified:`, `Publikacja:`, `Autoren:`, `Staff Writer`.
  /^(?=.{0,80}$)(aktualisiert|updated|last (updated|modified)|published|publikacja|aktualizacja|veröffentlicht|veröffentlichung|erschienen in|release date|ultima modifica|pubblicato|posted on|publié le|mis à jour|actualizado|publicado|autoren|autorin|authors?|źródło|category|kategorie|rubrik|schlagworte|cập nhật|đăng lúc)\s*(:|am\b|le\b|on\b|$)/i,
  /^(staff writer|staff reporter|contributing writer|senior writer|redakcja|redaktion)$/i,
  // Photo credits in agency/PHOTOGRAPHER form and stock-photo names: `AFP / MARCO BERTORELLO`, `iStock.com`, `(crédito: …)`, `Bild via …`.
  /^.{0,60}(istock(photo)?\.com|adobe ?stock|unsplash|pixabay|pexels)\s*\)?$/i,
  /^[([]?\s*(crédito|credito|créditos|fotografía|bildquelle|bildnachweis|fotonachweis|photo credit|image credit)\s*:/i,
  /^(?=.{0,80}$)(bild|foto|photo|image) via\b/i,
  // Advertising and affiliate disclosures, opinion and reprint disclaimers.
  /^(?=.{0,200}$)[*\-–\s]*(anzeige|werbung|advertisement|sponsored|publicidad|reklama)(\s*[-–:,.*]|$)/i,
  /^(?=.{0,300}$).*\b(affiliate[- ]links?|advertising disclosure|advertising disclaimer|we may (earn|receive) (a )?(small )?(commission|compensation)|partnerlinks?|provisionslinks?|enthält werbung|werbelinks?)\b/i,
  /^(?=.{0,300}$).*\b(not responsible for the (opinions|content)|views expressed (here|in this)|meinung des autors wieder|copyrighted property|written permission (must|is required)|may not be (re)?published|reproduction (is )?prohibited)\b/i,
  // Share, print and comment prompts in more languages.
  /^(compartir( nota)?|imprimir|rezept drucken|artikel drucken|drucken|drukuj|print (this )?(article|recipe|page)|email (this )?article|möchten sie (den|diesen) artikel teilen\??|diesen beitrag teilen|kommentar (verfassen|schreiben)|schreibe einen kommentar|deine e-mail-adresse.*|ihre e-mail-adresse.*|your email address.*|bild anzeigen|zum shop|mehr anzeigen|show more|load more|mehr laden|weiterlesen|read more|lire la suite|leer más|czytaj dalej|xem tiếp)$/i,
  /^(?=.{0,160}$).*\b(um kommentare zu (schreiben|verfassen)|to (post|leave|write) a comment|in den kommentaren|dans les commentaires|en los comentarios)\b/i,
  // Reading prompts between blocks: `Story continues below advertisement`, `Scroll to read more…`, `Click here to…`,
  // `Mời quý độc giả theo dõi…`.
  /^(?=.{0,160}$)((the )?(story|article|text) continues (below|after)|continue reading (below|after)|scroll (down )?to (read|continue|see)|click here (to|for)\b|tap here to|klicken sie hier|hier klicken|cliquez ici|haga clic aquí|kliknij tutaj)/i,
  /^(?=.{0,200}$)mời (bạn đọc|quý vị|quý độc giả|độc giả) (xem|theo dõi|đón đọc|gửi)/i,
  // Inline teaser links: `MIRA: headline`, `Lesen Sie auch: headline`, `READ MORE: headline`, `Xem thêm: headline`.
  /^(?=.{0,200}$)(mira|mire|lee también|lea también|lee|lea|ver también|véase|read more|read also|also read|see also|watch|lesen sie auch|lesen sie|lies auch|mehr dazu|czytaj też|czytaj także|czytaj|zobacz też|zobacz|xem thêm|đọc thêm|lire aussi|à lire aussi)\s*:\s*[^\s.!?][^.!?]*$/i,
];

// `AFP / MARCO BERTORELLO`, `dpa/PETER KNEFFEL`: an agency, a slash and a name in capitals.
const AGENCY_CREDIT = /^\(?(afp|dpa|epa|ap|reuters|getty|ddp|kna|pap|ttxvn|ansa|efe|xinhua|imago)\s*\/\s*([^/()]{2,60}?)\)?$/i;

// All patterns share the `i` flag and use no back-references, so "any of them matches" is one test of
// their alternation: two calls into the regex engine per line instead of one per pattern. The patterns
// anchored at the start become one `^(?:…|…)`, which the engine tries at the start only (an alternation
// of `^…` branches would be tried at every position).
const alternation = (sources: string[], prefix = ''): RegExp => new RegExp(`${prefix}(?:${sources.map((s) => `(?:${s})`).join('|')})`, 'i');
const anchored = BOILERPLATE_PATTERNS.filter((re) => re.source.startsWith('^') && !hasTopLevelBar(re.source));
const ANCHORED_BOILERPLATE = alternation(anchored.map((re) => re.source.slice(1)), '^');
const FLOATING_BOILERPLATE = alternation(BOILERPLATE_PATTERNS.filter((re) => !anchored.includes(re)).map((re) => re.source));

/** Does a pattern have a `|` outside groups and classes (`^a|b` is not anchored as a whole)? */
function hasTopLevelBar(source: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') { i++; continue; }
    if (inClass) { if (c === ']') inClass = false; continue; }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

export function isBoilerplateLine(text: string): boolean {
  const t = text.trim();
  if (ANCHORED_BOILERPLATE.test(t) || FLOATING_BOILERPLATE.test(t)) return true;
  const credit = AGENCY_CREDIT.exec(t);
  return !!credit && credit[2] === credit[2]!.toUpperCase();
}

// The publication appealing to its reader: a short paragraph that names something the site offers
// (its app, newsletter, channel, magazine, subscription, membership, a donation) and either speaks to
// the reader (you, du/dich, mid-sentence Sie, vous/tu, usted/tú, Państwo, quý vị/quý độc giả, "mời" —
// not "bạn đọc", which news uses for readers in general; Polish "zapraszamy", Spanish "únete"), or, for a medium it publishes (app, newsletter, channel, magazine),
// names it as "ours" (our, unser, notre, nuestro, nasz, chúng tôi) in at most 200 characters. News about
// an app or a quote about "our members" has one of these without the other. (`Get the latest news on
// your phone with the X app.`, `Schauen Sie mal in unseren Musiknewsletter!`, `¡Mira lo que tiene
// nuestro canal de YouTube!`, `Werden Sie Mitglied und erhalten Sie exklusive Angebote!`.)
// Words are delimited by any letter or digit (JavaScript's \b knows ASCII only: `ứng dụng`, `đăng ký`);
// German compounds hold the word anywhere (`Musiknewsletter`, `Podcast-Episode`): it is searched for unbounded.
const W0 = '(?<![\\p{L}\\p{N}])';
const W1 = '(?![\\p{L}\\p{N}])';
const OFFER_WORDS = 'apps?|newsletters?|podcasts?|e-?paper|abos?|abonnements?|subscriptions?|subscribe|suscri\\p{L}*|subskrypcj\\p{L}*|prenumerat\\p{L}*|channel|canal|kanal|kênh|ứng dụng|bản tin|fanpage|telegram|whatsapp|youtube|instagram|tiktok|magazin\\p{L}*|magazine|tygodnik\\p{L}*|member(ship)?|mitglied\\p{L}*|miembro|membre|thành viên|donat\\p{L}*|spende\\p{L}*|darowizn\\p{L}*|donaci\\p{L}*|ủng hộ|paywall|bezahlschranke|sign up|anmelden|inscri\\p{L}*|đăng ký';
const MEDIUM_WORDS = 'apps?|newsletters?|podcasts?|e-?paper|channel|canal|kanal|kênh|ứng dụng|bản tin|magazin\\p{L}*|magazine|tygodnik\\p{L}*';
const COMPOUND = '(newsletter|podcast|magazin)';
const OFFER = new RegExp(`${COMPOUND}|${W0}(${OFFER_WORDS})${W1}`, 'iu');
const OWN_MEDIUM = new RegExp(`${W0}(our|unser\\p{L}*|notre|nos|nuestr\\p{L}*|nasz\\p{L}*|chúng tôi)${W1}.{0,40}(${COMPOUND}|${W0}(${MEDIUM_WORDS})${W1})`, 'iu');
// Lower-case "ihr" and sentence-initial "Sie" are also "her"/"they": only the unambiguous forms count.
const READER = new RegExp(`${W0}(you|your|du|dich|dir|dein\\p{L}*|euch|euer\\p{L}*|vous|votre|vos|tu|ton|ta|tes|usted\\p{L}*|tú|tus|ty|cię|ciebie|twój|twoj\\p{L}*|wasz\\p{L}*|państw\\p{L}*|mời|quý vị|quý độc giả|zapraszamy|wesprzyj|únete|síguenos)${W1}`, 'iu');
const READER_SIE = /\p{Ll}\s+(Sie|Ihnen)(?![\p{L}])/u;

// The offer words as plain substrings: one cheap scan rules out nearly every line before the word-bounded tests.
const OFFER_HINT = /app|abo|newsletter|podcast|paper|subscri|suscri|subskryp|prenumer|channel|canal|kanal|kênh|ứng dụng|bản tin|fanpage|telegram|whatsapp|youtube|instagram|tiktok|magazin|tygodnik|member|mitglied|miembro|membre|thành viên|donat|spende|darowizn|donaci|ủng hộ|paywall|bezahlschranke|sign up|anmelden|inscri|đăng ký/i;

export function isReaderAppeal(text: string): boolean {
  if (text.length > 300 || !OFFER_HINT.test(text) || !OFFER.test(text)) return false;
  return READER.test(text) || READER_SIE.test(text) || (text.length <= 200 && OWN_MEDIUM.test(text));
}

// Headings that open a box of other articles, matched by how they begin (`Mehr zum Thema auf UEPO.de`,
// `Weitere Beiträge aus der Kolumne:`, `More from Science`, `Lesen Sie auch die folgenden Beiträge:`,
// `Tin liên quan đến dự án`). Only for a heading element or a short line ending with a colon: a
// sub-heading such as `Mehr Geld für Schulen` or `More than a game` starts with none of them.
const RELATED_HEADING_STARTS = [
  // en
  'more from ', 'more on ', 'more about ', 'more stories', 'more news', 'more articles', 'related stories', 'related articles',
  'related coverage', 'related news', 'related posts', 'related content', 'related links', 'related topics', 'related reading', 'related videos',
  'read more', 'read also', 'also read', 'see also', 'you may also', 'you might also', 'recommended ',
  'further reading', 'keep reading', "don't miss", 'do not miss', 'latest from ', 'most read', 'most popular',
  'other stories', 'explore more', 'discover more', 'previous article', 'next article', 'up next',
  // de
  'mehr zum thema', 'mehr zu diesem', 'mehr aus ', 'mehr von ', 'mehr kolumnen', 'mehr artikel', 'mehr beiträge',
  'mehr news', 'mehr nachrichten', 'weitere beiträge', 'weitere artikel', 'weitere news', 'weitere nachrichten',
  'weitere meldungen', 'weitere themen', 'weitere kolumnen', 'lesen sie auch', 'lesen sie mehr', 'das könnte',
  'auch interessant', 'ebenfalls interessant', 'entdecke weitere', 'entdecken sie weitere', 'vorschau auf',
  'zum weiterlesen', 'passend dazu', 'passend zum thema', 'nächster artikel', 'vorheriger artikel',
  // fr
  'à lire aussi', 'lire aussi', 'à lire également', 'sur le même sujet', 'voir aussi', 'dans la même rubrique',
  'nos autres', 'les plus lus', "plus d'articles", 'article suivant', 'article précédent',
  // es
  'te puede interesar', 'también te puede', 'lee también', 'lea también', 'más noticias', 'más sobre ',
  'noticias relacionadas', 'artículos relacionados', 'te recomendamos', 'no te pierdas', 'siguiente artículo',
  // pl
  'czytaj też', 'czytaj także', 'zobacz też', 'zobacz także', 'przeczytaj też', 'przeczytaj także',
  'więcej na ten temat', 'polecamy', 'podobne artykuły', 'najczęściej czytane',
  // vi
  'tin liên quan', 'bài liên quan', 'bài viết liên quan', 'tin bài liên quan', 'xem thêm', 'đọc thêm',
  'tin cùng chuyên mục', 'cùng chuyên mục', 'có thể bạn quan tâm', 'tin khác', 'các tin khác', 'tin đọc nhiều', 'bài đọc nhiều',
];

// Grouped by first character: a line is compared with the few starts that can match it.
const RELATED_BY_FIRST = new Map<string, string[]>();
for (const start of RELATED_HEADING_STARTS) {
  const list = RELATED_BY_FIRST.get(start[0]!);
  if (list) list.push(start); else RELATED_BY_FIRST.set(start[0]!, [start]);
}

export function isRelatedHeading(text: string): boolean {
  if (text.length > 80) return false;
  const t = foldLine(text);
  const starts = RELATED_BY_FIRST.get(t[0] ?? '');
  if (starts) for (const start of starts) if (t.startsWith(start)) return true;
  return false;
}
