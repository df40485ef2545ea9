// The page reads only this server's /api/ endpoints (same origin; the CSP allows nothing else).

const cache = new Map();

/** GET /api/<path>?<params> as JSON; empty parameters are left out; answers are cached. */
export async function get(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") query.set(key, value);
  }
  const url = `/api/${path}${query.toString() ? `?${query}` : ""}`;
  if (!cache.has(url)) {
    cache.set(
      url,
      fetch(url, { headers: { Accept: "application/json" } }).then(async (response) => {
        const body = await response.json().catch(() => ({}));
        if (!response.ok) {
          cache.delete(url);
          const error = body.error || {};
          throw new ApiError(error.code || String(response.status), error.message || response.statusText);
        }
        return body;
      }),
    );
  }
  return cache.get(url);
}

/** Every item of a paged list, following `next`, up to `most` items. */
export async function all(path, params = {}, most = 2000) {
  const items = [];
  let offset = 0;
  while (offset !== null && items.length < most) {
    const page = await get(path, { ...params, limit: 500, offset });
    items.push(...page.items);
    offset = page.next;
  }
  return { items: items.slice(0, most), more: offset !== null };
}

export class ApiError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}
