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
  // de
  'lesen sie auch', 'mehr zum thema', 'weitere artikel', 'das könnte sie auch interessieren', 'kommentare',
  'ähnliche artikel', 'verwandte artikel', 'auch interessant', 'meistgelesen', 'artikel teilen', 'teilen',
  // fr
  'à lire aussi', 'lire aussi', 'sur le même sujet', 'articles similaires', 'commentaires', 'voir aussi',
  'les plus lus', 'partager', 'articles liés',
  // pl
  'czytaj też', 'czytaj także', 'zobacz też', 'zobacz także', 'komentarze', 'podobne artykuły', 'polecamy',
  'najczęściej czytane', 'udostępnij',
];
const HEADING_SET = new Set(FURNITURE_HEADINGS);

export function foldLine(s: string): string {
  return s.normalize('NFC').toLowerCase().replace(/[\s\u00a0]+/g, ' ').replace(/^[\s›»>•▶►\-–—|:]+|[\s:›»>•▶►\-–—|(\d)]+$/g, '').trim();
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
  /\b(we use cookies|this (web)?site uses cookies|diese website verwendet cookies|utilise des cookies)\b/i,
];

export function isBoilerplateLine(text: string): boolean {
  const t = text.trim();
  for (const re of BOILERPLATE_PATTERNS) if (re.test(t)) return true;
  return false;
}
