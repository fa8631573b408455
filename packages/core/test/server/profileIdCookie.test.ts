import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isPlausibleProfileId,
  NINETAILED_ANONYMOUS_ID_COOKIE,
  NinetailedInputError,
  profileIdCookie,
  readProfileIdCookie,
} from '../../src/server/index';

const ID = '3b241101-e2bb-4255-8caf-4136c566a962';

describe('the ntaid cookie', () => {
  it('is named ntaid (v7)', () => {
    expect(NINETAILED_ANONYMOUS_ID_COOKIE).toBe('ntaid');
  });

  it('reads the id from a Cookie header, a bare value or a cookie object', () => {
    expect(readProfileIdCookie(`theme=dark; ntaid=${ID}; other=1`)).toBe(ID);
    expect(readProfileIdCookie(`ntaid=${ID}`)).toBe(ID);
    expect(readProfileIdCookie(`  ntaid = ${ID} `)).toBe(ID);
    expect(readProfileIdCookie(`ntaid="${ID}"`)).toBe(ID);
    expect(readProfileIdCookie(ID)).toBe(ID);
    expect(readProfileIdCookie({ name: 'ntaid', value: ID })).toBe(ID);
    expect(readProfileIdCookie('ntaid=local_profile-01')).toBe('local_profile-01');
  });

  it('ignores hostile or implausible values (the visitor then gets a new profile)', () => {
    const hostile = [
      undefined,
      null,
      42,
      {},
      { value: 42 },
      [],
      '',
      'ntaid=',
      'ntaid',
      'theme=dark',
      `xntaid=${ID}`,
      `ntaid_x=${ID}`,
      `NTAID=${ID}`,
      'ntaid=short',
      `ntaid=${'a'.repeat(65)}`,
      'ntaid=../../../etc/passwd',
      'ntaid=<script>alert(1)</script>',
      'ntaid=abc def ghi',
      'ntaid=%E0%A4%A',
      'ntaid=abcdefgh%0d%0aSet-Cookie:x',
      'ntaid=\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9',
      'ntaid="abcdefgh',
      `ntaid=${ID}=`,
      `${'a=b; '.repeat(20_000)}ntaid=${'x'.repeat(1_000_000)}`,
    ];
    for (const value of hostile)
      expect(readProfileIdCookie(value), String(value).slice(0, 60)).toBeUndefined();
  });

  it('takes the first plausible of several ntaid cookies', () => {
    expect(readProfileIdCookie(`ntaid=<bad>; ntaid=${ID}; ntaid=other-id-1`)).toBe(ID);
    // A header is split on ";": what follows is another cookie, not an attribute of this one.
    expect(readProfileIdCookie('ntaid=abcdefgh; Domain=evil.example')).toBe('abcdefgh');
  });

  it('percent-decodes, then checks (an encoded id is still an id)', () => {
    expect(readProfileIdCookie('ntaid=abc%2Ddef%5F123')).toBe('abc-def_123');
  });

  it('any string in: undefined or a plausible id out, never throwing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const id = readProfileIdCookie(text);
        expect(id === undefined || isPlausibleProfileId(id)).toBe(true);
        const header = readProfileIdCookie(`a=1; ntaid=${text}`);
        expect(header === undefined || /^[A-Za-z0-9_-]{8,64}$/.test(header)).toBe(true);
      }),
    );
  });

  it('renders the Set-Cookie value: Path=/, two years, SameSite=Lax', () => {
    expect(profileIdCookie(ID)).toBe(`ntaid=${ID}; Path=/; Max-Age=63072000; SameSite=Lax`);
    expect(profileIdCookie(ID, { maxAge: 0, domain: '.shop.example', secure: true })).toBe(
      `ntaid=${ID}; Path=/; Max-Age=0; Domain=.shop.example; SameSite=Lax; Secure`,
    );
  });

  it('round-trips: what it renders, readProfileIdCookie reads back', () => {
    const rendered = profileIdCookie(ID).split(';')[0]!;
    expect(readProfileIdCookie(`other=1; ${rendered}`)).toBe(ID);
  });

  it('refuses to render a hostile id or option', () => {
    const bad: Array<[string, object, string]> = [
      ['abc; Domain=evil.example', {}, 'id'],
      ['short', {}, 'id'],
      [ID, { maxAge: -1 }, 'maxAge'],
      [ID, { maxAge: 1.5 }, 'maxAge'],
      [ID, { domain: 'evil.example; Secure' }, 'domain'],
      [ID, { domain: '' }, 'domain'],
    ];
    for (const [id, options, argument] of bad) {
      let error: unknown;
      try {
        profileIdCookie(id, options);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(NinetailedInputError);
      expect((error as NinetailedInputError).argument).toBe(argument);
    }
  });
});
