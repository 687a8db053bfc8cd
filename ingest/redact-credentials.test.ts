import { describe, expect, it } from 'vitest';
import { redactCredentials } from './redact-credentials.js';

describe('redactCredentials', () => {
  it('should hide the password of a URL and keep the rest', () => {
    expect(redactCredentials('Redis does not answer at redis://:s3cret@10.0.0.2:6379/0; start it')).toBe(
      'Redis does not answer at redis://:***@10.0.0.2:6379/0; start it',
    );
    expect(redactCredentials('rediss://default:p%40ss@cache.example:6380')).toBe(
      'rediss://default:***@cache.example:6380',
    );
    expect(redactCredentials('Request to http://admin:hunter2@meili.example/indexes has failed')).toBe(
      'Request to http://admin:***@meili.example/indexes has failed',
    );
  });

  it('should hide a lone token before the host, and secrets in the query', () => {
    expect(redactCredentials('redis://tok3n@host:6379')).toBe('redis://***@host:6379');
    expect(redactCredentials('redis://host:6379?password=s3cret&db=1')).toBe('redis://host:6379?password=***&db=1');
    expect(redactCredentials('http://m.example/?apiKey=abc')).toBe('http://m.example/?apiKey=***');
  });

  it('should leave text without credentials as it is', () => {
    for (const text of [
      'redis://127.0.0.1:6379',
      'http://127.0.0.1:7700/indexes/gazette-records/search',
      '区住房和城乡建设局 user@example.gov.cn',
    ])
      expect(redactCredentials(text)).toBe(text);
  });
});
