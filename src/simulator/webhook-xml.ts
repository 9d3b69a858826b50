/**
 * Jamf's XML webhook form (Jamf's default content type): root `<JSSEvent>` with `<webhook>` and
 * `<event>` children, one element per field, nested objects as nested elements, null as an empty
 * element.
 */
export function toJssEventXml(payload: { webhook: Record<string, unknown>; event: Record<string, unknown> }): string {
  return `<?xml version="1.0" encoding="UTF-8"?><JSSEvent>${element('webhook', payload.webhook)}${element('event', payload.event)}</JSSEvent>`;
}

function element(name: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return `<${name}/>`;
  if (Array.isArray(value)) return value.map((item) => element(name, item)).join('');
  if (typeof value === 'object') {
    const children = Object.entries(value as Record<string, unknown>).map(([k, v]) => element(k, v)).join('');
    return `<${name}>${children}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
