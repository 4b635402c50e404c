// Every request of the pages goes through here: it sends the API key (if one is set) as a bearer
// token, and turns the service's {"error", "code"} answers into readable errors.
const KEY_STORAGE = 'scouter.apiKey';

export function apiKey() {
  return localStorage.getItem(KEY_STORAGE) || '';
}

export class ApiError extends Error {
  constructor(status, message, code) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export async function getJson(path) {
  const headers = { Accept: 'application/json' };
  const key = apiKey();
  if (key) {
    headers.Authorization = `Bearer ${key}`;
  }
  let response;
  try {
    response = await fetch(path, { headers });
  } catch (e) {
    throw new ApiError(0, `The service did not answer (${e.message})`, 'unreachable');
  }
  const text = await response.text();
  let body = null;
  try {
    // Snapshot ids are 64-bit: keep integers beyond 2^53 as their exact text.
    body = text ? JSON.parse(text, (key, value, context) => (typeof value === 'number' && !Number.isSafeInteger(value)
      && context && /^-?\d+$/.test(context.source) ? context.source : value)) : null;
  } catch {
    // not JSON: reported below with the status
  }
  if (!response.ok) {
    const message = body && body.error ? body.error : `HTTP ${response.status}`;
    const hint = response.status === 401 || response.status === 403 ? ' (set an API key with read access above)' : '';
    throw new ApiError(response.status, message + hint, body && body.code);
  }
  return body;
}

/** The API key field in the page header, kept in localStorage so that it survives reloads. */
export function mountKeyField(slot, onChange) {
  const input = document.createElement('input');
  input.type = 'password';
  input.id = 'api-key';
  input.placeholder = 'API key (optional)';
  input.value = apiKey();
  input.title = 'Sent as "Authorization: Bearer <key>" with every request; stored in this browser only';
  input.addEventListener('change', () => {
    if (input.value) {
      localStorage.setItem(KEY_STORAGE, input.value);
    } else {
      localStorage.removeItem(KEY_STORAGE);
    }
    onChange();
  });
  slot.append(input);
}
