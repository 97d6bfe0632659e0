import { describe, expect, it } from 'vitest';
import { safeNext } from './SignIn';

describe('safeNext', () => {
  const origin = 'https://fg.example';
  it('follows a path of the app, with its query', () => {
    expect(safeNext('/pipeline?mine=1&q=%D0%9A', origin)).toBe('/pipeline?mine=1&q=%D0%9A');
    expect(safeNext('/tenders/42#lanes', origin)).toBe('/tenders/42#lanes');
  });
  it('never leads off the app, or back to sign-in', () => {
    for (const next of [null, '', 'https://evil.example/', '//evil.example/x', '/\\evil.example', '\\/evil.example',
      '/\t/evil.example', '/\n/evil.example', 'javascript:alert(1)', '/sign-in?next=/x', 'pipeline',
      '/.//evil.example', '/x/..//evil.example', '/%2e//evil.example']) {
      expect(safeNext(next, origin), String(next)).toBe('/');
    }
  });
});
