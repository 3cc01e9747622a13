/**
 * `GET /`: the console page. For now a placeholder that says where things are; the GraphiQL
 * console (issue 6) replaces this file's page.
 */
import type { ServerResponse } from 'node:http';

/** What the page shows. */
export interface ConsolePageInfo {
  readonly graphqlUrl: string;
  readonly userPoolId: string;
  readonly clientId: string;
  readonly users: readonly string[];
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Renders the placeholder page. */
export function consolePage(info: ConsolePageInfo): string {
  const users = info.users.map((user) => `<li><code>${escapeHtml(user)}</code></li>`).join('');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Helpdesk API emulator</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem">
<h1>Helpdesk API emulator</h1>
<p>The console (sign in as a seeded user, pick the ID or access token, run queries) is coming soon.</p>
<p>GraphQL endpoint: <code>POST ${escapeHtml(info.graphqlUrl)}</code> with the token in the <code>Authorization</code> header.</p>
<p>User pool <code>${escapeHtml(info.userPoolId)}</code>, app client <code>${escapeHtml(info.clientId)}</code>. Users:</p>
<ul>${users}</ul>
</body>
</html>
`;
}

/** Sends the page. */
export function sendConsolePage(res: ServerResponse, info: ConsolePageInfo): void {
  const html = consolePage(info);
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'cache-control': 'no-store',
  });
  res.end(html);
}
