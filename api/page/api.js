// Reading the API: JSON, or a problem that says what went wrong in terms a reader can act on.

/** A failed API read: the HTTP status (0 when the server did not answer), the API's code and message. */
export class ApiProblem extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** The JSON an API address answers, or an ApiProblem. */
export async function getJson(url) {
  let response;
  try {
    response = await fetch(url);
  } catch {
    throw new ApiProblem(0, 'offline', 'the server did not answer');
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiProblem(response.status, body?.code ?? 'error', body?.message ?? response.statusText);
  return body;
}

/**
 * What a reader is told about a problem: a headline and what to do, both plain text (the page
 * puts them in with textContent). `what` names what was being read (检索, 公文 …).
 */
export function problemText(problem, what) {
  if (problem.code === 'not_ingested') {
    return {
      title: '还没有导入任何公报（nothing ingested yet）',
      action: '请先运行 gazette ingest 公报文件或文件夹（例如 gazette ingest corpus/），导入完成后刷新本页。',
    };
  }
  if (problem.code === 'unavailable')
    return {
      title: '检索引擎（Meilisearch）没有响应',
      action: '请稍后重试；若一直如此，请查看 gazette serve 的日志。',
    };
  if (problem.code === 'offline')
    return { title: '无法连接检索服务器', action: '请确认 gazette serve 仍在运行，然后重试。' };
  if (problem.status === 404 || (problem.status === 400 && what === '公文'))
    return { title: `找不到这篇${what}`, action: '链接可能有误或已过期：请用上方的检索框查找。' };
  if (problem.status === 400) return { title: `${what}参数有误：${problem.message}`, action: '请修改检索条件后重试。' };
  if (problem.status < 0)
    return { title: `${what}出错：${problem.message}`, action: '请重试；若一直如此，请报告此问题。' };
  return { title: `${what}出错（${problem.status}）`, action: '服务器已记录此错误，请稍后重试。' };
}
