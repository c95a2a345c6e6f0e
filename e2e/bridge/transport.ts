/** Test-only: posts one channel's call to the loopback bridge with the page's token (see client.ts). */
const token = document.querySelector('meta[name="ceremony-bridge-token"]')?.getAttribute('content') ?? '';

export async function bridgeInvoke(channel: string, req: unknown): Promise<unknown> {
  const response = await fetch(`/__bridge/ipc/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(req ?? {}),
  });
  if (!response.ok) throw new Error(`bridge refused the call: HTTP ${response.status}`);
  return response.json();
}
