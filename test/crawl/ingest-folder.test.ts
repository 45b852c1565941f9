// A folder ingest meets whatever a folder holds: a dangling symbolic link, a link loop, a link to a
// folder above, a named pipe called *.html (reading it would block forever), a device, a file and a
// folder it may not read, a mostly-UTF-8 file with a few bad bytes. Each bad entry is skipped with one
// line naming it, the rest is stored, and nothing hangs. Run as `nobody` when the tests run as root
// (root reads a chmod 000 file), so that "unreadable" is real.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BIN, ROOT } from '../cli/run-cli.ts';

const isRoot = process.getuid?.() === 0;
const setpriv = isRoot ? spawnSync('sh', ['-c', 'command -v setpriv']).stdout.toString().trim() : '';

describe.skipIf(isRoot && !setpriv)('ingest of a folder with entries it cannot read', () => {
  let top: string;
  beforeAll(() => {
    top = mkdtempSync(join(tmpdir(), 'vnpress-folder-'));
    chmodSync(top, 0o777);
  });
  afterAll(() => {
    spawnSync('chmod', ['-R', 'u+rwx', top]);
    rmSync(top, { recursive: true, force: true });
  });

  it('skips each with one line naming it, stores the rest, and does not hang on a named pipe', () => {
    const folder = join(top, 'pages');
    mkdirSync(folder);
    copyFileSync(join(ROOT, 'fixtures/sites/vnexpress/de-xuat-mo-cua-du-lich-quoc-te-hoan-toan-tu-15-3-4428121.html'), join(folder, 'a-good.html'));
    writeFileSync(join(folder, 'b-good.txt'), 'Sáng 3/9, Thủ tướng Chính phủ chủ trì phiên họp thường kỳ tháng 8.\n\nHội nghị thống nhất 356/382 xã đạt chuẩn nông thôn mới.\n');
    // UTF-8 but for a few stray bytes: read as UTF-8 with a warning, not as mojibake in a legacy charset.
    const mixed = Buffer.concat([Buffer.from('<html><head><title>Tin</title></head><body><article><p>Người dân ở các xã vùng cao đã được hỗ trợ giống cây trồng sau đợt lũ quét; nhiều hộ khôi phục sản xuất.'),
      Buffer.from([0xff, 0xfe]), Buffer.from(' Đại hội Đảng bộ thành phố lần thứ XVII bầu Ban Chấp hành khóa mới gồm 61 đồng chí.</p></article></body></html>')]);
    writeFileSync(join(folder, 'c-mixed.html'), mixed);
    symlinkSync(join(folder, 'no-such-target.html'), join(folder, 'd-dangling.html'));
    symlinkSync(join(folder, 'e-loop.html'), join(folder, 'e-loop.html'));
    symlinkSync(folder, join(folder, 'f-back-up'));
    expect(spawnSync('mkfifo', [join(folder, 'g-pipe.html')]).status).toBe(0);
    symlinkSync('/dev/zero', join(folder, 'h-device.html'));
    writeFileSync(join(folder, 'i-unreadable.html'), '<p>bí mật</p>');
    chmodSync(join(folder, 'i-unreadable.html'), 0o000);
    mkdirSync(join(folder, 'j-closed'));
    writeFileSync(join(folder, 'j-closed', 'inside.html'), '<p>không đọc được</p>');
    chmodSync(join(folder, 'j-closed'), 0o000);
    writeFileSync(join(folder, 'k-picture.jpg'), 'not an input');
    symlinkSync(join(folder, 'gone.jpg'), join(folder, 'l-dangling-picture.jpg'));

    const db = join(top, 'folder.db');
    const args = [BIN, 'ingest', folder, '--db', db];
    const [cmd, argv] = isRoot ? [setpriv, ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, ...args]] : [process.execPath, args];
    const result = spawnSync(cmd, argv, { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(result.error, 'the ingest must not hang').toBeUndefined();
    expect(result.status).toBe(1); // some inputs were skipped
    const lines = result.stderr.trim().split('\n');
    const line = (name: string) => lines.filter((l) => l.includes(join(folder, name)));
    const expectations: [name: string, why: RegExp][] = [
      ['d-dangling.html', /skipped, dangling symbolic link/],
      ['e-loop.html', /skipped, symbolic link loop/],
      ['f-back-up', /skipped, symbolic link loop/],
      ['g-pipe.html', /skipped, a named pipe \(FIFO\), not a file/],
      ['h-device.html', /skipped, a device, not a file/],
      ['i-unreadable.html', /skipped, cannot read \(permission denied\)/],
      ['j-closed', /skipped, cannot read folder \(permission denied\)/],
      ['c-mixed.html', /warning, charset: invalid utf-8 bytes .* replaced/],
    ];
    for (const [name, why] of expectations) {
      expect(line(name), `${name} in:\n${result.stderr}`).toHaveLength(1);
      expect(line(name)[0]).toMatch(why);
      expect(line(name)[0]).toMatch(/^vnpress: /);
    }
    expect(lines, result.stderr).toHaveLength(expectations.length);
    expect(result.stdout).toMatch(/3 new, 0 updated, 0 unchanged, 0 duplicate, 7 skipped/);
    const handle = new Database(db, { readonly: true });
    try {
      const texts = handle.prepare('SELECT text FROM articles ORDER BY url').pluck().all() as string[];
      expect(texts).toHaveLength(3);
      expect(texts[2]).toContain('Người dân ở các xã vùng cao');
      expect(texts[2]).toContain('Đại hội Đảng bộ thành phố');
    } finally {
      handle.close();
    }
    expect(readFileSync(join(folder, 'b-good.txt'), 'utf8')).toContain('356/382');
  }, 180_000);
});
