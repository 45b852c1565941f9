// The generic extractor's page-level rules on hand-built pages (English, German, Vietnamese):
// pre-parse stripping, page-wide header wrappers, <br> lists, the lead before the body, the title,
// and the furniture line vocabulary — each with phrasings that must stay as well as ones that go.
import { describe, expect, it } from 'vitest';
import { cleanHtml } from '../../src/clean/index.ts';
import { isBoilerplateLine, isFurnitureHeading, isReaderAppeal, isRelatedHeading } from '../../src/clean/furniture.ts';
import { stripInert } from '../../src/clean/strip.ts';

const prose = (n: number, lang: 'en' | 'vi' = 'en'): string => lang === 'en'
  ? `Paragraph ${n} of the report describes how the city council debated the new budget, with figures, quotes from officials and the reaction of residents who attended the long public hearing.`
  : `Đoạn ${n} của bài viết nói về phiên họp của Hội đồng nhân dân thành phố, với số liệu cụ thể, ý kiến của đại biểu và phản hồi của người dân tham dự buổi tiếp xúc cử tri.`;
const body = (n: number, lang: 'en' | 'vi' = 'en'): string => Array.from({ length: n }, (_, i) => `<p>${prose(i + 1, lang)}</p>`).join('\n');

describe('stripInert', () => {
  it('drops scripts, styles, svg, noscript and comments but keeps JSON-LD', () => {
    const html = '<head><script>var a = "<p>x</p>";</script><style>p{}</style><script type="application/ld+json">{"@type":"NewsArticle"}</script></head>'
      + '<body><!-- note --><svg><path d="M0"/></svg><noscript><p>enable js</p></noscript><p>kept</p></body>';
    const out = stripInert(html);
    expect(out).toContain('{"@type":"NewsArticle"}');
    expect(out).toContain('<p>kept</p>');
    for (const gone of ['var a', 'p{}', 'note', '<path', 'enable js']) expect(out).not.toContain(gone);
  });

  it('reads end tags the way browsers do and never swallows the page on broken markup', () => {
    // `</script` closed by the `>` of a following comment; `<!-->` is an empty comment.
    const html = '<script src="x.js"></script\n  <!-- plugin --><p>first</p><!--><p>second</p><script>unclosed <p>rest</p>';
    const out = stripInert(html);
    expect(out).toContain('<p>first</p>');
    expect(out).toContain('<p>second</p>');
    expect(out).toContain('<p>rest</p>');
  });

  it('removes nested nav/aside by depth when asked, keeps an unclosed one', () => {
    const html = '<nav><ul><li>Home</li></ul><nav>inner</nav>still nav</nav><p>article</p><aside>sidebar text</aside><aside>open';
    const out = stripInert(html, true);
    expect(out).toContain('<p>article</p>');
    for (const gone of ['Home', 'inner', 'still nav', 'sidebar text']) expect(out).not.toContain(gone);
    expect(out).toContain('<aside>open');
    expect(stripInert(html)).toContain('Home');
  });

  it('unwraps a post body shipped in a text/template script, not a UI template', () => {
    const post = `<script type="text/template">${body(3)}</script>`;
    expect(stripInert(post)).toContain(prose(2));
    const ui = `<script type="text/template"><p>{{title}}</p><p>{{a}}</p><p>{{b}}</p></script>`;
    expect(stripInert(ui)).not.toContain('{{title}}');
  });
});

describe('page structure', () => {
  it('keeps the article when a template wraps the whole page in <header>', () => {
    const page = `<html><body><header id="header" class="header"><div class="menu-bar"><a href="/">Home</a> <a href="/news">News</a></div>
      <div id="page"><div class="article-body">${body(5)}</div></div></header></body></html>`;
    const art = cleanHtml(page);
    expect(art.paragraphs).toHaveLength(5);
    expect(art.text).not.toContain('Home');
  });

  it('still drops a small page header', () => {
    const page = `<html><body><header><p>Subscribe to the Daily Ledger for only one dollar a week, the offer of this whole season.</p></header>
      <article>${body(4)}</article></body></html>`;
    expect(cleanHtml(page).text).not.toContain('Daily Ledger');
  });

  it('does not let a comma-rich list of names split by <br> win over the prose', () => {
    const names = Array.from({ length: 60 }, (_, i) => `<strong>Signer Number${i}</strong>, University ${i}<br>`).join('\n');
    const page = `<html><body><div class="entry">${body(3)}<table><tr><td>${names}</td></tr></table></div></body></html>`;
    const art = cleanHtml(page);
    expect(art.text).toContain(prose(1));
    expect(art.text).toContain(prose(3));
  });

  for (const [kind, markup] of [
    ['h2 lead in its own block', (lead: string) => `<div class="intro"><h2>${lead}</h2></div>`],
    ['lead paragraph in the header under the title', (lead: string) => `<p class="standfirst">${lead}</p><div class="byline">By Jane Roe</div>`],
  ] as const) {
    it(`keeps the lead before the body container (${kind}) and drops the title`, () => {
      const lead = 'The council approved the budget late on Tuesday after a debate that ran for more than six hours.';
      const page = `<html><head><title>Council approves budget | The Ledger</title><meta property="og:title" content="Council approves budget"></head>
        <body><div class="wrap"><h1>Council approves budget</h1>${markup(lead)}
        <div class="article-text">${body(4)}</div></div><div class="sidebar-teaser"><p>Another story, with its own long teaser sentence that is not part of this article at all.</p></div></body></html>`;
      const art = cleanHtml(page);
      expect(art.paragraphs[0]).toBe(lead);
      expect(art.text).not.toContain('Council approves budget');
      expect(art.text).not.toContain('Another story');
      expect(art.paragraphs).toHaveLength(5);
    });
  }

  it('a Vietnamese page: sapo kept, related box and furniture lines gone', () => {
    const sapo = 'Sáng 12/3, Hội đồng nhân dân thành phố khai mạc kỳ họp chuyên đề, xem xét nhiều nội dung quan trọng về đầu tư công.';
    const page = `<html><body><h1>Khai mạc kỳ họp chuyên đề</h1><h2 class="sapo">${sapo}</h2>
      <div class="detail-content">${body(4, 'vi')}<p>Quảng cáo</p><p>Xem thêm: Hà Nội khánh thành cầu mới bắc qua sông Hồng</p>
      <p>Đăng ký nhận bản tin để không bỏ lỡ tin tức mới nhất</p></div></body></html>`;
    const art = cleanHtml(page);
    expect(art.paragraphs[0]).toBe(sapo);
    expect(art.paragraphs).toHaveLength(5);
  });
});

describe('JSON-LD articleBody', () => {
  const ld = (text: string): string => `<script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', headline: 'Budget', articleBody: text })}</script>`;
  const full = [prose(1), prose(2), prose(3), prose(4)].join('\n');

  it('stands in when the page renders its body by script', () => {
    const lead = 'A short teaser sentence that the page shows above the script-rendered story, and nothing else.';
    const page = `<html><head>${ld(full)}</head><body><div class="teaser"><p>${lead}</p></div><div id="app"></div></body></html>`;
    const art = cleanHtml(page);
    expect(art.paragraphs).toEqual([lead, prose(1), prose(2), prose(3), prose(4)]);
  });

  it('is not used when the DOM pick is already long', () => {
    const page = `<html><head>${ld('Only a short structured summary of the report.')}</head><body><article>${body(4)}</article></body></html>`;
    expect(cleanHtml(page).paragraphs).toEqual([prose(1), prose(2), prose(3), prose(4)]);
  });
});

describe('furniture vocabulary', () => {
  it('drops prompts, labels, credits and teaser links in several languages', () => {
    for (const line of [
      'Sign up for our newsletter to get the latest news', 'Mit unserem Newsletter erhalten Sie jede Woche die besten Geschichten',
      'Advertisement', 'Anzeige', '- Anzeige -', '*Werbung. Dieser Beitrag enthält Werbung für eine Marke.',
      'This post contains affiliate links; we may earn a commission.', 'Aktualisiert: 03.04.2020', 'Last modified:', 'Publikacja:',
      'Staff Writer', 'AFP / MARCO BERTORELLO', 'iStock.com', 'Bildnachweis: Privat', 'READ MORE: Council approves budget',
      'MIRA: Madre se acerca a conocer los motivos', 'Xem thêm: Hà Nội khánh thành cầu mới', 'Kommentar verfassen',
      'Sie müssen sich einloggen, um sich an einer Diskussion beteiligen zu können.',
      'The views expressed in this article are those of the author.',
      'Story continues below advertisement', 'Scroll to read more Restaurant reviews articles', 'Click here to see the gallery',
      'Mời quý độc giả theo dõi các video clip tại kênh của báo',
    ]) expect(isBoilerplateLine(line), line).toBe(true);
  });

  it('keeps prose that merely mentions the same words', () => {
    for (const line of [
      'The newsletter industry grew by a fifth last year, according to the trade association.',
      'Advertisement spending fell sharply in the second quarter as companies cut their budgets.',
      'Updated figures from the ministry show that unemployment fell to 5.1 percent in March.',
      'See the full list of winners at the end of this report, which the jury published on Monday.',
      'Werbung ist für viele Verlage die wichtigste Einnahmequelle, sagte der Verbandschef.',
    ]) expect(isBoilerplateLine(line), line).toBe(false);
  });

  it('knows tail headings (author boxes, contacts, "more from") but not ordinary headings', () => {
    for (const h of ['Über den Autor', 'About the author', 'Lust auf mehr?', 'Schon gelesen?', 'Kontakt:', 'O autorze', 'Noticias relacionadas'])
      expect(isFurnitureHeading(h), h).toBe(true);
    for (const h of ['The budget in numbers', 'Was die Autoren fordern', 'Kết quả kỳ họp']) expect(isFurnitureHeading(h), h).toBe(false);
  });

  it('knows the publication appealing to its reader, in any language, and not news that mentions the same things', () => {
    for (const line of [
      'Get the latest news straight to your phone with the VI Consortium app.',
      'Do you want to be informed of our actions? Sign up for the newsletter here',
      'Sie möchten wöchentliche Produktvorstellungen? Schauen Sie mal in unseren Musiknewsletter!',
      'Werden Sie Mitglied bei uns und erhalten Sie exklusive Angebote!',
      'Lesen Sie das Magazin: einfach digital in der App oder im Shop als Abo.',
      '¡Mira lo que tiene nuestro canal de YouTube!',
      '¿Ya sabías que tenemos canal de Telegram? Únete desde tu celular en este enlace.',
      'Zapraszamy też do subskrypcji tygodnika i oglądania naszych audycji.',
      'Czytasz nowy rodzaj materiału. Wesprzyj nas darowizną.',
      'Mời bạn đọc tải ứng dụng của báo để nhận tin nhanh nhất.',
      'Quý độc giả có thể đăng ký nhận bản tin hằng ngày tại đây.',
      'Abonnez-vous à notre newsletter pour recevoir nos articles.',
    ]) expect(isReaderAppeal(line), line).toBe(true);
    for (const line of [
      'The app is available for download on iOS and Android from Thursday, the company said.',
      'Zum Empfang kamen auch die Mitglieder der Bundesregierung. Unser Vorsitzender nutzte die Gelegenheit zum Gespräch.',
      'Danni Büchner hat ihren Instagram-Account auf privat gestellt. Ihr Credo dürfte aber weiterhin gelten.',
      'Sie informieren sich bei Instagram und YouTube und handeln per Smartphone-App.',
      '"We will launch the new version of the app next spring," the chief executive told investors.',
      'Ứng dụng VNeID đã có hơn 50 triệu tài khoản được kích hoạt tính đến cuối tháng 6.',
      'Bạn đọc có thể đăng ký thẻ trực tuyến trên cổng thông tin của thư viện, với lệ phí 50.000 đồng mỗi năm.',
    ]) expect(isReaderAppeal(line), line).toBe(false);
  });

  it('knows headings that open a box of other articles by how they begin, not sub-headings', () => {
    for (const h of ['Mehr zum Thema auf UEPO.de', 'Weitere Beiträge aus der Kolumne:', 'More from Science', 'Related coverage from our partners',
      'Lesen Sie auch die folgenden Beiträge:', 'À lire aussi sur le sujet', 'Te puede interesar:', 'Czytaj także:', 'Tin liên quan đến dự án', 'Xem thêm:'])
      expect(isRelatedHeading(h), h).toBe(true);
    for (const h of ['Mehr Geld für Schulen', 'More than a game', 'Weitere Maßnahmen geplant', 'Related to the budget, the mayor said more', 'Tin vui cho người lao động', 'Lesen lernen mit sechs'])
      expect(isRelatedHeading(h), h).toBe(false);
  });

  it('drops such a heading and the links after it inside a long article, and keeps the prose that follows', () => {
    const page = `<html><body><article><h1>Council approves budget</h1>${body(3)}<h3>More from City Hall</h3><ul><li><a href="/a">Mayor names new police chief after long search</a></li><li><a href="/b">Parking fees to rise in the city centre next year</a></li></ul>${body(6).split('\n').slice(3).join('\n')}</article></body></html>`;
    const art = cleanHtml(page);
    expect(art.paragraphs).toEqual([prose(1), prose(2), prose(3), prose(4), prose(5), prose(6)]);
  });
});
