import { parseMultipart } from '../../../../src/emulator/groups/media-multipart';

const CRLF = '\r\n';

describe('emulator multipart reader', () => {
  it('when a body has a file part and a field, then both come back with the exact bytes', () => {
    const bytes = Buffer.from([0x00, 0x0d, 0x0a, 0x2d, 0x2d, 0xff]); // CR LF "--" inside the file must survive
    const body = Buffer.concat([
      Buffer.from(`--B${CRLF}Content-Disposition: form-data; name="description"${CRLF}${CRLF}{"title":"t"}${CRLF}`),
      Buffer.from(`--B${CRLF}Content-Disposition: form-data; name="media"; filename="a.png"${CRLF}Content-Type: image/png${CRLF}${CRLF}`),
      bytes,
      Buffer.from(`${CRLF}--B--${CRLF}`),
    ]);
    const parsed = parseMultipart(body, 'B');
    expect(parsed.fields.get('description')).toBe('{"title":"t"}');
    expect(parsed.files.get('media')).toEqual({ filename: 'a.png', contentType: 'image/png', data: bytes });
  });

  it('when the body has no closing delimiter for a part, then that part is ignored', () => {
    const body = Buffer.from(`--B${CRLF}Content-Disposition: form-data; name="media"; filename="a.png"${CRLF}${CRLF}abc`);
    expect(parseMultipart(body, 'B').files.size).toBe(0);
  });
});
