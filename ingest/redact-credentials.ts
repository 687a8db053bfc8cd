/**
 * Text with the credentials of every URL in it hidden: the password of `scheme://user:password@`
 * (or a lone `scheme://token@`), and the value of query parameters that carry secrets
 * (`?password=…`, which ioredis also reads). Applied to every message that may show a URL or an
 * error naming one: `REDIS_URL` and `MEILI_URL` may hold passwords.
 * @example redactCredentials('Redis does not answer at redis://:s3cret@db:6379') === 'Redis does not answer at redis://:***@db:6379'
 */
export function redactCredentials(text: string): string {
  return text
    .replace(USERINFO, (_match, scheme: string, userinfo: string) => {
      const colon = userinfo.indexOf(':');
      return `${scheme}${colon >= 0 ? `${userinfo.slice(0, colon)}:***` : '***'}@`;
    })
    .replace(SECRET_PARAMETER, '$1***');
}

// scheme://userinfo@ — userinfo up to the first @ before the host, with no space or slash in it.
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@]+)@/gi;
const SECRET_PARAMETER = /([?&](?:password|passwd|pass|pwd|secret|token|auth|api[-_]?key|key)=)[^&\s#]+/gi;
