// A writable stream that keeps what is written, as a CLI command's stdout/stderr in tests (not a terminal).
import { Writable } from 'node:stream';

export class Sink extends Writable {
  text = '';
  isTTY = false;
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}
