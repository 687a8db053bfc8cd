import { describe, expect, it } from 'vitest';
import { parseBaseUrl } from './serve-command.js';
import { UsageError } from './usage-error.js';

describe('parseBaseUrl', () => {
  it('should take an http or https URL, with a path prefix, without its trailing slash', () => {
    expect(parseBaseUrl('https://gazette.example.gov.cn/', '--base-url')).toBe('https://gazette.example.gov.cn');
    expect(parseBaseUrl('http://10.0.0.5:8080/gazette/', 'GAZETTE_BASE_URL')).toBe('http://10.0.0.5:8080/gazette');
  });

  it('should refuse what is not a base URL, naming where it came from', () => {
    expect(() => parseBaseUrl('gazette.example.gov.cn', '--base-url')).toThrow(UsageError);
    expect(() => parseBaseUrl('ftp://example.gov.cn', 'GAZETTE_BASE_URL')).toThrow(
      'GAZETTE_BASE_URL "ftp://example.gov.cn": expected an http or https URL',
    );
    expect(() => parseBaseUrl('https://example.gov.cn/?a=1', '--base-url')).toThrow(UsageError);
    expect(() => parseBaseUrl('https://user:secret@example.gov.cn', '--base-url')).toThrow(UsageError);
  });
});
