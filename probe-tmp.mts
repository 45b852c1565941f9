import { extract } from './src/extract/index.ts';
const en = [
  'Prime Minister Pham Minh Chinh on Tuesday asked ministries to disburse VND 700 trillion ($28.5 billion) in public investment this year.',
  'Vietnam\'s GDP grew 5.05% in 2023, lower than the 8.02% recorded in 2022, according to the General Statistics Office.',
  'Party General Secretary To Lam and State President Luong Cuong attended the ceremony in Hanoi on Sept. 2.',
  'Under Decree 100/2019/ND-CP, drivers with alcohol in their blood face fines of up to VND 40 million.',
  'Some 1,200 households in three districts of Quang Nam Province were evacuated, the provincial People\'s Committee said.',
  'Exports in the first 11 months rose 3.8 percent year-on-year to $324.4 billion.',
];
const vi = [
  'Theo Bí thư Thành ủy Hà Nội Bùi Thị Minh Hoài, năm 2024 thành phố phấn đấu tăng trưởng GRDP 6,5-7%.',
  'Đến hết tháng 10, cả nước có 78,8% số xã đạt chuẩn nông thôn mới; 33 tỉnh, thành phố có 100% số xã đạt chuẩn.',
  'Tổng kim ngạch xuất nhập khẩu hàng hóa 9 tháng đạt 578,47 tỷ USD, tăng 16,3% so với cùng kỳ năm trước.',
  'Giá vàng miếng SJC hôm nay tăng 500.000 đồng/lượng, lên 84,5 triệu đồng/lượng.',
  'Đại hội bầu 45 đồng chí vào Ban Chấp hành Đảng bộ tỉnh khóa XVI, nhiệm kỳ 2020-2025.',
];
for (const [lang, texts] of [['en', en], ['vi', vi]] as const) for (const text of texts) {
  const r = extract({ text, published: '2024-01-10', language: lang });
  console.log('\n' + text);
  for (const o of r.officials as any[]) console.log('  OFF', o.name, '|', (o.titles ?? []).join(' / '));
  for (const d of r.documents as any[]) console.log('  DOC', d.code ?? '', d.kind ?? '', d.issuer ?? '', d.date ?? '');
  for (const s of r.statistics as any[]) console.log('  STAT', s.value, s.unit, s.currency ?? '', s.total ?? '', '| ind:', s.indicator ?? '-', '| q:', s.qualifier ?? '', '| ch:', s.change ?? '', '| cmp:', s.comparedTo ?? '', '| up:', s.upper ?? '', '| per:', s.period ?? '');
  for (const d of r.dates as any[]) console.log('  DATE', d.value ?? JSON.stringify(d));
}
